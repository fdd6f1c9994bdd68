package tw.mobileauth.carrier.spi;

/** Who holds the contract. */
public enum HolderType {
    PERSONAL,
    /** 企業戶. */
    ENTERPRISE,
    UNKNOWN
}
