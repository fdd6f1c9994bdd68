package tw.mobileauth.carrier.spi;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A carrier call failed. The taxonomy is closed: switch over the permitted subclasses, never
 * parse a message.
 *
 * <p>Every instance carries the carrier id, the HTTP status (when there was a response), the
 * carrier's raw {@code code}, the correlator of the call, a {@link Retry} advice and, for rate
 * limits, the carrier's {@code Retry-After}.
 *
 * <table>
 *   <caption>Taxonomy (docs/carrier-contract.md §1)</caption>
 *   <tr><th>type</th><th>typical source</th><th>retry</th></tr>
 *   <tr><td>{@link InvalidRequest}</td><td>400 INVALID_ARGUMENT, OUT_OF_RANGE, {@code <API>.INVALID_PARAM_COMBINATION};
 *       422 MISSING_IDENTIFIER, UNNECESSARY_IDENTIFIER, UNSUPPORTED_IDENTIFIER (our bug: alert, never a policy
 *       outcome); OAuth invalid_request</td><td>never</td></tr>
 *   <tr><td>{@link AuthenticationFailed}</td><td>401 UNAUTHENTICATED; OAuth invalid_client, invalid_grant</td><td>once, with a new token;
 *       at the code exchange never (there is no token to renew, and a refused code stays refused)</td></tr>
 *   <tr><td>{@link PermissionDenied}</td><td>403 PERMISSION_DENIED, INVALID_TOKEN_CONTEXT</td><td>never</td></tr>
 *   <tr><td>{@link NotOnMobileNetwork}</td><td>the phone did not come over this carrier's mobile data</td><td>after user action</td></tr>
 *   <tr><td>{@link SubscriberNotFound}</td><td>404 NOT_FOUND, IDENTIFIER_NOT_FOUND</td><td>never</td></tr>
 *   <tr><td>{@link ServiceNotApplicable}</td><td>422 SERVICE_NOT_APPLICABLE and documented carrier codes such as
 *       CHT.SUBSCRIBER_SUSPENDED, nothing else (an unknown 422 code is a {@link ProtocolViolation})</td>
 *       <td>never; policy decides</td></tr>
 *   <tr><td>{@link ConsentRequired}</td><td>OAuth consent_required, login_required, access_denied</td><td>after user action</td></tr>
 *   <tr><td>{@link RateLimited}</td><td>429 TOO_MANY_REQUESTS (retry after), QUOTA_EXCEEDED (never)</td><td>see instance</td></tr>
 *   <tr><td>{@link CarrierUnavailable}</td><td>500, 502, 503, 504, time-out, connection reset</td><td>with backoff;
 *       during number verification restart it instead</td></tr>
 *   <tr><td>{@link ProtocolViolation}</td><td>bad JSON, not ErrorInfo, state/nonce/PKCE/correlator mismatch</td><td>never; alert</td></tr>
 * </table>
 *
 * <p><b>Number verification is not idempotent.</b> Once the code exchange was sent, the code may
 * be redeemed, and the 3-legged token it gives is single use. A failure there that would
 * otherwise say {@link Retry#WITH_BACKOFF} or {@link Retry#WITH_NEW_TOKEN} says
 * {@link Retry#RESTART_VERIFICATION} instead: the same callback can never pass, a new number
 * verification may.
 */
public abstract sealed class CarrierException extends Exception
        permits CarrierException.InvalidRequest, CarrierException.AuthenticationFailed,
        CarrierException.PermissionDenied, CarrierException.NotOnMobileNetwork,
        CarrierException.SubscriberNotFound, CarrierException.ServiceNotApplicable,
        CarrierException.ConsentRequired, CarrierException.RateLimited,
        CarrierException.CarrierUnavailable, CarrierException.ProtocolViolation {

    private static final long serialVersionUID = 1L;

    /** What the caller may do next. */
    public enum Retry {
        /** Do not retry the same call. */
        NEVER,
        /** Retry after backoff (and after {@link #retryAfter()} when present). */
        WITH_BACKOFF,
        /** Retry once after obtaining a new token. */
        WITH_NEW_TOKEN,
        /** The person must change something first (turn off Wi-Fi, give consent). */
        AFTER_USER_ACTION,
        /**
         * The same callback cannot pass: start a new number verification. Raised by
         * {@link CarrierAdapter#completeNumberVerification} when the code exchange, or a call with
         * the single-use 3-legged token, failed after the request may have reached the carrier
         * (time-out, reset, 5xx, 429, a refused token): the code may already be redeemed or the
         * token spent, so repeating the call can only fail. A fresh
         * {@link CarrierAdapter#startNumberVerification} (a new authorize URL opened by the phone,
         * a new callback) may succeed without the person changing anything, after
         * {@link CarrierException#retryAfter()} when present. Not "retry the same call":
         * {@link CarrierException#isRetryable()} is false.
         */
        RESTART_VERIFICATION
    }

    /**
     * Where a failure came from.
     *
     * @param carrierId  the carrier id, e.g. {@code cht}
     * @param httpStatus the HTTP status, absent when no response arrived
     * @param code       the carrier's raw error code ({@code NOT_FOUND}, {@code CHT.SUBSCRIBER_SUSPENDED}, …),
     *                   or a transport description such as {@code TIMEOUT}
     * @param correlator the call's {@code x-correlator}
     */
    public record Origin(String carrierId, OptionalInt httpStatus, String code, String correlator) {
        /**
         * Checks the components; none may be null.
         *
         * @param carrierId the carrier id
         * @param httpStatus the http status
         * @param code the raw code, as the other side sent it
         * @param correlator the correlator of the call (x-correlator)
         */
        public Origin {
            Objects.requireNonNull(carrierId, "carrierId");
            Objects.requireNonNull(httpStatus, "httpStatus");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(correlator, "correlator");
        }

        /**
         * {@return an origin with an HTTP status}
         *
         * @param carrierId the carrier id
         * @param status the HTTP status, or 0 when no answer arrived
         * @param code the raw code, as the other side sent it
         * @param correlator the correlator of the call (x-correlator)
         */
        public static Origin http(String carrierId, int status, String code, String correlator) {
            return new Origin(carrierId, OptionalInt.of(status), code, correlator);
        }

        /**
         * {@return an origin with no HTTP response (time-out, reset, or a check before any call)}
         *
         * @param carrierId the carrier id
         * @param code the raw code, as the other side sent it
         * @param correlator the correlator of the call (x-correlator)
         */
        public static Origin transport(String carrierId, String code, String correlator) {
            return new Origin(carrierId, OptionalInt.empty(), code, correlator);
        }
    }

    /** Where the failure happened. */
    private final Origin origin;
    /** Whether and when the call may be retried. */
    private final Retry retry;
    /** The other side's Retry-After, when it sent one. */
    private final Optional<Duration> retryAfter;

    private CarrierException(Origin origin, Retry retry, Optional<Duration> retryAfter, String message,
            Throwable cause) {
        super(describe(origin, message), cause);
        this.origin = Objects.requireNonNull(origin, "origin");
        this.retry = retry;
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    private static Retry allowed(Retry retry, Retry... allowed) {
        Objects.requireNonNull(retry, "retry");
        for (Retry a : allowed) {
            if (a == retry) {
                return retry;
            }
        }
        throw new IllegalArgumentException("advice " + retry + " is not one of " + Arrays.toString(allowed)
                + " for this failure");
    }

    private static String describe(Origin o, String message) {
        return o.carrierId() + " " + (o.httpStatus().isPresent() ? o.httpStatus().getAsInt() + " " : "")
                + o.code() + " [x-correlator " + o.correlator() + "]: " + message;
    }

    /** {@return the carrier id, e.g. {@code fet}} */
    public String carrierId() {
        return origin.carrierId();
    }

    /** {@return the HTTP status, absent when no response arrived} */
    public OptionalInt httpStatus() {
        return origin.httpStatus();
    }

    /** {@return the carrier's raw error code, or a transport description} */
    public String code() {
        return origin.code();
    }

    /** {@return the correlator of the failed call} */
    public String correlator() {
        return origin.correlator();
    }

    /** {@return everything about where it came from} */
    public Origin origin() {
        return origin;
    }

    /** {@return what the caller may do next} */
    public Retry retry() {
        return retry;
    }

    /**
     * {@return whether repeating <em>the same call</em> (after backoff or a new token) may succeed without
     * the person doing anything: true for {@link Retry#WITH_BACKOFF} and
     * {@link Retry#WITH_NEW_TOKEN}} False for {@link Retry#RESTART_VERIFICATION}, where only a new
     * number verification can succeed, and for {@link Retry#NEVER} and
     * {@link Retry#AFTER_USER_ACTION}.
     */
    public boolean isRetryable() {
        return retry == Retry.WITH_BACKOFF || retry == Retry.WITH_NEW_TOKEN;
    }

    /** {@return how long the carrier asked us to wait ({@code Retry-After}), when it did} */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** The request was malformed or out of range. Never retried: it is our bug or bad input. */
    public static final class InvalidRequest extends CarrierException {
        private static final long serialVersionUID = 1L;

        /**
         * A failure from {@code origin}; {@code message} names what failed and what to do.
         *
         * @param origin where the failure happened
         * @param message the detail message (never holds personal data)
         */
        public InvalidRequest(Origin origin, String message) {
            super(origin, Retry.NEVER, Optional.empty(), message, null);
        }
    }

    /**
     * Our client credentials or token were refused. Retried once with a fresh token
     * ({@link Retry#WITH_NEW_TOKEN}); at the code exchange {@link Retry#NEVER}; a refused
     * single-use 3-legged token {@link Retry#RESTART_VERIFICATION}.
     */
    public static final class AuthenticationFailed extends CarrierException {
        private static final long serialVersionUID = 1L;

        /**
         * A failure from {@code origin}, retried with a new token; {@code message} names what failed and what to do.
         *
         * @param origin where the failure happened
         * @param message the detail message (never holds personal data)
         */
        public AuthenticationFailed(Origin origin, String message) {
            this(origin, Retry.WITH_NEW_TOKEN, message);
        }

        /**
         * A failure from {@code origin} with explicit advice.
         *
         * @param retry {@link Retry#WITH_NEW_TOKEN}, {@link Retry#NEVER} or {@link Retry#RESTART_VERIFICATION}
         * @param origin where the failure happened
         * @param message the detail message (never holds personal data)
         * @throws IllegalArgumentException for any other advice
         */
        public AuthenticationFailed(Origin origin, Retry retry, String message) {
            super(origin, allowed(retry, Retry.WITH_NEW_TOKEN, Retry.NEVER, Retry.RESTART_VERIFICATION),
                    Optional.empty(), message, null);
        }
    }

    /** The token may not do this. Never retried. */
    public static final class PermissionDenied extends CarrierException {
        private static final long serialVersionUID = 1L;

        /**
         * A failure from {@code origin}; {@code message} names what failed and what to do.
         *
         * @param origin where the failure happened
         * @param message the detail message (never holds personal data)
         */
        public PermissionDenied(Origin origin, String message) {
            super(origin, Retry.NEVER, Optional.empty(), message, null);
        }
    }

    /** The phone did not reach the carrier over its own mobile data (Wi-Fi, VPN, another network). */
    public static final class NotOnMobileNetwork extends CarrierException {
        private static final long serialVersionUID = 1L;

        /**
         * A failure from {@code origin}; {@code message} names what failed and what to do.
         *
         * @param origin where the failure happened
         * @param message the detail message (never holds personal data)
         */
        public NotOnMobileNetwork(Origin origin, String message) {
            super(origin, Retry.AFTER_USER_ACTION, Optional.empty(), message, null);
        }
    }

    /** The carrier does not serve this number: wrong carrier chosen, or ported away. */
    public static final class SubscriberNotFound extends CarrierException {
        private static final long serialVersionUID = 1L;

        /**
         * A failure from {@code origin}; {@code message} names what failed and what to do.
         *
         * @param origin where the failure happened
         * @param message the detail message (never holds personal data)
         */
        public SubscriberNotFound(Origin origin, String message) {
            super(origin, Retry.NEVER, Optional.empty(), message, null);
        }
    }

    /** The service does not apply to this line (e.g. suspended). Policy decides what that means. */
    public static final class ServiceNotApplicable extends CarrierException {
        private static final long serialVersionUID = 1L;

        /**
         * A failure from {@code origin}; {@code message} names what failed and what to do.
         *
         * @param origin where the failure happened
         * @param message the detail message (never holds personal data)
         */
        public ServiceNotApplicable(Origin origin, String message) {
            super(origin, Retry.NEVER, Optional.empty(), message, null);
        }
    }

    /** The person must consent or log in at the carrier first. */
    public static final class ConsentRequired extends CarrierException {
        private static final long serialVersionUID = 1L;

        /**
         * A failure from {@code origin}; {@code message} names what failed and what to do.
         *
         * @param origin where the failure happened
         * @param message the detail message (never holds personal data)
         */
        public ConsentRequired(Origin origin, String message) {
            super(origin, Retry.AFTER_USER_ACTION, Optional.empty(), message, null);
        }
    }

    /** Too many requests. Retryable after {@link #retryAfter()} for 429; never for an exhausted quota. */
    public static final class RateLimited extends CarrierException {
        private static final long serialVersionUID = 1L;

        /**
         * A rate limit from {@code origin}; retryable for 429, not for an exhausted quota.
         *
         * @param origin where the failure happened
         * @param retryable the retryable value
         * @param retryAfter the other side's Retry-After, if it sent one
         * @param message the detail message (never holds personal data)
         */
        public RateLimited(Origin origin, boolean retryable, Optional<Duration> retryAfter, String message) {
            this(origin, retryable ? Retry.WITH_BACKOFF : Retry.NEVER, retryAfter, message);
        }

        /**
         * A rate limit from {@code origin} with explicit advice, e.g. a 429 during number
         * verification, which is {@link Retry#RESTART_VERIFICATION} (after {@code retryAfter}).
         *
         * @param retry {@link Retry#WITH_BACKOFF}, {@link Retry#NEVER} or {@link Retry#RESTART_VERIFICATION}
         * @param origin where the failure happened
         * @param retryAfter the other side's Retry-After, if it sent one
         * @param message the detail message (never holds personal data)
         * @throws IllegalArgumentException for any other advice
         */
        public RateLimited(Origin origin, Retry retry, Optional<Duration> retryAfter, String message) {
            super(origin, allowed(retry, Retry.WITH_BACKOFF, Retry.NEVER, Retry.RESTART_VERIFICATION), retryAfter,
                    message, null);
        }
    }

    /**
     * The carrier could not answer in time or at all (500, 502, 503, 504, time-out, reset). Retry
     * with backoff ({@link Retry#WITH_BACKOFF}); during number verification, once the code
     * exchange was sent, start a new verification instead ({@link Retry#RESTART_VERIFICATION}).
     */
    public static final class CarrierUnavailable extends CarrierException {
        private static final long serialVersionUID = 1L;

        /**
         * An outage from {@code origin}, with the carrier's {@code Retry-After} when it sent one.
         *
         * @param origin where the failure happened
         * @param retryAfter the other side's Retry-After, if it sent one
         * @param message the detail message (never holds personal data)
         * @param cause the underlying failure, or null
         */
        public CarrierUnavailable(Origin origin, Optional<Duration> retryAfter, String message, Throwable cause) {
            this(origin, Retry.WITH_BACKOFF, retryAfter, message, cause);
        }

        /**
         * An outage from {@code origin} with explicit advice.
         *
         * @param retry {@link Retry#WITH_BACKOFF} or {@link Retry#RESTART_VERIFICATION}
         * @param origin where the failure happened
         * @param retryAfter the other side's Retry-After, if it sent one
         * @param message the detail message (never holds personal data)
         * @param cause the underlying failure, or null
         * @throws IllegalArgumentException for any other advice
         */
        public CarrierUnavailable(Origin origin, Retry retry, Optional<Duration> retryAfter, String message,
                Throwable cause) {
            super(origin, allowed(retry, Retry.WITH_BACKOFF, Retry.RESTART_VERIFICATION), retryAfter, message, cause);
        }
    }

    /** The carrier broke the protocol, or a binding check (state, nonce, PKCE, correlator) failed. Alert. */
    public static final class ProtocolViolation extends CarrierException {
        private static final long serialVersionUID = 1L;

        /**
         * A broken protocol or binding check at {@code origin}; {@code cause} may be null.
         *
         * @param origin where the failure happened
         * @param message the detail message (never holds personal data)
         * @param cause the underlying failure, or null
         */
        public ProtocolViolation(Origin origin, String message, Throwable cause) {
            super(origin, Retry.NEVER, Optional.empty(), message, cause);
        }
    }
}
