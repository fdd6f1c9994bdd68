package tw.mobileauth.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierConfig;

class CarriersTest {

    private static final ClassLoader LOADER = CarriersTest.class.getClassLoader();

    @Test
    void serviceLoaderFindsExactlyTheThreeReferenceCarriersInDisplayOrder() {
        Carriers carriers = Carriers.discover(LOADER);

        assertEquals(List.of("cht", "twm", "fet"), List.copyOf(carriers.ids()));
        assertEquals("中華電信", carriers.options().get(0).name().zhTw());
        assertEquals("Chunghwa Telecom", carriers.options().get(0).name().en());
        assertEquals("台灣大哥大", carriers.options().get(1).name().zhTw());
        assertEquals("遠傳電信", carriers.options().get(2).name().zhTw());
        assertEquals("FarEasTone", carriers.options().get(2).name().en());
    }

    @Test
    void aDuplicateIdOnTheClassPathFailsAtStartUpNamingBothClassesAndJars(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(CarrierAdapterFactory.class.getName()),
                TestFactories.DuplicateChtFactory.class.getName() + "\n", StandardCharsets.UTF_8);

        try (URLClassLoader withDuplicate = new URLClassLoader(new URL[] {dir.toUri().toURL()}, LOADER)) {
            CarrierConfigurationException e = assertThrows(CarrierConfigurationException.class,
                    () -> Carriers.discover(withDuplicate));

            String message = e.getMessage();
            assertTrue(message.contains("'cht'"), message);
            assertTrue(message.contains(TestFactories.DuplicateChtFactory.class.getName()), message);
            assertTrue(message.contains("tw.mobileauth.carrier.cht."), message);
            assertTrue(message.contains("mobileauth-carrier-cht") || message.contains("carrier-cht"), message);
            assertTrue(message.contains("test-classes"), message);
        }
    }

    @Test
    void factoriesGivenExplicitlyAreSortedByOrderThenId() {
        Carriers carriers = Carriers.of(List.of(new TestFactories.DuplicateChtFactory(), new TestFactories.ExampleFactory()));

        assertEquals(List.of("example", "cht"), List.copyOf(carriers.ids()));
        assertEquals("範例電信", carriers.options().get(0).name().zhTw());
        assertEquals("Example Telecom", carriers.options().get(0).name().en());
    }

    @Test
    void explicitDuplicatesAreRejectedToo() {
        CarrierConfigurationException e = assertThrows(CarrierConfigurationException.class, () -> Carriers.of(
                List.of(new TestFactories.DuplicateChtFactory(), new TestFactories.DuplicateChtFactory())));
        assertTrue(e.getMessage().contains("Two carrier adapter factories claim the id 'cht'"), e.getMessage());
    }

    @Test
    void aSettingForAnUnknownCarrierIsRejectedNamingTheKnownOnes() {
        Carriers carriers = Carriers.discover(LOADER);
        CarrierConfig config = CarrierConfig.builder(java.net.URI.create("http://127.0.0.1:1/apt"), "portal").build();

        CarrierConfigurationException e = assertThrows(CarrierConfigurationException.class,
                () -> carriers.connect(Map.of("apt", config)));
        assertTrue(e.getMessage().contains("'apt'") && e.getMessage().contains("[cht, twm, fet]"), e.getMessage());
    }

    @Test
    void anUnsupportedConfigurationIsRejectedBeforeAnyAdapterIsUsed() {
        Carriers carriers = Carriers.discover(LOADER);
        // no client signing key: a CAMARA adapter cannot sign its client assertion
        CarrierConfig noKey = CarrierConfig.builder(java.net.URI.create("http://127.0.0.1:1/cht"), "portal").build();

        CarrierConfigurationException e = assertThrows(CarrierConfigurationException.class,
                () -> carriers.connect(Map.of("cht", noKey)));
        assertTrue(e.getMessage().contains("does not accept"), e.getMessage());
    }

    @Test
    void carriersWithoutSettingsAreSimplyNotConnected() {
        try (CarrierAdapters adapters = Carriers.discover(LOADER).connect(Map.of())) {
            assertTrue(adapters.ids().isEmpty());
            assertFalse(adapters.get("cht").isPresent());
        }
    }

    @Test
    void propertiesBindPerCarrierKeys() {
        Properties p = new Properties();
        p.setProperty("mobileauth.carrier.cht.base-uri", "http://127.0.0.1:8089/cht");
        p.setProperty("mobileauth.carrier.cht.client-id", "portal-1");
        p.setProperty("mobileauth.carrier.cht.call-timeout", "3s");
        p.setProperty("mobileauth.carrier.cht.connect-timeout", "PT0.5S");
        p.setProperty("mobileauth.carrier.cht.tenure-date", "2020-01-01");
        p.setProperty("mobileauth.carrier.twm.client-id", "no base uri, so not configured");
        p.setProperty("unrelated.key", "ignored");

        Map<String, CarrierConfig> configs = CarrierSettings.fromProperties(p).configs();

        assertEquals(List.of("cht"), List.copyOf(configs.keySet()));
        CarrierConfig cht = configs.get("cht");
        assertEquals("http://127.0.0.1:8089/cht", cht.baseUri().toString());
        assertEquals("portal-1", cht.clientId());
        assertEquals(java.time.Duration.ofSeconds(3), cht.callTimeout());
        assertEquals(java.time.Duration.ofMillis(500), cht.connectTimeout());
        assertEquals("2020-01-01", cht.property("tenure-date").orElseThrow());
    }

    @Test
    void environmentVariablesBindLikeProperties() {
        Map<String, CarrierConfig> configs = CarrierSettings.fromEnvironment(Map.of(
                "MOBILEAUTH_CARRIER_FET_BASE_URI", "http://127.0.0.1:8089/fet",
                "MOBILEAUTH_CARRIER_FET_CLIENT_ID", "portal-2",
                "MOBILEAUTH_CARRIER_FET_CALL_TIMEOUT", "1500ms",
                "PATH", "/usr/bin")).configs();

        assertEquals("portal-2", configs.get("fet").clientId());
        assertEquals(java.time.Duration.ofMillis(1500), configs.get("fet").callTimeout());
    }

    @Test
    void mistakesInSettingsNameTheKeyAndTheFix() {
        Properties noClient = new Properties();
        noClient.setProperty("mobileauth.carrier.cht.base-uri", "http://127.0.0.1:8089/cht");
        assertTrue(assertThrows(CarrierConfigurationException.class, () -> CarrierSettings.fromProperties(noClient))
                .getMessage().contains("mobileauth.carrier.cht.client-id"));

        Properties badTimeout = new Properties();
        badTimeout.setProperty("mobileauth.carrier.cht.base-uri", "http://127.0.0.1:8089/cht");
        badTimeout.setProperty("mobileauth.carrier.cht.client-id", "p");
        badTimeout.setProperty("mobileauth.carrier.cht.call-timeout", "soon");
        assertTrue(assertThrows(CarrierConfigurationException.class, () -> CarrierSettings.fromProperties(badTimeout))
                .getMessage().contains("call-timeout must be a positive duration"));

        Properties badKey = new Properties();
        badKey.setProperty("mobileauth.carrier.cht.base-uri", "http://127.0.0.1:8089/cht");
        badKey.setProperty("mobileauth.carrier.cht.client-id", "p");
        badKey.setProperty("mobileauth.carrier.cht.signing-key", "not a key");
        assertTrue(assertThrows(CarrierConfigurationException.class, () -> CarrierSettings.fromProperties(badKey))
                .getMessage().contains("is not a PKCS#8 EC private key"));

        Properties badUri = new Properties();
        badUri.setProperty("mobileauth.carrier.cht.base-uri", "not a uri");
        badUri.setProperty("mobileauth.carrier.cht.client-id", "p");
        assertTrue(assertThrows(CarrierConfigurationException.class, () -> CarrierSettings.fromProperties(badUri))
                .getMessage().contains("base-uri is not an absolute URI"));
    }

    /** Plain http to anything but loopback is refused when settings are bound, naming the key and the fix. */
    @Test
    void plainHttpToANonLoopbackCarrierIsRefusedNamingTheSetting() {
        Properties http = new Properties();
        http.setProperty("mobileauth.carrier.cht.base-uri", "http://carrier.example/cht");
        http.setProperty("mobileauth.carrier.cht.client-id", "p");
        CarrierConfigurationException e = assertThrows(CarrierConfigurationException.class,
                () -> CarrierSettings.fromProperties(http));
        assertTrue(e.getMessage().contains("mobileauth.carrier.cht.base-uri"), e.getMessage());
        assertTrue(e.getMessage().contains("https"), e.getMessage());

        Properties issuer = new Properties();
        issuer.setProperty("mobileauth.carrier.cht.base-uri", "https://carrier.example/cht");
        issuer.setProperty("mobileauth.carrier.cht.client-id", "p");
        issuer.setProperty("mobileauth.carrier.cht.issuer", "http://auth.carrier.example");
        assertTrue(assertThrows(CarrierConfigurationException.class, () -> CarrierSettings.fromProperties(issuer))
                .getMessage().contains("mobileauth.carrier.cht.issuer"));
    }

    @Test
    void theIssuerSettingPointsDiscoveryAtAnotherHost() {
        Properties p = new Properties();
        p.setProperty("mobileauth.carrier.cht.base-uri", "https://api.carrier.example/cht");
        p.setProperty("mobileauth.carrier.cht.client-id", "p");
        p.setProperty("mobileauth.carrier.cht.issuer", "https://auth.carrier.example");
        CarrierConfig cht = CarrierSettings.fromProperties(p).configs().get("cht");
        assertEquals("https://auth.carrier.example", cht.effectiveIssuer().toString());
        assertFalse(cht.property("issuer").isPresent(), "a typed setting, not a carrier property");
    }

    @Test
    void aPkcs8PemSigningKeyIsRead() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        byte[] der = g.generateKeyPair().getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
        Properties p = new Properties();
        p.setProperty("mobileauth.carrier.twm.base-uri", "http://127.0.0.1:8089/twm");
        p.setProperty("mobileauth.carrier.twm.client-id", "p");
        p.setProperty("mobileauth.carrier.twm.signing-key", pem);

        CarrierConfig twm = CarrierSettings.fromProperties(p).configs().get("twm");

        assertEquals("EC", twm.clientSigningKey().orElseThrow().getAlgorithm());
        assertTrue(java.util.Arrays.equals(der, twm.clientSigningKey().orElseThrow().getEncoded()));
    }
}
