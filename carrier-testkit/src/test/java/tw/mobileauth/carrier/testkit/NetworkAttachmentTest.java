package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.AccessNetwork;

/** The simulated radio network decides who gets a code, and the status APIs report the device's attachment. */
class NetworkAttachmentTest {

    private static final FakeCarrierNetworks NETWORK = FakeCarrierNetworks.start();
    private CarrierClient cht;
    private Subscriber alice;

    @BeforeEach
    void fresh() {
        NETWORK.reset();
        cht = new CarrierClient(NETWORK, "cht");
        alice = NETWORK.subscribers().find("cht", Scenario.ELIGIBLE);
    }

    @AfterAll
    static void stop() {
        NETWORK.close();
    }

    private Map<String, String> authorize(String handle) {
        return cht.authorize(handle, "st", CarrierClient.Pkce.fresh());
    }

    private static void assertNotOnMobileNetwork(Map<String, String> cb) {
        assertEquals("access_denied", cb.get("error"), cb.toString());
        assertEquals("not_on_mobile_network", cb.get("error_description"));
        assertEquals("st", cb.get("state"));
        assertFalse(cb.containsKey("code"));
    }

    private JsonNode status(String token, String path) {
        HttpResponse<String> r = cht.api(path, token, "{}");
        assertEquals(200, r.statusCode(), r.body());
        return CarrierClient.json(r);
    }

    @Test
    void everyFixtureNumbersDefaultDeviceIsOnItsCarriers4g() {
        for (Subscriber s : NETWORK.subscribers().all()) {
            assertEquals(Optional.of(new NetworkAttachments.Attachment(s.msisdn(), Access.g4())),
                    NETWORK.attachments().of(NetworkAttachments.defaultHandle(s.msisdn())));
        }
        assertTrue(authorize(CarrierClient.defaultHandle(alice)).containsKey("code"));
    }

    @Test
    void aDeviceOnWifiGetsNoCode() {
        NETWORK.attachments().attach("phone-wifi", alice.msisdn(), Access.wifi());
        assertNotOnMobileNetwork(authorize("phone-wifi"));
        NETWORK.attachments().attach("phone-wifi", alice.msisdn(), Access.g5());
        assertTrue(authorize("phone-wifi").containsKey("code"));
    }

    @Test
    void aDeviceOnAnotherCarrierGetsNoCode() {
        NETWORK.attachments().attach("dual-sim", alice.msisdn(), Access.otherCarrier("fet"));
        assertNotOnMobileNetwork(authorize("dual-sim"));
        Subscriber bob = NETWORK.subscribers().find("twm", Scenario.ELIGIBLE);
        assertNotOnMobileNetwork(authorize(CarrierClient.defaultHandle(bob)));
    }

    @Test
    void anUnknownDeviceOrNumberGetsNoCode() {
        assertNotOnMobileNetwork(authorize("never-attached"));
        NETWORK.attachments().attach("stranger", tw.mobileauth.carrier.spi.Msisdn.of("+886987654321"), Access.g4());
        assertNotOnMobileNetwork(authorize("stranger"));
    }

    @Test
    void roamingGetsACodeAndIsReportedWithItsCountry() {
        NETWORK.attachments().attach("abroad", alice.msisdn(), Access.roaming(440, true));
        String token = cht.threeLeggedToken("abroad");
        JsonNode roaming = status(token, "/device-roaming-status/v1/retrieve");
        assertTrue(roaming.path("roaming").asBoolean());
        assertEquals(440, roaming.path("countryCode").asInt());
        assertFalse(roaming.path("lastStatusTime").asText().isEmpty());
        assertEquals("5G", status(token, "/connected-network-type/v0.1/retrieve").path("connectedNetworkType").asText());
    }

    @Test
    void atHomeRoamingIsFalseWithoutACountry() {
        String token = cht.threeLeggedToken(CarrierClient.defaultHandle(alice));
        JsonNode roaming = status(token, "/device-roaming-status/v1/retrieve");
        assertFalse(roaming.path("roaming").asBoolean());
        assertFalse(roaming.has("countryCode"));
    }

