package tw.mobileauth.carrier.spi;

/** Who holds the contract. */
public enum HolderType {
    /** The line is held by a person. */
    PERSONAL,
    /** 企業戶. */
    ENTERPRISE,
    /** The carrier did not say who holds the line. */
    UNKNOWN
}
