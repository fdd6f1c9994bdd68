package tw.mobileauth.carrier.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault the fake networks inject into the next calls of one endpoint. Immutable; by default it
 * applies once, {@link #times(int)} makes a copy that applies n times. Injected with
 * {@link FaultInjector#inject(String, Endpoint, Fault)}.
 *
 * <p>Most faults act like an infrastructure problem in front of the carrier: they apply before
 * the token is checked, so nothing is consumed (a code stays redeemable, a single-use token
 * unused). The exceptions:
 * <ul>
 *   <li>{@link #latency(Duration)} delays, then the request is served normally;</li>
 *   <li>{@link #wrongCorrelator()} and {@link #missingCorrelator()} are served normally, with a
 *       wrong echo or none, and
 *       {@link #wrongNonce()} with a wrong {@code nonce} in the ID token;</li>
 *   <li>{@link #resetAfterProcessing()} and {@link #latencyAfterProcessing(Duration)} act
 *       <em>behind</em> the carrier: the request is processed in full (a code is redeemed, a
 *       single-use token spent, a token issued) and only then is the answer lost or delayed, as
 *       when a connection drops or a proxy stalls on the way back;</li>
 *   <li>at {@link Endpoint#AUTHORIZE}, {@link #invalidState()} and {@link #oauthError(int, String)}
 *       change the redirect back to the client.</li>
 * </ul>
 */
public final class Fault {

    enum Kind {
        LATENCY, STATUS, ERROR, OAUTH_ERROR, RATE_LIMITED, MALFORMED_JSON, CONNECTION_RESET, INVALID_STATE,
        WRONG_CORRELATOR, RAW, RESET_AFTER_PROCESSING, LATENCY_AFTER_PROCESSING, WRONG_NONCE,
        MISSING_CORRELATOR, ID_TOKEN_WRONG_ISSUER, ID_TOKEN_UNSIGNED, ID_TOKEN_UNKNOWN_KID
    }

    private final Kind kind;
    private final Duration duration;
    private final int status;
    private final String code;
    private final String contentType;
    private final String body;
    private final int times;
    private final boolean offSpec;

    private Fault(Kind kind, Duration duration, int status, String code, String contentType, String body,
            int times, boolean offSpec) {
        this.kind = kind;
        this.duration = duration;
        this.status = status;
        this.code = code;
        this.contentType = contentType;
        this.body = body;
        this.times = times;
        this.offSpec = offSpec;
    }

    private static Fault of(Kind kind, Duration duration, int status, String code) {
        return new Fault(kind, duration, status, code, "", "", 1, false);
    }

    /**
     * Waits {@code delay}, then serves the request normally. Use it past a {@link
     * tw.mobileauth.carrier.spi.CallContext} deadline to provoke a time-out.
     *
     * @param delay the delay value
     * @return the fault
     * @throws IllegalArgumentException if {@code delay} is negative or longer than 60 s
     */
    public static Fault latency(Duration delay) {
        return of(Kind.LATENCY, checkedDelay(delay), 0, "");
    }

    /**
     * Serves the request in full (a code is redeemed, a single-use token spent), then waits
     * {@code delay} before answering. Past the client's time-out this is the answer that arrives
     * too late: the carrier acted, the client never learns the outcome.
     *
     * @param delay the delay value
     * @return the fault
     * @throws IllegalArgumentException if {@code delay} is negative or longer than 60 s
     */
    public static Fault latencyAfterProcessing(Duration delay) {
        return of(Kind.LATENCY_AFTER_PROCESSING, checkedDelay(delay), 0, "");
    }

    /**
     * {@return a server error with an ErrorInfo body: 500 {@code INTERNAL}, 502 {@code BAD_GATEWAY}, 503
     * {@code UNAVAILABLE} or 504 {@code TIMEOUT}}
     *
     * @param httpStatus the http status
     * @throws IllegalArgumentException for any other status (use {@link #error(int, String)})
     */
    public static Fault status(int httpStatus) {
        String code;
        switch (httpStatus) {
            case 500: code = "INTERNAL"; break;
            case 502: code = "BAD_GATEWAY"; break;
            case 503: code = "UNAVAILABLE"; break;
            case 504: code = "TIMEOUT"; break;
            default:
                throw new IllegalArgumentException("status() takes 500, 502, 503 or 504; for " + httpStatus
                        + " use Fault.error(status, code)");
        }
        return of(Kind.STATUS, Duration.ZERO, httpStatus, code);
    }

    /**
     * {@return any CAMARA ErrorInfo answer {@code {"status":…,"code":…,"message":…}}, e.g.
     * {@code error(401, "UNAUTHENTICATED")}, {@code error(403, "PERMISSION_DENIED")},
     * {@code error(429, "QUOTA_EXCEEDED")} or a carrier code such as {@code CHT.SUBSCRIBER_SUSPENDED}}
     *
     * @param httpStatus the http status
     * @param code the raw code, as the other side sent it
     * @throws IllegalArgumentException if the status is not 400-599 or the code is blank
     */
    public static Fault error(int httpStatus, String code) {
        return of(Kind.ERROR, Duration.ZERO, errorStatus(httpStatus), nonBlank(code, "code"));
    }

    /**
     * {@return an OAuth error} At {@link Endpoint#AUTHORIZE} the carrier redirects back with
     * {@code error=<error>&error_description=simulated_fault&state=…} (the status is then
     * ignored); elsewhere it answers {@code httpStatus} with
     * {@code {"error":…,"error_description":…}}, e.g. {@code oauthError(400, "invalid_grant")} at
     * {@link Endpoint#TOKEN}.
     *
     * @param httpStatus the http status
     * @param error the error value
     * @throws IllegalArgumentException if the status is not 400-599 or the error is blank
     */
    public static Fault oauthError(int httpStatus, String error) {
        return of(Kind.OAUTH_ERROR, Duration.ZERO, errorStatus(httpStatus), nonBlank(error, "error"));
    }

    /**
     * {@return {@code 429 TOO_MANY_REQUESTS} with {@code Retry-After} in whole seconds (rounded up)}
     *
     * @param retryAfter the other side's Retry-After, if it sent one
     * @throws IllegalArgumentException if {@code retryAfter} is negative
     */
    public static Fault rateLimited(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
        }
        return of(Kind.RATE_LIMITED, retryAfter, 429, "TOO_MANY_REQUESTS");
    }

    /** {@return {@code 200} with {@code Content-Type: application/json} and a body that is not valid JSON} */
    public static Fault malformedJson() {
        return of(Kind.MALFORMED_JSON, Duration.ZERO, 200, "");
    }

    /**
     * Closes the connection without sending any HTTP response; the client sees an I/O error.
     *
     * @return the fault
     */
    public static Fault connectionReset() {
        return of(Kind.CONNECTION_RESET, Duration.ZERO, 0, "");
    }

    /**
     * Serves the request in full (a code is redeemed, a single-use token spent, a token issued),
     * then closes the connection without sending the answer: the client sees an I/O error, as
     * when a connection drops on the way back. Logged with status 0.
     *
     * @return the fault
     */
    public static Fault resetAfterProcessing() {
        return of(Kind.RESET_AFTER_PROCESSING, Duration.ZERO, 0, "");
    }

    /** {@return at {@link Endpoint#AUTHORIZE} only: the redirect carries a different {@code state} than the request} */
    public static Fault invalidState() {
        return of(Kind.INVALID_STATE, Duration.ZERO, 0, "");
    }

    /**
     * {@return at {@link Endpoint#TOKEN} only: the code exchange is served normally, but its
     * {@code id_token} carries another {@code nonce} than the authorize request's, as a token
     * minted for a different verification would} A client-credentials request that meets it is
     * served normally (it has no ID token) and uses the fault up.
     */
    public static Fault wrongNonce() {
        return of(Kind.WRONG_NONCE, Duration.ZERO, 0, "");
    }

    /** {@return at {@link Endpoint#TOKEN} only: the code exchange's ID token names another issuer ({@code iss})} */
    public static Fault idTokenWrongIssuer() {
        return of(Kind.ID_TOKEN_WRONG_ISSUER, Duration.ZERO, 0, "");
    }

    /** {@return on the token endpoint: the ID token is unsecured, {@code alg: none} and no signature} */
    public static Fault idTokenUnsigned() {
        return of(Kind.ID_TOKEN_UNSIGNED, Duration.ZERO, 0, "");
    }

    /**
     * {@return on the token endpoint: the ID token is signed with a key whose {@code kid} the carrier never publishes}
     */
    public static Fault idTokenUnknownKid() {
        return of(Kind.ID_TOKEN_UNKNOWN_KID, Duration.ZERO, 0, "");
    }

    /** {@return the request is served normally but the response's {@code x-correlator} is a different value} */
    public static Fault wrongCorrelator() {
        return of(Kind.WRONG_CORRELATOR, Duration.ZERO, 0, "");
    }

    /** {@return the request is served normally but the response has no {@code x-correlator} header at all} */
    public static Fault missingCorrelator() {
        return of(Kind.MISSING_CORRELATOR, Duration.ZERO, 0, "");
    }

    /**
     * {@return any raw answer, e.g. an HTML page from a proxy ({@code rawResponse(400, "text/html", "<html>…")})
     * or a 200 whose JSON lacks the expected fields ({@code rawResponse(200, "application/json", "{}")})}
     *
     * @param httpStatus the http status
     * @param contentType the content type
     * @param body the body
     * @throws IllegalArgumentException if the status is not 200-599 or the content type is blank
     */
    public static Fault rawResponse(int httpStatus, String contentType, String body) {
        if (httpStatus < 200 || httpStatus > 599 || (httpStatus >= 300 && httpStatus < 400)) {
            throw new IllegalArgumentException("rawResponse status must be 200-299 or 400-599, was " + httpStatus);
        }
        return new Fault(Kind.RAW, Duration.ZERO, httpStatus, "", nonBlank(contentType, "contentType"),
                Objects.requireNonNull(body, "body"), 1, false);
    }

    /**
     * {@return a copy that applies to the next {@code n} calls}
     *
     * @param n the n value
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + n);
        }
        return new Fault(kind, duration, status, code, contentType, body, n, offSpec);
    }

    /**
     * {@return a copy whose answers are declared to break the official CAMARA definitions on purpose, e.g.
     * {@code error(422, "KIT.UNKNOWN").offSpec()} to see that an adapter treats an unknown code as a
     * protocol violation} Schema validation counts such exchanges as fault-injected instead of failing
     * the test ({@link ConformanceLog}). Answers of {@link #error(int, String)}, {@link #status(int)},
     * {@link #rateLimited(Duration)} and {@link #latency(Duration)} are validated unless marked so;
     * the faults that break the protocol by design (malformed JSON, raw answers, a wrong or missing
     * {@code x-correlator}, resets, OAuth errors on an API) are always counted as fault-injected.
     */
    public Fault offSpec() {
        return new Fault(kind, duration, status, code, contentType, body, times, true);
    }

    /** {@return how many calls this fault applies to; default 1} */
    public int times() {
        return times;
    }

    /**
     * Whether an answer shaped by this fault is outside the official definitions on purpose, so that
     * schema validation must not judge it: every fault that breaks the protocol by design, and any
     * fault marked {@link #offSpec()}.
     */
    boolean exemptFromConformance() {
        switch (kind) {
            case LATENCY:
            case LATENCY_AFTER_PROCESSING:
            case STATUS:
            case ERROR:
            case RATE_LIMITED:
                return offSpec;
            default:
                return true;
        }
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
        StringBuilder sb = new StringBuilder("Fault[").append(kind);
        if (kind == Kind.LATENCY || kind == Kind.LATENCY_AFTER_PROCESSING || kind == Kind.RATE_LIMITED) {
            sb.append(' ').append(duration);
        }
        if (status != 0) {
            sb.append(' ').append(status);
        }
        if (!code.isEmpty()) {
            sb.append(' ').append(code);
        }
        return sb.append(offSpec ? " off-spec" : "").append(" x").append(times).append(']').toString();
    }

    private static Duration checkedDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("latency must be 0-60 s, was " + delay);
        }
        return delay;
    }

    private static int errorStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status must be 400-599, was " + status);
        }
        return status;
    }

    private static String nonBlank(String s, String name) {
        Objects.requireNonNull(s, name);
        if (s.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return s;
    }
}
