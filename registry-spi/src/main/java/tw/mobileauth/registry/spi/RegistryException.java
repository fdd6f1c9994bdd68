package tw.mobileauth.registry.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import tw.mobileauth.carrier.spi.CarrierException.Retry;

/**
 * A registry call failed. The taxonomy is closed: switch over the permitted subclasses, never
 * parse a message. A non-match is not a failure: it is a {@link CardCheck}.
 *
 * <p>Every instance carries the registry id, the HTTP status (when an answer arrived), the
 * registry's raw {@code code} (or a transport code such as {@code TIMEOUT}), the correlator of the
 * call, a {@link Retry} advice shared with the carrier SPI and, when the registry said so, its
 * {@code Retry-After}. Messages name what failed and what to do; they never hold a card number or
 * an ID.
 *
 * <table>
 *   <caption>Taxonomy</caption>
 *   <tr><th>type</th><th>typical source</th><th>retry</th><th>alerts the operator</th></tr>
 *   <tr><td>{@link Timeout}</td><td>no answer before the deadline (or the per-request timeout)</td>
 *       <td>{@link Retry#WITH_BACKOFF}</td><td>no</td></tr>
 *   <tr><td>{@link Unavailable}</td><td>500, 502, 503, 504, 429 (with {@code Retry-After}), connection reset</td>
 *       <td>{@link Retry#WITH_BACKOFF}</td><td>no</td></tr>
 *   <tr><td>{@link Misconfigured}</td><td>403, 404, 405: the base URI, client or contract is wrong</td>
 *       <td>{@link Retry#NEVER}</td><td>yes</td></tr>
 *   <tr><td>{@link AuthenticationFailed}</td><td>401: the request signature or the TLS client certificate
 *       was refused (wrong key, unregistered client, clock skew)</td><td>{@link Retry#NEVER}</td><td>yes</td></tr>
 *   <tr><td>{@link ProtocolViolation}</td><td>400, bad JSON, an unknown answer, an unexpected status, a wrong or
 *       missing {@code x-correlator} echo, an oversized answer</td><td>{@link Retry#NEVER}</td><td>yes</td></tr>
 * </table>
 *
 * <p>A card check is idempotent, so {@link Retry#WITH_BACKOFF} means: the same call may be made
 * again. Adapters already retry inside the caller's deadline; an exception with that advice says
 * the deadline ran out first.
 */
