package tw.mobileauth.carrier.testkit;

/** Thrown inside the token endpoint to answer an OAuth error; never leaves the package. */
final class OAuthError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    OAuthError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static OAuthError invalidClient(String description) {
        return new OAuthError(401, "invalid_client", description);
    }

    static OAuthError invalidGrant(String description) {
        return new OAuthError(400, "invalid_grant", description);
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    Reply reply() {
        Reply r = Reply.oauthError(status, error, getMessage());
        return status == 401 ? r.with("WWW-Authenticate", "Bearer error=\"" + error + "\"") : r;
    }
}
