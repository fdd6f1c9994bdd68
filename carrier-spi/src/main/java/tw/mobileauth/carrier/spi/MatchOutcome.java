package tw.mobileauth.carrier.spi;

/** One field's KYC match outcome. {@link #NO_MATCH} is a result, never an error. */
public enum MatchOutcome {
    MATCH,
    NO_MATCH,
    /** The carrier holds no value to compare, or would not compare it. */
    NOT_AVAILABLE
}