public abstract sealed class RegistryException extends Exception
        permits RegistryException.Timeout, RegistryException.Unavailable, RegistryException.Misconfigured,
        RegistryException.AuthenticationFailed, RegistryException.ProtocolViolation {

    private static final long serialVersionUID = 1L;

    /**
     * Where a failure came from.
     *
     * @param registryId the registry id, e.g. {@code nhi}
     * @param httpStatus the HTTP status, absent when no answer arrived
     * @param code       the registry's raw error code ({@code UNAVAILABLE}, {@code UNAUTHENTICATED}, …) or a
     *                   transport description such as {@code TIMEOUT}, {@code IO_ERROR},
     *                   {@code CORRELATOR_MISMATCH}
     * @param correlator the call's {@code x-correlator}
     */
    public record Origin(String registryId, OptionalInt httpStatus, String code, String correlator) {
        /**
         * Checks the components; none may be null.
         *
         * @param registryId the registry id
         * @param httpStatus the http status
         * @param code the raw code, as the other side sent it
         * @param correlator the correlator of the call (x-correlator)
         */
        public Origin {
            Objects.requireNonNull(registryId, "registryId");
            Objects.requireNonNull(httpStatus, "httpStatus");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(correlator, "correlator");
        }

        /**
         * {@return an origin with an HTTP status}
         *
         * @param registryId the registry id
         * @param status the HTTP status, or 0 when no answer arrived
         * @param code the raw code, as the other side sent it
         * @param correlator the correlator of the call (x-correlator)
         */
        public static Origin http(String registryId, int status, String code, String correlator) {
            return new Origin(registryId, OptionalInt.of(status), code, correlator);
        }

        /**
         * {@return an origin with no HTTP answer (time-out, reset, or a check before any call)}
         *
         * @param registryId the registry id
         * @param code the raw code, as the other side sent it
         * @param correlator the correlator of the call (x-correlator)
         */
        public static Origin transport(String registryId, String code, String correlator) {
            return new Origin(registryId, OptionalInt.empty(), code, correlator);
        }
    }

    /** Where the failure happened. */
    private final Origin origin;
    /** Whether and when the call may be retried. */
    private final Retry retry;
    /** The other side's Retry-After, when it sent one. */
    private final Optional<Duration> retryAfter;

    private RegistryException(Origin origin, Retry retry, Optional<Duration> retryAfter, String message,
            Throwable cause) {
        super(describe(Objects.requireNonNull(origin, "origin"), Objects.requireNonNull(message, "message")), cause);
        this.origin = origin;
        this.retry = retry;
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    private static String describe(Origin o, String message) {
        return o.registryId() + " " + (o.httpStatus().isPresent() ? o.httpStatus().getAsInt() + " " : "")
                + o.code() + " [x-correlator " + o.correlator() + "]: " + message;
    }

    /** {@return the registry id, e.g. {@code nhi}} */
    public String registryId() {
        return origin.registryId();
    }

    /** {@return the HTTP status, absent when no answer arrived} */
    public OptionalInt httpStatus() {
        return origin.httpStatus();
    }

    /** {@return the registry's raw error code, or a transport description} */
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

    /** {@return what the caller may do next: {@link Retry#WITH_BACKOFF} or {@link Retry#NEVER}, nothing else} */
    public Retry retry() {
        return retry;
    }

    /** {@return whether the same call may succeed later without anyone changing anything} */
    public boolean isRetryable() {
        return retry == Retry.WITH_BACKOFF;
    }

    /**
     * {@return whether an operator must act (configuration, credentials, or a registry that broke its
     * profile): true for {@link Misconfigured}, {@link AuthenticationFailed} and
     * {@link ProtocolViolation}} Such a failure is never the person's fault and never retried.
     */
    public boolean alertsOperator() {
        return retry == Retry.NEVER;
    }

    /** {@return how long the registry asked us to wait ({@code Retry-After}), when it did} */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** No answer arrived before the deadline. Retryable. */
    public static final class Timeout extends RegistryException {
        private static final long serialVersionUID = 1L;

        /**
         * A time-out at {@code origin}; {@code message} says what was waited for and what to do; {@code cause} may be null.
         *
         * @param origin where the failure happened
         * @param message the detail message (never holds personal data)
         * @param cause the underlying failure, or null
         */
        public Timeout(Origin origin, String message, Throwable cause) {
            super(origin, Retry.WITH_BACKOFF, Optional.empty(), message, cause);
        }
    }

    /** The registry is down, overloaded or unreachable (5xx, 429, reset). Retryable, after {@link #retryAfter()} when present. */
    public static final class Unavailable extends RegistryException {
        private static final long serialVersionUID = 1L;

        /**
         * An outage at {@code origin}, with the registry's {@code Retry-After} when it sent one; {@code cause} may be null.
         *
         * @param origin where the failure happened
         * @param retryAfter the other side's Retry-After, if it sent one
         * @param message the detail message (never holds personal data)
         * @param cause the underlying failure, or null
         */
        public Unavailable(Origin origin, Optional<Duration> retryAfter, String message, Throwable cause) {
            super(origin, Retry.WITH_BACKOFF, retryAfter, message, cause);
        }
    }

    /** The registry refuses this deployment's base URI, client or contract (403, 404, 405). Never retried; alert. */
    public static final class Misconfigured extends RegistryException {
        private static final long serialVersionUID = 1L;

        /**
         * A configuration problem seen at {@code origin}; {@code message} names the setting to fix.
         *
         * @param origin where the failure happened
         * @param message the detail message (never holds personal data)
         */
        public Misconfigured(Origin origin, String message) {
            super(origin, Retry.NEVER, Optional.empty(), message, null);
        }
    }

    /**
     * The registry refused our client authentication (401): the request signature (wrong key,
     * unregistered client id, clock skew) or the TLS client certificate. Never retried: every
     * attempt is signed afresh, so repeating cannot help. Alert.
     */
    public static final class AuthenticationFailed extends RegistryException {
        private static final long serialVersionUID = 1L;

        /**
         * A refusal at {@code origin}; {@code message} names what to check.
         *
         * @param origin where the failure happened
         * @param message the detail message (never holds personal data)
         */
        public AuthenticationFailed(Origin origin, String message) {
            super(origin, Retry.NEVER, Optional.empty(), message, null);
        }
    }

    /** The registry broke its profile, or a binding check (the {@code x-correlator} echo) failed. Never retried; alert. */
    public static final class ProtocolViolation extends RegistryException {
        private static final long serialVersionUID = 1L;

        /**
         * A broken profile at {@code origin}; {@code cause} may be null.
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
