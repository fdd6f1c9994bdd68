package tw.mobileauth.carrier.spi;

/**
 * An optional operation an adapter declares in {@link CarrierAdapter#capabilities()}. Core asks
 * before it calls; it never discovers a capability by catching an exception.
 */
public enum Capability {
    /** Network-based number verification (CAMARA Number Verification). Required. */
    NUMBER_VERIFICATION,
    /** Roaming status and connected network type, read with the verification token. */
    NETWORK_STATUS,
    /** Per-field KYC match of ID document, name and birth date. */
    KYC_MATCH,
    /** Contract type, holder type, line role and MVNO brand. */
    SUBSCRIPTION_ATTRIBUTES,
    /** The exact date of the latest SIM change (CAMARA SIM Swap {@code retrieve-date}). */
    SIM_SWAP_DATE,
    /** Only "swapped within N hours?" checks (CAMARA SIM Swap {@code check}); bounds, not dates. */
    SIM_SWAP_CHECK
}
