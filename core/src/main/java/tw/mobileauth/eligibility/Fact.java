package tw.mobileauth.eligibility;

import java.util.Objects;
import java.util.Optional;

/**
 * One eligibility fact: either {@link Known} with a value, or {@link Unknown}.
 *
 * <p>This is how the eligibility package represents UNKNOWN: as an explicit value, never as
 * {@code null}. Every accessor of {@link EligibilityFacts} returns a {@code Fact}; a rule tests
 * it with {@code instanceof Fact.Known<T> known} and reads {@code known.value()}, or uses
 * {@link #asOptional()}.
 *
 * <pre>{@code
 * if (!(facts.accessNetwork() instanceof Fact.Known<AccessNetwork> network)) {
 *     return RuleOutcome.unknown(FactName.ACCESS_NETWORK);
 * }
 * return network.value() == AccessNetwork.WIFI ? RuleOutcome.violated(ReasonCode.NETWORK_WIFI)
 *                                               : RuleOutcome.satisfied();
 * }</pre>
 *
 * @param <T> the type of the value when it is known
 */
public sealed interface Fact<T> permits Fact.Known, Fact.Unknown {

    /**
     * {@return a known fact}
     *
     * @param value the value, never null
     * @param <T> the type of the value
     * @throws NullPointerException if {@code value} is null (use {@link #unknown()} instead)
     */
    static <T> Fact<T> known(T value) {
        return new Known<>(value);
    }

    /**
     * {@return the unknown fact; one shared instance for every type}
     *
     * @param <T> the type of the value
     */
    @SuppressWarnings("unchecked")
    static <T> Fact<T> unknown() {
        return (Fact<T>) Unknown.INSTANCE;
    }

    /**
     * {@return a fact from an {@link Optional}: known when the optional holds a value, unknown when empty}
     *
     * @param value the optional value, never null
     * @param <T> the type of the value
     */
    static <T> Fact<T> fromOptional(Optional<T> value) {
        Objects.requireNonNull(value, "value");
        return value.isPresent() ? known(value.get()) : unknown();
    }

    /** {@return whether the value is known} */
    boolean isKnown();

    /** {@return whether the value is unknown; the opposite of {@link #isKnown()}} */
    default boolean isUnknown() {
        return !isKnown();
    }

    /** {@return the value, or an empty optional when unknown} */
    Optional<T> asOptional();

    /**
     * {@return the value, or {@code fallback} when unknown}
     *
     * @param fallback what to return when the fact is unknown, never null
     */
    T orElse(T fallback);

    /**
     * A fact whose value is known.
     *
     * @param value the value, never null
     * @param <T>   the value type
     */
    record Known<T>(T value) implements Fact<T> {

        /**
         * @param value the value
         * @throws NullPointerException if {@code value} is null
         */
        public Known {
            Objects.requireNonNull(value, "value (use Fact.unknown() for an unknown fact)");
        }

        /** Always {@code true}. */
        @Override
        public boolean isKnown() {
            return true;
        }

        /** The value, present. */
        @Override
        public Optional<T> asOptional() {
            return Optional.of(value);
        }

        /** The value; {@code fallback} is not used. */
        @Override
        public T orElse(T fallback) {
            return value;
        }

        /** The value's own {@code toString()}. */
        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    /**
     * A fact whose value is unknown. Use {@link Fact#unknown()}: there is one shared instance.
     *
     * @param <T> the type the value would have
     */
    final class Unknown<T> implements Fact<T> {

        private static final Unknown<Object> INSTANCE = new Unknown<>();

        private Unknown() {
        }

        /** Always {@code false}. */
        @Override
        public boolean isKnown() {
            return false;
        }

        /** Always empty. */
        @Override
        public Optional<T> asOptional() {
            return Optional.empty();
        }

        /**
         * Returns {@code fallback}.
         *
         * @throws NullPointerException if {@code fallback} is null
         */
        @Override
        public T orElse(T fallback) {
            return Objects.requireNonNull(fallback, "fallback");
        }

        /** {@code "UNKNOWN"}. */
        @Override
        public String toString() {
            return "UNKNOWN";
        }
    }
}
