package tw.mobileauth.carrier.camara.internal;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Unguessable values for OAuth {@code state}, OIDC {@code nonce}, JWT {@code jti} and PKCE
 * verifiers: 256 bits from a {@link SecureRandom}, base64url (43 characters). Not API.
 */
public final class RandomTokens {

    /** Bytes per value: 256 bits, twice the 128-bit minimum. */
    public static final int BYTES = 32;

    private final SecureRandom random;

    /** Values drawn from {@code random}. */
    public RandomTokens(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A fresh 256-bit value, base64url without padding (43 characters of the PKCE unreserved set). */
    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }
}
