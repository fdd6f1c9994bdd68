package tw.mobileauth.enrollment;

import java.util.List;
import java.util.Objects;
import tw.mobileauth.i18n.LocalizedText;

/**
 * The caller's request cannot go on: a wrong secret, an expired or claimed QR code, a replayed
 * carrier {@code state}, an ineligible applicant, and so on. The caller's side of the fence
 * (compare {@link EnrollmentUnavailableException}, which is ours). Switch on {@link #reason()},
 * never parse the message; show {@link #text()} and {@link #remedy()} to the person.
 */
public final class EnrollmentException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why. A closed set; each has a zh-TW/English message and remedy. */
    public enum Reason {
        /** The eligibility pre-check failed before any carrier call; see {@link #rejections()}. */
        INELIGIBLE,
        /** The image captcha answer was wrong, used or expired. */
        CAPTCHA_INCORRECT,
        /** The device public key is not an EC P-256 SubjectPublicKeyInfo. */
        DEVICE_KEY_INVALID,
        /** The signature proving possession of the device key does not verify. */
        PROOF_OF_POSSESSION_INVALID,
        /** No such enrolment (never existed, or finished and cleaned up). */
        UNKNOWN_ENROLLMENT,
        /** The desktop secret or phone session does not belong to this enrolment. */
        ACCESS_DENIED,
        /** The enrolment's total lifetime is over. */
        ENROLLMENT_EXPIRED,
        /** The enrolment already ended (completed, rejected, cancelled). */
        ENROLLMENT_ENDED,
        /** The request does not fit the enrolment's current step. */
        WRONG_STEP,
        /** The QR code's 5 minutes are over. */
        HANDOFF_EXPIRED,
        /** Another device already opened this QR code. */
        HANDOFF_ALREADY_CLAIMED,
        /** The QR code is unknown or was replaced by a newer one. */
        HANDOFF_INVALID,
        /** The QR code may not be regenerated any more times. */
        REGENERATION_LIMIT,
        /** The terms were not accepted, or not the current version. */
        CONSENT_REQUIRED,
        /**
         * The QR route needs the pairing code the applying device shows, and none was given (the
         * call without a code, or an empty field). Not counted as a wrong code.
         */
        PAIRING_CODE_REQUIRED,
        /** The pairing code typed on the phone is not the one the applying device shows; try again. */
        PAIRING_CODE_INCORRECT,
        /**
         * The pairing code was typed wrong {@value EnrollmentService#MAX_PAIRING_ATTEMPTS} times:
         * the enrolment is cancelled (a QR code in the wrong hands); apply again.
         */
        PAIRING_CODE_LIMIT,
        /** The carrier callback's {@code state} belongs to no verification in progress. */
        STATE_UNKNOWN,
        /** The carrier callback's {@code state} was already used with another callback, or replaced. */
        STATE_REPLAYED,
        /** The carrier verification took too long; start it again. */
        VERIFICATION_EXPIRED,
        /**
         * The carrier callback arrived in a browser that does not hold the phone session that
         * started the verification: a forwarded or phished carrier link. Refused before anything
         * is spent: the {@code state} stays unused for the phone that holds the session.
         */
        CALLBACK_WRONG_BROWSER;

        @SuppressWarnings("ImmutableEnumChecker") // LocalizedText is a record of two Strings, immutable but not @Immutable-annotated
        private final LocalizedText message;
        @SuppressWarnings("ImmutableEnumChecker") // LocalizedText is a record of two Strings, immutable but not @Immutable-annotated
        private final LocalizedText remedy;

        Reason() {
            this.message = EnrollmentTexts.get("ceremony." + name() + ".message");
            this.remedy = EnrollmentTexts.get("ceremony." + name() + ".remedy");
        }

        /** {@return what happened} */
        public LocalizedText message() {
            return message;
        }

        /** {@return what to do next} */
        public LocalizedText remedy() {
            return remedy;
        }
    }

    /** Why the request cannot go on. */
    private final Reason reason;
    /** Every eligibility rule the applicant did not meet. */
    private final List<RejectionReason> rejections;

    EnrollmentException(Reason reason) {
        this(reason, List.of());
    }

    EnrollmentException(Reason reason, List<RejectionReason> rejections) {
        super(reason.name() + ": " + reason.message().en()
                + (rejections.isEmpty() ? "" : " " + rejections.stream().map(RejectionReason::code).toList()));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.rejections = List.copyOf(rejections);
    }

    /** {@return why} */
    public Reason reason() {
        return reason;
    }

    /** {@return for {@link Reason#INELIGIBLE}: every broken rule, with messages and remedies; otherwise empty} */
    public List<RejectionReason> rejections() {
        return rejections;
    }

    /** {@return what happened, for the person} */
    public LocalizedText text() {
        return reason.message();
    }

    /** {@return what to do next, for the person} */
    public LocalizedText remedy() {
        return reason.remedy();
    }
}
