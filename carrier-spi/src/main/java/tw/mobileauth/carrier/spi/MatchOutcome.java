package tw.mobileauth.carrier.spi;

/** One field's KYC match outcome. {@link #NO_MATCH} is a result, never an error. */
public enum MatchOutcome {
    /** The carrier says the value matches its records. */
    MATCH,
    /** The carrier says the value does not match its records. */
    NO_MATCH,
    /** The carrier holds no value to compare, or would not compare it. */
    NOT_AVAILABLE
}
