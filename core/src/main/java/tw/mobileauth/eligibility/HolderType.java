package tw.mobileauth.eligibility;

/** Who the line is registered to. */
public enum HolderType {
    /** A natural person; the only holder the standard policy accepts. */
    PERSONAL,
    /** A company (企業戶). */
    ENTERPRISE
}
