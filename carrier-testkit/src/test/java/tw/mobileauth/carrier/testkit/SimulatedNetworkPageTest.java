package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Without a device, the authorize endpoint shows the labelled simulated-network page, whose form continues the flow. */
class SimulatedNetworkPageTest {

    private static final FakeCarrierNetworks NETWORK = FakeCarrierNetworks.start();
    private CarrierClient client;
    private Subscriber alice;

    @BeforeEach
    void fresh() {
        NETWORK.reset();
        client = new CarrierClient(NETWORK, "twm");
        alice = NETWORK.subscribers().find("twm", Scenario.ELIGIBLE);
    }

    @AfterAll
    static void stop() {
        NETWORK.close();
    }

    private HttpResponse<String> openInABrowser(Map<String, String> params) {
        return client.send(HttpRequest.newBuilder(client.authorizeUri(params)).timeout(Duration.ofSeconds(5)).GET()
                .build());
    }

    private HttpResponse<String> choose(String query, String number, String access) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("authorize_query", query);
        form.put("number", number);
        form.put("access", access);
        form.put("country", "440");
        return client.post("/simulated-network/connect", "application/x-www-form-urlencoded",
                CarrierClient.encode(form), java.util.Optional.empty(), java.util.Optional.empty());
    }

    @Test
    void withoutADeviceThePageIsShownClearlyLabelledInBothLanguages() {
        Map<String, String> params = client.authorizeParams("st", CarrierClient.Pkce.fresh());
        params.put("login_hint", "tel:" + alice.msisdn().e164());
        HttpResponse<String> r = openInABrowser(params);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = r.body();
        assertTrue(html.contains("模擬電信網路") && html.contains("Simulated carrier network"));
        assertTrue(html.contains("台灣大哥大"));
        for (String choice : new String[] {"G4", "G5", "WIFI", "ROAMING", "G3"}) {
            assertTrue(html.contains("value=\"" + choice + "\""), choice);
        }
        assertTrue(html.contains("value=\"0" + alice.msisdn().e164().substring(4) + "\""), "login_hint prefills");
        assertTrue(html.contains("action=\"/twm/simulated-network/connect\""));
    }

    @Test
    void choosing4gContinuesToTheRedirectWithACode() {
        String query = client.authorizeUri(client.authorizeParams("st", CarrierClient.Pkce.fresh())).getRawQuery();
        HttpResponse<String> r = choose(query, "0" + alice.msisdn().e164().substring(4), "G4");
        assertEquals(303, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(CarrierClient.CALLBACK + "?code="), location);
        assertTrue(location.endsWith("&state=st"), location);
    }

    @Test
    void choosingWifiContinuesToTheRedirectWithNotOnMobileNetwork() {
        String query = client.authorizeUri(client.authorizeParams("st", CarrierClient.Pkce.fresh())).getRawQuery();
        HttpResponse<String> r = choose(query, alice.msisdn().e164(), "WIFI");
        assertEquals(303, r.statusCode());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("error=access_denied") && location.contains("not_on_mobile_network"), location);
    }

    @Test
    void anUnusableChoiceIsExplainedAndNotForwarded() {
        String query = client.authorizeUri(client.authorizeParams("st", CarrierClient.Pkce.fresh())).getRawQuery();
        HttpResponse<String> r = choose(query, "12345", "G4");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("09"), r.body());
        assertEquals(400, choose(query, "0935000101", "CARRIER_PIGEON").statusCode());
    }

    @Test
    void numbersTypedOnThePageAreNormalised() {
        assertEquals("+886935000101", SimulatorPage.number("0935-000-101").orElseThrow().e164());
        assertEquals("+886935000101", SimulatorPage.number("+886 935 000 101").orElseThrow().e164());
        assertTrue(SimulatorPage.number("0235000101").isEmpty());
        assertTrue(URI.create(NETWORK.baseUri("twm").toString()).isAbsolute());
    }
}
