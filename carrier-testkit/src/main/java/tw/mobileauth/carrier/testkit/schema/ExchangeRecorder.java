package tw.mobileauth.carrier.testkit.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Validates exchanges one by one and keeps the tally: how many conforming exchanges each
 * operation had, and every violation. Thread-safe, so a fake network's handler threads can share one.
 *
 * <pre>{@code
 * ExchangeRecorder recorder = new ExchangeRecorder(ExchangeValidator.forReferenceProfiles());
 * recorder.record(exchange);            // for each request the fakes served
 * recorder.assertAllValid();            // names every violation
 * System.out.println(recorder.summary()); // "validated 12 exchanges of operation phoneNumberVerify" …
 * }</pre>
 */
public final class ExchangeRecorder {

    private final ExchangeValidator validator;
    private final Map<String, Long> validated = new TreeMap<>();
    private final Map<String, Long> rejected = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    /**
     * Creates one.
     *
     * @param validator the validator value
     */
    public ExchangeRecorder(ExchangeValidator validator) {
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /**
     * Validates {@code exchange}, counts it under its operation, and returns its violations.
     *
     * @param exchange the exchange value
     * @return the violations, never null
     */
    public List<Violation> record(Exchange exchange) {
        ExchangeValidator.Result r = validator.check(exchange);
        synchronized (this) {
            if (r.valid()) {
                validated.merge(r.operation(), 1L, Long::sum);
            } else {
                rejected.merge(r.operation(), 1L, Long::sum);
                failures.add(ExchangeValidator.describe(exchange, r.violations()));
            }
        }
        return r.violations();
    }

    /** {@return conforming exchanges per operationId, sorted by operationId} */
    public synchronized Map<String, Long> validatedCounts() {
        return Collections.unmodifiableMap(new TreeMap<>(validated));
    }

    /**
     * Exchanges with at least one violation, per operationId (or {@code METHOD path}).
     *
     * @return the long>
     */
    public synchronized Map<String, Long> rejectedCounts() {
        return Collections.unmodifiableMap(new TreeMap<>(rejected));
    }

    /**
     * {@return the conforming exchanges of {@code operationId} so far}
     *
     * @param operationId the operation id
     */
    public synchronized long validated(String operationId) {
        return validated.getOrDefault(operationId, 0L);
    }

    /** {@return all exchanges recorded so far} */
    public synchronized long total() {
        return validated.values().stream().mapToLong(Long::longValue).sum()
                + rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * {@return one line per operation, {@code validated N exchanges of operation X}, then one per rejected operation}
     */
    public synchronized String summary() {
        StringBuilder sb = new StringBuilder();
        validated.forEach((op, n) -> sb.append("validated ").append(n).append(n == 1 ? " exchange" : " exchanges")
                .append(" of operation ").append(op).append('\n'));
        rejected.forEach((op, n) -> sb.append("REJECTED ").append(n).append(n == 1 ? " exchange" : " exchanges")
                .append(" of operation ").append(op).append('\n'));
        return sb.toString();
    }

    /**
     * Passes when every recorded exchange conformed.
     *
     * @throws AssertionError listing every failing exchange with its violations
     */
    public synchronized void assertAllValid() {
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + total() + " exchanges break the CAMARA definitions:\n"
                    + String.join("\n", failures));
        }
    }
}
