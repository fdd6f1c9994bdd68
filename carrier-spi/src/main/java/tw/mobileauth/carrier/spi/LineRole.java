package tw.mobileauth.carrier.spi;

/** The line's place in its account. */
public enum LineRole {
    /** The account's own main line. */
    PRIMARY,
    /** 親子卡: registered under or guaranteed by a parent for a minor. */
    PARENT_CHILD,
    /** A family plan's member line. */
    FAMILY_SUB_LINE,
    /** An extra SIM sharing the main line's number (one-number-multi-SIM). */
    SECONDARY_MULTI_SIM,
    /** The carrier did not say whether this is the primary line. */
    UNKNOWN
}
