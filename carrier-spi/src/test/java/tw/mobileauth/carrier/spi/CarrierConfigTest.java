package tw.mobileauth.carrier.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CarrierConfigTest {

    private static final URI BASE = URI.create("https://carrier.example/cht");

    @Test
    void defaultsAreTheDocumentedOnes() {
        CarrierConfig c = CarrierConfig.builder(BASE, "portal").build();
        assertEquals(BASE, c.baseUri());
        assertEquals("portal", c.clientId());
        assertEquals(Duration.ofSeconds(2), c.connectTimeout());
        assertEquals(Duration.ofSeconds(10), c.callTimeout());
        assertEquals("dpv:FraudPreventionAndDetection", c.purpose());
        assertEquals(Optional.empty(), c.clientSigningKey());
        assertEquals(Optional.empty(), c.signingKeyId());
        assertEquals(Optional.empty(), c.httpClient());
        assertTrue(c.properties().isEmpty());
    }

    @Test
    void everySettingIsKept() throws Exception {
        PrivateKey key = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
        Clock clock = Clock.fixed(Instant.parse("2025-05-01T00:00:00Z"), ZoneOffset.UTC);
        HttpClient http = HttpClient.newHttpClient();
        CarrierConfig c = CarrierConfig.builder(BASE, "portal").clientSigningKey(key).signingKeyId("k1")
                .purpose("dpv:Other").connectTimeout(Duration.ofMillis(500)).callTimeout(Duration.ofSeconds(3))
                .httpClient(http).clock(clock).property("tenure-date", "2020-01-01").build();
        assertEquals(Optional.of(key), c.clientSigningKey());
        assertEquals(Optional.of("k1"), c.signingKeyId());
        assertEquals("dpv:Other", c.purpose());
        assertEquals(Duration.ofMillis(500), c.connectTimeout());
        assertEquals(Duration.ofSeconds(3), c.callTimeout());
        assertEquals(Optional.of(http), c.httpClient());
        assertEquals(clock, c.clock());
        assertEquals(Optional.of("2020-01-01"), c.property("tenure-date"));
        assertEquals(Optional.empty(), c.property("other"));
    }

    @Test
    void aBuiltConfigDoesNotChangeWhenTheBuilderIsReused() {
        CarrierConfig.Builder b = CarrierConfig.builder(BASE, "portal").property("a", "1");
        CarrierConfig first = b.build();
        b.property("a", "2").property("b", "3");
        assertEquals(Optional.of("1"), first.property("a"));
        assertFalse(first.properties().containsKey("b"));
        assertThrows(UnsupportedOperationException.class, () -> first.properties().put("x", "y"));
    }

    @Test
    void relativeBaseUriAndBlankClientIdAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CarrierConfig.builder(URI.create("/cht"), "portal"));
        assertThrows(IllegalArgumentException.class, () -> CarrierConfig.builder(BASE, " "));
        assertThrows(NullPointerException.class, () -> CarrierConfig.builder(null, "portal"));
    }

    @Test
    void timeoutsMustBePositive() {
        CarrierConfig.Builder b = CarrierConfig.builder(BASE, "portal");
        assertThrows(IllegalArgumentException.class, () -> b.callTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ofSeconds(-1)));
        assertEquals(Duration.ofMillis(1), b.callTimeout(Duration.ofMillis(1)).build().callTimeout());
    }

    @Test
    void toStringNeverShowsTheKey() throws Exception {
        PrivateKey key = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
        String s = CarrierConfig.builder(BASE, "portal").clientSigningKey(key).build().toString();
        assertTrue(s.contains("signingKey=set"));
        assertFalse(s.contains(key.toString()));
        assertTrue(CarrierConfig.builder(BASE, "portal").build().toString().contains("signingKey=absent"));
    }

    /** Plain http is for loopback only; any other http host is refused at build time, naming the setting. */
    @Test
    void plainHttpIsRefusedForEveryHostButLoopback() {
        for (String ok : new String[] {"http://127.0.0.1:8089/cht", "http://localhost:1/cht", "http://[::1]:8080/cht",
                "https://carrier.example/cht"}) {
            URI uri = URI.create(ok);
            assertEquals(uri, CarrierConfig.builder(uri, "c").build().baseUri(), ok);
            assertEquals(uri, CarrierConfig.builder(BASE, "c").issuer(uri).build().effectiveIssuer(), ok);
        }
        for (String bad : new String[] {"http://carrier.example/cht", "http://10.0.0.5/cht", "http://127.0.0.1.nip.io/x",
                "ftp://carrier.example/cht", "http://user@127.0.0.1/cht"}) {
            URI uri = URI.create(bad);
            IllegalArgumentException base = assertThrows(IllegalArgumentException.class,
                    () -> CarrierConfig.builder(uri, "c"), bad);
            assertTrue(base.getMessage().contains("mobileauth.carrier.<id>.base-uri"), base.getMessage());
            assertTrue(base.getMessage().contains("https"), base.getMessage());
            IllegalArgumentException issuer = assertThrows(IllegalArgumentException.class,
                    () -> CarrierConfig.builder(BASE, "c").issuer(uri), bad);
            assertTrue(issuer.getMessage().contains("mobileauth.carrier.<id>.issuer"), issuer.getMessage());
        }
    }

    @Test
    void theIssuerDefaultsToTheBaseUri() {
        CarrierConfig c = CarrierConfig.builder(BASE, "c").build();
        assertEquals(Optional.empty(), c.issuer());
        assertEquals(BASE, c.effectiveIssuer());
    }
}
