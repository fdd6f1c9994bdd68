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
 * <p>The enrolment is unchanged and nothing is lost. {@link #recovery()} says what gets the person
 * going again: when {@link #isRetryable()}, the same call may succeed later (after
 * {@link #retryAfter()} when present): for {@code completeVerification} repeat the same callback;
 * the number verification already done is not repeated.
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
        STORE,
        /**
         * The certificate issuer could not issue (its enrolment CA is expired or not yet valid):
         * the operator must rotate the CA ({@link Recovery#TRY_LATER}).
         */
        ISSUER,
        /**
         * The portal's configuration no longer fits the enrolment (its carrier is no longer
         * configured): the operator must act ({@link Recovery#TRY_LATER}).
         */
        CONFIGURATION,
        /**
         * The identity registry (NHI card check) failed: an outage or time-out is
         * {@link Recovery#RETRY} with the same callback, like a carrier outage; a misconfiguration
         * is {@link Recovery#TRY_LATER}. The cause is its {@code RegistryException}.
         */
        IDENTITY_REGISTRY
    }

    /** What gets the person going again. A closed set. */
    public enum Recovery {
        /** Repeat the very same call later (after {@link #retryAfter()} when present). */
        RETRY,
        /**
         * {@code begin} used up the form's single-use captcha and challenge before it failed:
         * call {@code prepareApplication()} again, have the person type the new image code, sign
         * the new challenge and submit the form again (after {@link #retryAfter()} when present).
         */
        NEW_FORM,
        /** The same carrier callback can never pass: press 開始驗證 on the phone again ({@code startVerification}). */
        RESTART_VERIFICATION,
        /**
         * The portal cannot finish enrolments right now (its enrolment CA is not valid, or the
         * enrolment's carrier is no longer configured): the operator must act; the person tries
         * again later, or applies again.
         */
        TRY_LATER
    }

    /** Which dependency failed. */
    private final Source source;
    /** What gets the person going again. */
    private final Recovery recovery;
    private final transient Optional<Duration> retryAfter;

    /**
     * @param retryable {@link Recovery#RETRY} if true; otherwise {@link Recovery#RESTART_VERIFICATION}
     *                  for the carrier and {@link Recovery#TRY_LATER} for anything else
     */
    EnrollmentUnavailableException(Source source, boolean retryable, Optional<Duration> retryAfter, String message,
            Throwable cause) {
        this(source, retryable ? Recovery.RETRY
                : source == Source.CARRIER ? Recovery.RESTART_VERIFICATION : Recovery.TRY_LATER,
                retryAfter, message, cause);
    }

    EnrollmentUnavailableException(Source source, Recovery recovery, Optional<Duration> retryAfter, String message,
            Throwable cause) {
        super(message, cause);
        this.source = Objects.requireNonNull(source, "source");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** {@return what failed} */
    public Source source() {
        return source;
    }

    /** {@return what gets the person going again} */
    public Recovery recovery() {
        return recovery;
    }

    /**
     * {@return whether repeating the same call later may succeed without the person changing anything ({@link Recovery#RETRY})}
     */
    public boolean isRetryable() {
        return recovery == Recovery.RETRY;
    }

    /**
     * {@return how long to wait before trying again, when known (the carrier's Retry-After, or the hasher's back-off)}
     */
    public Optional<Duration> retryAfter() {
        return retryAfter == null ? Optional.empty() : retryAfter;
    }

    /**
     * {@return what to show the person, following {@link #recovery()}: try again shortly (the carrier, or
     * the service, is busy), submit the form again with the new image code, start the
     * verification again, or try again later}
     */
    public LocalizedText text() {
        return EnrollmentTexts.get(switch (recovery) {
            case RETRY -> source == Source.CARRIER ? "unavailable.retry" : "unavailable.busy";
            case NEW_FORM -> "unavailable.newForm";
            case RESTART_VERIFICATION -> "unavailable.restart";
            case TRY_LATER -> "unavailable.later";
        });
    }
}