    @Test
    void theNetworkTypeIsTheDevicesGeneration() {
        for (Map.Entry<Access, String> e : Map.of(Access.g3(), "3G", Access.g4(), "4G", Access.g5(), "5G").entrySet()) {
            NETWORK.attachments().attach("gen", alice.msisdn(), e.getKey());
            String token = cht.threeLeggedToken("gen");
            assertEquals(e.getValue(), status(token, "/connected-network-type/v0.1/retrieve")
                    .path("connectedNetworkType").asText());
        }
    }

    @Test
    void theStatusFollowsTheDeviceThatDidTheVerification() {
        NETWORK.attachments().attach("mover", alice.msisdn(), Access.g4());
        String token = cht.threeLeggedToken("mover");
        NETWORK.attachments().attach("mover", alice.msisdn(), Access.g5());
        assertEquals("5G", status(token, "/connected-network-type/v0.1/retrieve").path("connectedNetworkType").asText());
        NETWORK.attachments().attach("mover", alice.msisdn(), Access.wifi());
        assertFalse(status(token, "/device-roaming-status/v1/retrieve").path("roaming").asBoolean(),
                "off the carrier the last status seen at authorize is reported");
    }

    @Test
    void verifyIsTrueOnlyForTheNumberTheDeviceHolds() {
        Subscriber other = NETWORK.subscribers().find("cht", Scenario.PREPAID);
        String token = cht.threeLeggedToken(CarrierClient.defaultHandle(alice));
        HttpResponse<String> r = cht.api("/number-verification/v2/verify", token, CarrierClient.phoneBody(other.msisdn()));
        assertFalse(CarrierClient.json(r).path("devicePhoneNumberVerified").asBoolean());
        String again = cht.threeLeggedToken(CarrierClient.defaultHandle(alice));
        HttpResponse<String> ok = cht.api("/number-verification/v2/verify", again, CarrierClient.phoneBody(alice.msisdn()));
        assertTrue(CarrierClient.json(ok).path("devicePhoneNumberVerified").asBoolean());
    }

    @Test
    void aCookieNamesTheDeviceLikeTheHeader() {
        NETWORK.attachments().attach("cookie-phone", alice.msisdn(), Access.g4());
        HttpRequest withCookie = HttpRequest.newBuilder(cht.authorizeUri(cht.authorizeParams("st",
                CarrierClient.Pkce.fresh()))).header("Cookie", "other=1; mobileauth-device=cookie-phone")
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> r = cht.send(withCookie);
        assertEquals(302, r.statusCode());
        assertTrue(r.headers().firstValue("Location").orElse("").contains("code="));
        NETWORK.attachments().attach("cookie-phone", alice.msisdn(), Access.wifi());
        assertTrue(cht.send(withCookie).headers().firstValue("Location").orElse("").contains("error=access_denied"));
    }

    @Test
    void resetRestoresTheDefaultsAndForgetsOtherDevices() {
        String handle = CarrierClient.defaultHandle(alice);
        NETWORK.attachments().attach(handle, alice.msisdn(), Access.wifi());
        NETWORK.attachments().attach("extra", alice.msisdn(), Access.g5());
        NETWORK.reset();
        assertEquals(Access.g4(), NETWORK.attachments().of(handle).orElseThrow().access());
        assertEquals(Optional.empty(), NETWORK.attachments().of("extra"));
    }

    @Test
    void handlesAndAccessesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> NETWORK.attachments().attach("", alice.msisdn(), Access.g4()));
        assertThrows(IllegalArgumentException.class,
                () -> NETWORK.attachments().attach("a;b", alice.msisdn(), Access.g4()));
        assertThrows(IllegalArgumentException.class, () -> Access.roaming(0, false));
        assertThrows(IllegalArgumentException.class, () -> new Access.Cellular(AccessNetwork.UNKNOWN));
        assertThrows(IllegalArgumentException.class, () -> Access.otherCarrier(" "));
    }
}
