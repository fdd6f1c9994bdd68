package tw.mobileauth.login;

/**
 * What a login is worth. The portal gates features on it; the SDK decides it, the portal only
 * names it ({@link LoginService.Builder#assuranceLabel(String)}).
 */
public enum AssuranceLevel {
    /**
     * Query functions only (查詢). As on the BLI portal, a mobile-phone login may look things up
     * but not file applications (申辦): those need a citizen digital certificate (自然人憑證) or
     * another strong method. Always the level of {@link AuthenticationMethod#MOBILE_PHONE}.
     */
    QUERY_ONLY
}
