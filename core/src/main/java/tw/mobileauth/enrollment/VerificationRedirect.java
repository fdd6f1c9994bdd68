package tw.mobileauth.enrollment;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Where the phone goes next: the carrier's network-verification page, which it must open
 * <em>over its mobile data</em> (Wi-Fi off).
 *
 * @param carrierUri the carrier's authorize URL
 * @param expiresAt  after this the carrier refuses it; call {@code startVerification} again
 */
public record VerificationRedirect(URI carrierUri, Instant expiresAt) {

    /** Both required. */
    public VerificationRedirect {
        Objects.requireNonNull(carrierUri, "carrierUri");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
