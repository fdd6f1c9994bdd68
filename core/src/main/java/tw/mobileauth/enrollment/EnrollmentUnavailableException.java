package tw.mobileauth.enrollment;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.i18n.LocalizedText;

/**
 * We could not finish the request: the carrier failed (time-out, 5xx, 429, a protocol error), the
 * captcha provider did not answer, the password hasher was saturated, or a bounded store was full.
 * Not the caller's fault (compare {@link EnrollmentException}).
 *
 * <p>The enrolment is unchanged and nothing is lost. When {@link #isRetryable()}, the same call
 * may succeed later (after {@link #retryAfter()} when present): for {@code completeVerification}
 * repeat the same callback; the number verification already done is not repeated.
 */
public final class EnrollmentUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What failed. */
    public enum Source {
        /** A carrier call. The cause is its {@code CarrierException}. */
        CARRIER,
        /** The password hasher's concurrency limit was reached. */
        PASSWORD_HASHER,
        /** The captcha provider did not answer. */
        CAPTCHA,
        /**
         * A bounded store is full ({@link tw.mobileauth.store.StoreException.Reason#FULL}): too many
         * pending applications or challenges right now. The cause is the {@code StoreException}.
         */
        STORE
    }

    private final Source source;
    private final boolean retryable;
    private final transient Optional<Duration> retryAfter;

    EnrollmentUnavailableException(Source source, boolean retryable, Optional<Duration> retryAfter, String message,
            Throwable cause) {
        super(message, cause);
        this.source = Objects.requireNonNull(source, "source");
        this.retryable = retryable;
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** What failed. */
    public Source source() {
        return source;
    }

    /** Whether repeating the same call later may succeed without the person changing anything. */
    public boolean isRetryable() {
        return retryable;
    }

    /** How long to wait before retrying, when the carrier said. */
    public Optional<Duration> retryAfter() {
        return retryAfter == null ? Optional.empty() : retryAfter;
    }

    /** What to show the person: "try again shortly" when retryable, otherwise "start the verification again". */
    public LocalizedText text() {
        return EnrollmentTexts.get(retryable ? "unavailable.retry" : "unavailable.restart");
    }
}
