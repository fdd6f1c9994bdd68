package tw.mobileauth.identity;

/**
 * The field names that identity parsing reports in {@link tw.mobileauth.FieldError#field()}.
 * They match the application form's fields and are stable API.
 */
public final class FieldNames {

    /** 身分證號: {@link NationalId}. */
    public static final String NATIONAL_ID = "nationalId";
    /** 電信業者: the carrier id picked on the form. */
    public static final String CARRIER = "carrier";
    /** 手機門號: {@link MobileNumber}. */
    public static final String MOBILE_NUMBER = "mobileNumber";
    /** 健保卡號: {@link NhiCardNumber}. */
    public static final String NHI_CARD_NUMBER = "nhiCardNumber";
    /** 出生日期: {@link BirthDate}. */
    public static final String BIRTH_DATE = "birthDate";
    /** 姓名: {@link PersonName}. */
    public static final String NAME = "name";
    /** 憑證密碼: {@link CertificatePassword}. */
    public static final String PASSWORD = "password";
    /** 確認憑證密碼: the password typed a second time. */
    public static final String PASSWORD_CONFIRMATION = "passwordConfirmation";
    /** 送出的資料: the request body as a whole, when it is not the JSON the page sends. */
    public static final String REQUEST = "request";

    private FieldNames() {
    }
}
