package tw.mobileauth.enrollment;

/**
 * The verifying phone's session for one enrolment, returned by {@code openOnDevice} (QR route)
 * or by {@code begin} (same-device route), and required by {@code startVerification}. It names
 * the enrolment and carries 256 random bits; the service stores only a keyed hash of the bits.
 *
 * <p>Keep it in an HttpOnly cookie; never in a URL. No {@code equals} and no readable
 * {@code toString}.
 */
public final class PhoneSession {

    private static final int MAX_LENGTH = 200;

    private final String enrollmentId;
    private final String secret;

    PhoneSession(String enrollmentId, String secret) {
        this.enrollmentId = enrollmentId;
        this.secret = secret;
    }

    /**
     * {@return the session as the phone sent it back} Never fails: a malformed value simply matches no
     * enrolment.
     *
     * @param token the token value
     */
    public static PhoneSession fromTransport(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return new PhoneSession("", "");
        }
        int dot = token.indexOf('.');
        return dot < 0 ? new PhoneSession("", "") : new PhoneSession(token.substring(0, dot), token.substring(dot + 1));
    }

    /** {@return the opaque token {@code <enrolment id>.<secret>} to hand to the phone} Exposes a secret. */
    public String revealForTransport() {
        return enrollmentId + "." + secret;
    }

    String enrollmentId() {
        return enrollmentId;
    }

    String secret() {
        return secret;
    }

    /** Redacted. */
    @Override
    public String toString() {
        return "PhoneSession[redacted]";
    }
}
