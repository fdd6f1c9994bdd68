package tw.mobileauth.enrollment;

import tw.mobileauth.i18n.LocalizedText;

/**
 * Why the carrier's verification refused an enrolment, as opposed to an eligibility rule
 * ({@link RejectionReason.Ineligible}). A closed set: switch on it, never parse a message. Each
 * has a message and a remedy in zh-TW and English.
 */
public enum VerificationFailure {
    /** The phone did not reach the carrier over that carrier's mobile data (Wi-Fi on, or another network). */
    NOT_ON_MOBILE_NETWORK,
    /** The carrier said the phone's connection does not belong to the number applied for. */
    NUMBER_NOT_VERIFIED,
    /** The chosen carrier does not serve this number (wrong carrier chosen, or the number was ported). */
    SUBSCRIBER_NOT_FOUND,
    /** The national ID does not match the line's holder at the carrier. */
    ID_MISMATCH,
    /** The name does not match the line's holder at the carrier. */
    NAME_MISMATCH,
    /** The birth date does not match the line's holder at the carrier. */
    BIRTH_DATE_MISMATCH,
    /**
     * The ID, name or birth date does not match the line's holder, without saying which: what the
     * applying device's {@code status} shows when the phone that verified was not paired with it
     * by the pairing code (see {@code EnrollmentService.Builder#requirePairingCode}); the phone
     * itself gets the per-field reason.
     */
    HOLDER_MISMATCH,
    /** The carrier holds no data to compare the applicant with. */
    HOLDER_DATA_UNAVAILABLE,
    /** The carrier says the service does not apply to this line (e.g. suspended). */
    LINE_NOT_APPLICABLE,
    /** The person declined, or must first log in or consent, at the carrier. */
    CARRIER_CONSENT_MISSING,
    /** The carrier did not report every fact the eligibility policy needs. */
    FACTS_INCOMPLETE,
    /**
     * Too many holder checks failed for this person lately (the carrier's KYC match, or an NHI
     * card number that does not match): enrolments for the person's ID pause until the window ends.
     */
    HOLDER_CHECK_LIMIT;

    @SuppressWarnings("ImmutableEnumChecker") // LocalizedText is a record of two Strings, immutable but not @Immutable-annotated
    private final LocalizedText message;
    @SuppressWarnings("ImmutableEnumChecker") // LocalizedText is a record of two Strings, immutable but not @Immutable-annotated
    private final LocalizedText remedy;

    VerificationFailure() {
        this.message = EnrollmentTexts.get("failure." + name() + ".message");
        this.remedy = EnrollmentTexts.get("failure." + name() + ".remedy");
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
