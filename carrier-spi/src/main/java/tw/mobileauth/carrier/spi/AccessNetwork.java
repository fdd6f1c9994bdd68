package tw.mobileauth.carrier.spi;

/** The radio access the device's data session uses, from CAMARA Connected Network Type. */
public enum AccessNetwork {
    G2,
    G3,
    G4,
    G5,
    UNKNOWN
}
