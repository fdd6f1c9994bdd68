package tw.mobileauth.registry.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    private static PrivateKey key() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair().getPrivate();
    }

    @Test
    void httpsAndLoopbackHttpAreAcceptedPlainHttpElsewhereIsRefusedNamingTheSetting() throws Exception {
        PrivateKey k = key();
        for (String ok : new String[] {"https://registry.example.gov.tw", "http://127.0.0.1:8090", "http://[::1]:8090/",
                "http://localhost/nhi"}) {
            assertEquals(URI.create(ok), RegistryConfig.builder(URI.create(ok), "portal").clientSigningKey(k).build()
                    .baseUri());
        }
        for (String bad : new String[] {"http://registry.example.gov.tw", "http://10.0.0.5/", "ftp://127.0.0.1/"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RegistryConfig.builder(URI.create(bad), "portal"), bad);
            assertTrue(e.getMessage().contains("mobileauth.registry.<id>.base-uri"), e.getMessage());
            assertTrue(e.getMessage().contains("must use https"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RegistryConfig.builder(URI.create("/relative"), "portal"));
    }

    @Test
    void aConfigurationWithoutClientAuthenticationIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegistryConfig.builder(URI.create("https://r.example"), "portal").build());
        assertTrue(e.getMessage().contains("no client authentication"), e.getMessage());
    }

    @Test
    void anSslContextAloneIsEnoughForMutualTls() throws Exception {
        RegistryConfig c = RegistryConfig.builder(URI.create("https://r.example"), "portal")
                .sslContext(SSLContext.getDefault()).build();
        assertTrue(c.sslContext().isPresent());
        assertEquals(Optional.empty(), c.clientSigningKey());
        assertTrue(c.toString().contains("mutualTls=set"), c.toString());
    }

    @Test
    void anSslContextAndAnHttpClientTogetherAreRefusedSayingWhereTheCertificateGoes() throws Exception {
        RegistryConfig.Builder b = RegistryConfig.builder(URI.create("https://r.example"), "portal")
                .sslContext(SSLContext.getDefault()).httpClient(HttpClient.newHttpClient());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("HttpClient.newBuilder().sslContext"), e.getMessage());
    }

    @Test
    void defaultsAreDocumentedAndToStringHidesTheKey() throws Exception {
        RegistryConfig c = RegistryConfig.builder(URI.create("https://r.example"), "portal").clientSigningKey(key())
                .build();
        assertEquals(Duration.ofSeconds(2), c.connectTimeout());
        assertEquals(Duration.ofSeconds(5), c.callTimeout());
        assertEquals("RegistryConfig[baseUri=https://r.example, clientId=portal, signingKey=set, mutualTls=absent]",
                c.toString());
    }

    @Test
    void timeoutsMustBePositiveAndTheMessageNamesTheSetting() {
        RegistryConfig.Builder b = RegistryConfig.builder(URI.create("https://r.example"), "portal");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.callTimeout(Duration.ZERO));
        assertTrue(e.getMessage().contains("mobileauth.registry.<id>.call-timeout"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RegistryConfig.builder(URI.create("https://r.example"), " "));
        assertFalse(b.property("x", "y") == null);
    }
}
