package tw.mobileauth.carrier.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A challenge's secrets stay server-side: named as secrets, never in toString. */
class NvChallengeTest {

    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private static NvChallenge challenge(String verifier) {
        return new NvChallenge(URI.create("https://carrier.example/oauth2/authorize?state=st-123"), "st-123",
                "nonce-456", verifier, Msisdn.of("+886912345678"), URI.create("https://portal.example/cb"),
                Instant.parse("2025-05-01T00:05:00Z"));
    }

    @Test
    void theCodeVerifierIsNamedAsTheSecretItIsAndNeverPrinted() {
        NvChallenge c = challenge(VERIFIER);
        assertEquals(VERIFIER, c.codeVerifierSecret());
        String printed = c.toString();
        for (String secret : new String[] {VERIFIER, "st-123", "nonce-456", "912345678"}) {
            assertFalse(printed.contains(secret), "toString shows " + secret + ": " + printed);
        }
        assertTrue(printed.contains("secrets hidden"), printed);
    }

    @Test
    void aChallengeWithoutAVerifierIsRefused() {
        assertThrows(NullPointerException.class, () -> challenge(null));
    }
}
