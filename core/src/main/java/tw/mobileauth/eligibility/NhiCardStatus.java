package tw.mobileauth.eligibility;

/**
 * What the health-insurance registry said of the NHI card number (健保卡號) on the form, as an
 * eligibility fact ({@link EligibilityFacts#nhiCard()}). UNKNOWN until the registry is asked, which
 * is only after the phone proved it holds the number.
 */
public enum NhiCardStatus {
    /** The card number belongs to this national ID and is the person's current card. */
    CONFIRMED,
    /** The card number does not belong to this national ID. */
    NOT_MATCHING,
    /** The card was reported lost. */
    REPORTED_LOST,
    /** The card was replaced by a newer one. */
    REPLACED
}
