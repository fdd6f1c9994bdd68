package tw.mobileauth.store;

/** What a {@link OneTimeToken} is for; a token of one purpose is never accepted for another. */
public enum TokenPurpose {
    /** The QR handoff token a second device claims ({@code openOnDevice}). */
    HANDOFF,
    /** The OAuth {@code state} of a carrier number verification, claimed by its callback. */
    CARRIER_STATE,
    /** The server challenge the applying browser signs with its device key, consumed once by {@code begin}. */
    ENROLLMENT_CHALLENGE,
    /** A login challenge, consumed once by {@code finishLogin}. */
    LOGIN_CHALLENGE,
    /**
     * The right to redeem one carrier callback's code: held by one attempt at a time, so two
     * identical callbacks on two portal nodes never both exchange the single-use code.
     */
    CARRIER_EXCHANGE
}
