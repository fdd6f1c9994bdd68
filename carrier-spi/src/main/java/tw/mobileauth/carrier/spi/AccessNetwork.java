package tw.mobileauth.carrier.spi;

/** The radio access the device's data session uses, from CAMARA Connected Network Type. */
public enum AccessNetwork {
    /** A 2G (GSM) data connection. */
    G2,
    /** A 3G (UMTS) data connection. */
    G3,
    /** A 4G (LTE) data connection. */
    G4,
    /** A 5G (NR) data connection. */
    G5,
    /** The carrier did not say which access network carried the call. */
    UNKNOWN
}
