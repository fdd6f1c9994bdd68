package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint's replay record and registered keys, without HTTP: a JDK key is held as
 * BouncyCastle's and still verifies; the record of used {@code jti}s forgets expired ones, scanning
 * for them at most once a second rather than on every request.
 */
class ClientAssertionsReplayRecordTest {

    private static final String AUD = "http://127.0.0.1/cht/token";

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-06T09:00:00Z"));
    private final KeyPair client = FakeCarrierNetworks.newSigningKey();
    private final ClientAssertions.Client registered = new ClientAssertions.Client("cht", "portal", client.getPublic(),
            Optional.empty());
    private final ClientAssertions assertions = new ClientAssertions(clock,
            (carrier, id) -> "cht".equals(carrier) && "portal".equals(id) ? Optional.of(registered) : Optional.empty());

    private String assertion(String jti) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "portal");
        claims.put("sub", "portal");
        claims.put("aud", AUD);
        claims.put("jti", jti);
        claims.put("exp", clock.instant().plusSeconds(60).getEpochSecond());
        return CarrierClient.sign(client.getPrivate(), Map.of("alg", "ES256"), claims);
    }

    private void verify(String assertion) {
        assertEquals("portal", assertions.verify("cht", assertion, Optional.empty(), Set.of(AUD)).clientId());
    }

    @Test
    void aJdkKeyIsHeldAsBouncyCastlesAndStillVerifies() {
        assertNotSame(client.getPublic(), registered.key());
        assertTrue(registered.key().getClass().getName().startsWith("org.bouncycastle."), registered.key().getClass().getName());
        assertEquals(((ECPublicKey) client.getPublic()).getW(), ((ECPublicKey) registered.key()).getW(), "the same point");
        for (int i = 0; i < 3; i++) {
            verify(assertion(UUID.randomUUID().toString()));
        }
        assertThrows(OAuthError.class, () -> verify(CarrierClient.sign(CarrierClient.strangerKey(), Map.of("alg", "ES256"),
                Map.of("iss", "portal", "sub", "portal", "aud", AUD, "jti", "x", "exp",
                        clock.instant().plusSeconds(60).getEpochSecond()))), "another key's signature is still refused");
    }

    @Test
    void usedJtisAreForgottenOnceExpiredAndTheRecordIsScannedAtMostOnceASecond() {
        String a = assertion("a"); // expires at t0 + 60 s, so it may be forgotten after t0 + 360 s
        verify(a);
        assertThrows(OAuthError.class, () -> verify(a), "a replay is refused");

        clock.advance(Duration.ofSeconds(360));
        verify(assertion("b")); // a scan, but "a" is not yet past the 300 s kept
        assertEquals(2, assertions.recordedJtis());

        clock.advance(Duration.ofMillis(500));
        verify(assertion("c"));
        assertEquals(3, assertions.recordedJtis(), "\"a\" is past now, but the last scan was half a second ago");

        clock.advance(Duration.ofMillis(500));
        verify(assertion("d"));
        assertEquals(3, assertions.recordedJtis(), "a second later the scan forgets \"a\": b, c and d are left");
    }
}
