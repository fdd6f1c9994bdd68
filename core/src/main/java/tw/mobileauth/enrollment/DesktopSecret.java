package tw.mobileauth.enrollment;

/**
 * The applying browser's secret for one enrolment, returned by {@code begin}. Polling
 * {@code status}, {@code regenerateQr}, {@code restart} and picking up the certificate need it,
 * so a photographed QR code cannot hijack the enrolment. 256 random bits, base64url.
 *
 * <p>Keep it in an HttpOnly cookie or the page's memory; never in a URL. The service stores
 * only a keyed hash of it. No {@code equals} and no readable {@code toString}.
 */
public final class DesktopSecret {

    private final String value;

    private DesktopSecret(String value) {
        this.value = value;
    }

    static DesktopSecret of(String value) {
        return new DesktopSecret(value);
    }

    /**
     * {@return the secret as the browser sent it back (cookie or header)} Never fails: a malformed value is
     * simply not the right secret.
     *
     * @param value the value
     */
    public static DesktopSecret fromTransport(String value) {
        return new DesktopSecret(value == null ? "" : value);
    }

    /** {@return the raw secret, to hand to the applying browser} The name says it: this exposes a secret. */
    public String revealForTransport() {
        return value;
    }

    String value() {
        return value;
    }

    /** Redacted. */
    @Override
    public String toString() {
        return "DesktopSecret[redacted]";
    }
}
