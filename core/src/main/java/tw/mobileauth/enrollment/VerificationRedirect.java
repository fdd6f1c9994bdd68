package tw.mobileauth.enrollment;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Where the phone goes next: the carrier's network-verification page, which it must open
 * <em>over its mobile data</em> (Wi-Fi off).
 *
 * <p>The URL's query carries the carrier {@code state}, the OIDC nonce, the PKCE challenge and,
 * at some carriers, a login hint with the phone number: send it to the phone as a redirect and
 * nowhere else. {@link #toString()} shows only the carrier's host and path.
 *
 * @param carrierUri the carrier's authorize URL
 * @param expiresAt  after this the carrier refuses it; call {@code startVerification} again
 */
public record VerificationRedirect(URI carrierUri, Instant expiresAt) {

    /**
     * Both required.
     *
     * @param carrierUri the carrier uri
     * @param expiresAt when it expires
     */
    public VerificationRedirect {
        Objects.requireNonNull(carrierUri, "carrierUri");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Redacted, e.g. {@code VerificationRedirect[carrier=https://auth.carrier.tw/oauth2/authorize?(redacted),
     * expiresAt=2025-03-14T02:05:00Z]}: no state, nonce, login hint or phone number.
     */
    @Override
    public String toString() {
        String where = carrierUri.getScheme() + "://" + carrierUri.getHost()
                + (carrierUri.getPort() < 0 ? "" : ":" + carrierUri.getPort())
                + (carrierUri.getRawPath() == null ? "" : carrierUri.getRawPath())
                + (carrierUri.getRawQuery() == null && carrierUri.getRawFragment() == null ? "" : "?(redacted)");
        return "VerificationRedirect[carrier=" + where + ", expiresAt=" + expiresAt + "]";
    }
}
