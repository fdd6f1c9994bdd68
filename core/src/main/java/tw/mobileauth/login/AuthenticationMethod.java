package tw.mobileauth.login;

/** How the person authenticated. */
public enum AuthenticationMethod {
    /**
     * 行動電話認證: a device credential bound at enrolment after the carrier confirmed the mobile
     * number, plus national ID, birth date, name and certificate password.
     */
    MOBILE_PHONE
}
