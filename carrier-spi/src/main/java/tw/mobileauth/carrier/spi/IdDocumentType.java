package tw.mobileauth.carrier.spi;

/** The kind of identity document a {@link SubscriberClaims} names; sent as CAMARA {@code idDocumentType}. */
public enum IdDocumentType {
    /** 國民身分證 ({@code national_id_card}). */
    NATIONAL_ID_CARD("national_id_card"),
    /** 居留證 / 統一證號 ({@code residence_permit}). */
    RESIDENCE_PERMIT("residence_permit");

    private final String wireName;

    IdDocumentType(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the CAMARA wire value, e.g. {@code national_id_card}} */
    public String wireName() {
        return wireName;
    }
}
