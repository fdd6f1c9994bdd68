package tw.mobileauth.carrier.spi;

/** How the line is paid for. */
public enum ContractType {
    /** 月租型 (monthly plan). */
    POSTPAID,
    /** 預付卡. */
    PREPAID,
    /** 企業戶 contract. */
    BUSINESS,
    /** The carrier did not say what contract the line is on. */
    UNKNOWN
}
