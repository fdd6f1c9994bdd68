package tw.mobileauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The caller sent input that breaks a rule: one or more fields were rejected.
 *
 * <p>This is the one checked exception for rejected input across the SDK. It carries every field
 * error found, never just the first, each with a {@link FieldReason} and a zh-TW/English message
 * that says how to fix it. Rejected input is not a bug: "we failed" errors use other types.
 *
 * <p>{@link #getMessage()} lists the errors in English with field names and reason codes. It
 * never contains the rejected values, which are personal data.
 *
 * <p>Combine errors from several fields with {@link #collector()} or {@link #merge}.
 */
public final class InvalidInputException extends Exception {

    /** The field errors in the order found; immutable, never empty. */
    private final List<FieldError> errors;

    /**
     * An exception listing {@code errors} in the given order.
     *
     * @param errors the field errors; copied
     * @throws NullPointerException     if {@code errors} or any element is null
     * @throws IllegalArgumentException if {@code errors} is empty
     */
    public InvalidInputException(List<FieldError> errors) {
        this.errors = nonEmpty(List.copyOf(errors));
    }

    /**
     * An exception for a single field error.
     *
     * @param error the field error
     * @throws NullPointerException if {@code error} is null
     */
    public InvalidInputException(FieldError error) {
        this.errors = List.of(error);
    }

    /**
     * Shorthand for a single error with the standard message, {@link FieldError#of(String, FieldReason)}.
     *
     * @param field  the field's API name
     * @param reason why it was rejected
     * @return the exception, never null
     */
    public static InvalidInputException of(String field, FieldReason reason) {
        return new InvalidInputException(FieldError.of(field, reason));
    }

    /**
     * One exception holding the errors of {@code first} followed by those of each of {@code more}, in order.
     *
     * @param first the first exception
     * @param more  further exceptions, may be empty
     * @return the combined exception, never null
     */
    public static InvalidInputException merge(InvalidInputException first, InvalidInputException... more) {
        Collector collector = collector();
        collector.addAll(first);
        for (InvalidInputException e : more) {
            collector.addAll(e);
        }
        return new InvalidInputException(collector.errors);
    }

    /**
     * A new, empty collector that gathers field errors from many parses and throws them all at once.
     *
     * <pre>{@code
     * var errors = InvalidInputException.collector();
     * Optional<NationalId> id = errors.attempt(() -> NationalId.parse(rawId));
     * Optional<MobileNumber> phone = errors.attempt(() -> MobileNumber.parse(rawPhone));
     * errors.throwIfAny();
     * }</pre>
     *
     * @return a new collector; not thread-safe
     */
    public static Collector collector() {
        return new Collector();
    }

    /** @return every field error, in the order found; immutable and never empty */
    public List<FieldError> errors() {
        return errors;
    }

    /**
     * @param field a field's API name
     * @return the errors for that field, in order; empty if it has none
     */
    public List<FieldError> errorsFor(String field) {
        return errors.stream().filter(e -> e.field().equals(field)).collect(Collectors.toUnmodifiableList());
    }

    /**
     * @param field  a field's API name
     * @param reason a reason
     * @return whether this exception holds an error for exactly that field and reason
     */
    public boolean has(String field, FieldReason reason) {
        return errors.stream().anyMatch(e -> e.field().equals(field) && e.reason() == reason);
    }

    /**
     * The errors in English, e.g. {@code "Invalid input (2 errors): nationalId (BAD_CHECKSUM): …; name (REQUIRED): …"}.
     * Never contains the rejected values.
     */
    @Override
    public String getMessage() {
        return describe(errors);
    }

    private static List<FieldError> nonEmpty(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one field error");
        }
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder("Invalid input (")
                .append(errors.size()).append(errors.size() == 1 ? " error): " : " errors): ");
        for (int i = 0; i < errors.size(); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(errors.get(i));
        }
        return sb.toString();
    }

    /** Something that parses input and may reject it. */
    @FunctionalInterface
    public interface Attempt<T> {
        /**
         * @return the parsed value, not null
         * @throws InvalidInputException if the input is rejected
         */
        T get() throws InvalidInputException;
    }

    /**
     * Gathers field errors, in order, so that a form reports all of them at once.
     * Made by {@link InvalidInputException#collector()}; not thread-safe.
     */
    public static final class Collector {

        private final List<FieldError> errors = new ArrayList<>();

        private Collector() {
        }

        /**
         * Runs {@code attempt}; on rejection records its errors and returns empty.
         *
         * @param attempt the parse to run
         * @param <T>     the parsed type
         * @return the parsed value, or empty if it was rejected (or returned null)
         */
        public <T> Optional<T> attempt(Attempt<T> attempt) {
            try {
                return Optional.ofNullable(attempt.get());
            } catch (InvalidInputException e) {
                addAll(e);
                return Optional.empty();
            }
        }

        /**
         * Records one error.
         *
         * @param error the error
         * @return this collector
         */
        public Collector add(FieldError error) {
            errors.add(Objects.requireNonNull(error, "error"));
            return this;
        }

        /**
         * Records one error with the standard message.
         *
         * @param field  the field's API name
         * @param reason why it was rejected
         * @return this collector
         */
        public Collector add(String field, FieldReason reason) {
            return add(FieldError.of(field, reason));
        }

        /**
         * Records every error of {@code e}.
         *
         * @param e a rejection
         * @return this collector
         */
        public Collector addAll(InvalidInputException e) {
            errors.addAll(e.errors());
            return this;
        }

        /** @return whether no error has been recorded */
        public boolean isEmpty() {
            return errors.isEmpty();
        }

        /** @return an exception with every recorded error, or empty if there is none */
        public Optional<InvalidInputException> toException() {
            return errors.isEmpty() ? Optional.empty() : Optional.of(new InvalidInputException(errors));
        }

        /**
         * Throws an exception listing every recorded error, if there is any.
         *
         * @throws InvalidInputException if at least one error was recorded
         */
        public void throwIfAny() throws InvalidInputException {
            Optional<InvalidInputException> e = toException();
            if (e.isPresent()) {
                throw e.get();
            }
        }
    }
}
