package tw.mobileauth.eligibility;

/**
 * How the verifying device reached the carrier. Network-based verification only works over the
 * carrier's own mobile data: over Wi-Fi (or a hotspot or VPN) the carrier cannot map the
 * connection to a subscriber, and 2G/3G ended in Taiwan on 2024-06-30.
 */
public enum AccessNetwork {
    /** 2G (GSM/GPRS/EDGE). */
    G2,
    /** 3G (UMTS/HSPA). */
    G3,
    /** 4G (LTE). */
    G4,
    /** 5G (NR). */
    G5,
    /** Wi-Fi, or any other network that is not the carrier's mobile data. */
    WIFI
}
