package tw.mobileauth.eligibility;

/** How the line is paid for, as the carrier records it. */
public enum ContractType {
    /** Monthly plan (月租型門號); the only type the standard policy accepts. */
    POSTPAID,
    /** Prepaid (預付卡). */
    PREPAID,
    /** A business plan, billed to a company. */
    BUSINESS
}
