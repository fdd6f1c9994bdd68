package tw.mobileauth;

/**
 * Why one input field was rejected: a closed set of reason codes, so that no caller ever has to
 * parse a message.
 *
 * <p>Every reason has a zh-TW and an English message that names the field and says how to fix it
 * (see {@link FieldError#of(String, FieldReason)}). Later versions may add constants (for example
 * for captchas or device keys); they never remove or rename one.
 */
public enum FieldReason {
    /** The field is missing or blank. */
    REQUIRED,
    /** The value has fewer characters than the rule allows. */
    TOO_SHORT,
    /** The value has more characters than the rule allows. */
    TOO_LONG,
    /**
     * The value contains a character that is never legitimate in this field: a control or format
     * character (NUL, RTL override U+202E, isolate U+2066 …), an unpaired surrogate, or an
     * unassigned code point.
     */
    INVALID_CHARACTER,
    /** The value does not have the shape the field requires (wrong length, letter where a digit belongs …). */
    BAD_FORMAT,
    /** The value has the right shape but its check digit does not match. */
    BAD_CHECKSUM,
    /**
     * The value looks like a number from another document, e.g. the 12-character number printed on
     * a residence permit or an NHI card number typed into the ID field.
     */
    WRONG_DOCUMENT_NUMBER,
    /** A phone number that is not a Taiwanese mobile number ({@code 09} + 8 digits): a landline or foreign number. */
    NOT_A_MOBILE_NUMBER,
    /** A date that does not exist in the calendar, e.g. 30 February or month 13. */
    IMPOSSIBLE_DATE,
    /** A date after today. */
    FUTURE_DATE,
    /** A date earlier than the field accepts (for birth dates: before 1900-01-01). */
    DATE_TOO_EARLY,
    /** A password that is on the list of the most common passwords. */
    COMMON_PASSWORD,
    /** A password that contains the applicant's ID number, birth date or phone number. */
    CONTAINS_PERSONAL_DATA,
    /** The password typed the second time differs from the first. */
    CONFIRMATION_MISMATCH,
    /** A carrier that this portal does not support. */
    UNSUPPORTED_CARRIER
}
