package tw.mobileauth.carrier.testkit.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault the fake registry injects into the next calls of one endpoint: the same kinds as the
 * fake carrier networks' {@code Fault} (whose accessors are not public, hence this mirror).
 * Immutable; by default it applies once, {@link #times(int)} makes a copy that applies n times.
 *
 * <p>Most faults act like an infrastructure problem in front of the registry: they apply before
 * the signature is checked, so nothing is consumed (the request's {@code jti} stays unseen). The
 * exceptions: {@link #latency(Duration)} delays, then serves normally;
 * {@link #wrongCorrelator()} and {@link #missingCorrelator()} serve normally with a wrong echo or
 * none; {@link #resetAfterProcessing()} and {@link #latencyAfterProcessing(Duration)} serve in
 * full (the {@code jti} is spent) and only then lose or delay the answer.
 */
public final class RegistryFault {

    enum Kind {
        LATENCY, LATENCY_AFTER_PROCESSING, STATUS, ERROR, RATE_LIMITED, MALFORMED_JSON, CONNECTION_RESET,
        RESET_AFTER_PROCESSING, WRONG_CORRELATOR, MISSING_CORRELATOR, RAW
    }

    private final Kind kind;
    private final Duration duration;
    private final int status;
    private final String code;
    private final String contentType;
    private final String body;
    private final int times;

    private RegistryFault(Kind kind, Duration duration, int status, String code, String contentType, String body,
            int times) {
        this.kind = kind;
        this.duration = duration;
        this.status = status;
        this.code = code;
        this.contentType = contentType;
        this.body = body;
        this.times = times;
    }

    private static RegistryFault of(Kind kind, Duration duration, int status, String code) {
        return new RegistryFault(kind, duration, status, code, "", "", 1);
    }

    /**
     * Waits {@code delay}, then serves the request normally.
     *
     * @param delay the delay value
     * @return the registry fault
     * @throws IllegalArgumentException if {@code delay} is negative or longer than 60 s
     */
    public static RegistryFault latency(Duration delay) {
        return of(Kind.LATENCY, checkedDelay(delay), 0, "");
    }

    /**
     * Serves the request in full, then waits {@code delay} before answering: past the client's
     * time-out, the answer that arrives too late.
     *
     * @param delay the delay value
     * @return the registry fault
     * @throws IllegalArgumentException if {@code delay} is negative or longer than 60 s
     */
    public static RegistryFault latencyAfterProcessing(Duration delay) {
        return of(Kind.LATENCY_AFTER_PROCESSING, checkedDelay(delay), 0, "");
    }

    /**
     * {@return a server error with an error body: 500 {@code INTERNAL}, 502 {@code BAD_GATEWAY}, 503
     * {@code UNAVAILABLE} or 504 {@code TIMEOUT}}
     *
     * @param httpStatus the http status
     * @throws IllegalArgumentException for any other status (use {@link #error(int, String)})
     */
    public static RegistryFault status(int httpStatus) {
        String code = switch (httpStatus) {
            case 500 -> "INTERNAL";
            case 502 -> "BAD_GATEWAY";
            case 503 -> "UNAVAILABLE";
            case 504 -> "TIMEOUT";
            default -> throw new IllegalArgumentException("status() takes 500, 502, 503 or 504; for " + httpStatus
                    + " use RegistryFault.error(status, code)");
        };
        return of(Kind.STATUS, Duration.ZERO, httpStatus, code);
    }

    /**
     * {@return any error answer {@code {"status":…,"code":…,"message":…}}, e.g. {@code error(403, "PERMISSION_DENIED")}}
     *
     * @param httpStatus the http status
     * @param code the raw code, as the other side sent it
     * @throws IllegalArgumentException if the status is not 400-599 or the code is blank
     */
    public static RegistryFault error(int httpStatus, String code) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("an error status must be 400-599, was " + httpStatus);
        }
        Objects.requireNonNull(code, "code");
        if (code.isBlank()) {
            throw new IllegalArgumentException("code must not be blank");
        }
        return of(Kind.ERROR, Duration.ZERO, httpStatus, code);
    }

    /**
     * {@return {@code 429 TOO_MANY_REQUESTS} with {@code Retry-After} in whole seconds (rounded up)}
     *
     * @param retryAfter the other side's Retry-After, if it sent one
     * @throws IllegalArgumentException if {@code retryAfter} is negative
     */
    public static RegistryFault rateLimited(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
        }
        return of(Kind.RATE_LIMITED, retryAfter, 429, "TOO_MANY_REQUESTS");
    }

    /** {@return {@code 200} with {@code Content-Type: application/json} and a body that is not valid JSON} */
    public static RegistryFault malformedJson() {
        return of(Kind.MALFORMED_JSON, Duration.ZERO, 200, "");
    }

    /**
     * Closes the connection without any HTTP answer; the client sees an I/O error.
     *
     * @return the registry fault
     */
    public static RegistryFault connectionReset() {
        return of(Kind.CONNECTION_RESET, Duration.ZERO, 0, "");
    }

    /**
     * Serves the request in full (its {@code jti} is spent), then closes the connection without the answer.
     *
     * @return the registry fault
     */
    public static RegistryFault resetAfterProcessing() {
        return of(Kind.RESET_AFTER_PROCESSING, Duration.ZERO, 0, "");
    }

    /**
     * Serves the request normally, but the answer's {@code x-correlator} is another value.
     *
     * @return the registry fault
     */
    public static RegistryFault wrongCorrelator() {
        return of(Kind.WRONG_CORRELATOR, Duration.ZERO, 0, "");
    }

    /**
     * Serves the request normally, but the answer has no {@code x-correlator} header.
     *
     * @return the registry fault
     */
    public static RegistryFault missingCorrelator() {
        return of(Kind.MISSING_CORRELATOR, Duration.ZERO, 0, "");
    }

    /**
     * {@return any raw answer, e.g. a proxy's page ({@code raw(502, "text/html", "<html>…")}) or a 200 whose
     * JSON lacks the result ({@code raw(200, "application/json", "{}")})}
     *
     * @param httpStatus the http status
     * @param contentType the content type
     * @param body the body
     * @throws IllegalArgumentException if the status is not 200-599 or the content type is blank
     */
    public static RegistryFault raw(int httpStatus, String contentType, String body) {
        if (httpStatus < 200 || httpStatus > 599) {
            throw new IllegalArgumentException("status must be 200-599, was " + httpStatus);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        if (contentType.isBlank()) {
            throw new IllegalArgumentException("contentType must not be blank");
        }
        return new RegistryFault(Kind.RAW, Duration.ZERO, httpStatus, "", contentType, body, 1);
    }

    /**
     * {@return the same fault for the next {@code n} calls}
     *
     * @param n the n value
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public RegistryFault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + n);
        }
        return new RegistryFault(kind, duration, status, code, contentType, body, n);
    }

    /** {@return how many calls this fault applies to; default 1} */
    public int times() {
        return times;
    }

    Kind kind() {
        return kind;
    }

    Duration duration() {
        return duration;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String contentType() {
        return contentType;
    }

    String body() {
        return body;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RegistryFault[").append(kind);
        if (kind == Kind.LATENCY || kind == Kind.LATENCY_AFTER_PROCESSING || kind == Kind.RATE_LIMITED) {
            sb.append(' ').append(duration);
        }
        if (status != 0) {
            sb.append(' ').append(status);
        }
        if (!code.isEmpty()) {
            sb.append(' ').append(code);
        }
        return sb.append(" x").append(times).append(']').toString();
    }

    private static Duration checkedDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("latency must be 0-60 s, was " + delay);
        }
        return delay;
    }
}
