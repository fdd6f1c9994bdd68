package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Access tokens: lifetime, single use per API for the 3-legged token, scopes, 2- vs 3-legged, x-correlator. */
class AccessTokenTest {

    private static final MutableClock CLOCK = MutableClock.at(Instant.parse("2025-03-01T02:00:00Z"));
    private static final FakeCarrierNetworks NETWORK = FakeCarrierNetworks.builder().clock(CLOCK).start();
    private CarrierClient client;
    private Subscriber alice;

    @BeforeEach
    void fresh() {
        NETWORK.reset();
        client = new CarrierClient(NETWORK, "cht");
        alice = NETWORK.subscribers().find("cht", Scenario.ELIGIBLE);
    }

    @AfterAll
    static void stop() {
        NETWORK.close();
    }

    private static void assertErrorInfo(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode n = CarrierClient.json(r);
        assertEquals(status, n.path("status").asInt());
        assertEquals(code, n.path("code").asText());
        assertFalse(n.path("message").asText().isEmpty());
    }

    @Test
    void anExpiredTokenIsRefusedWithUnauthenticated() {
        String token = client.twoLeggedToken();
        assertEquals(200, client.api("/kyc-match/v0.4/match", token, nameBody(alice)).statusCode());
        CLOCK.advance(Duration.ofSeconds(300));
        assertErrorInfo(client.api("/kyc-match/v0.4/match", token, nameBody(alice)),
                401, "UNAUTHENTICATED");
    }

    @Test
    void aMissingOrUnknownTokenIsRefusedWithUnauthenticated() {
        assertErrorInfo(client.post("/kyc-match/v0.4/match", "application/json", CarrierClient.phoneBody(alice.msisdn()),
                Optional.empty(), Optional.empty()), 401, "UNAUTHENTICATED");
        assertErrorInfo(client.api("/kyc-match/v0.4/match", "made-up", CarrierClient.phoneBody(alice.msisdn())),
                401, "UNAUTHENTICATED");
    }

    @Test
    void the3LeggedTokenCallsEachApiOnce() {
        String token = client.threeLeggedToken(CarrierClient.defaultHandle(alice));
        String body = CarrierClient.phoneBody(alice.msisdn());
        assertEquals(200, client.api("/number-verification/v2/verify", token, body).statusCode());
        assertErrorInfo(client.api("/number-verification/v2/verify", token, body), 401, "UNAUTHENTICATED");
        assertEquals(200, client.api("/device-roaming-status/v1/retrieve", token, "{}").statusCode());
        assertErrorInfo(client.api("/device-roaming-status/v1/retrieve", token, "{}"), 401, "UNAUTHENTICATED");
        assertEquals(200, client.api("/connected-network-type/v0.1/retrieve", token, "{}").statusCode());
        assertErrorInfo(client.api("/connected-network-type/v0.1/retrieve", token, "{}"), 401, "UNAUTHENTICATED");
    }

    @Test
    void a2LeggedTokenCannotVerifyAndA3LeggedTokenCannotMatch() {
        String twoLegged = client.twoLeggedToken();
        assertErrorInfo(client.api("/number-verification/v2/verify", twoLegged, CarrierClient.phoneBody(alice.msisdn())),
                403, "PERMISSION_DENIED");
        String threeLegged = client.threeLeggedToken(CarrierClient.defaultHandle(alice));
        assertErrorInfo(client.api("/kyc-match/v0.4/match", threeLegged, CarrierClient.phoneBody(alice.msisdn())),
                403, "PERMISSION_DENIED");
    }

    @Test
    void aTokenOnlyReachesTheApisOfItsScope() {
        HttpResponse<String> r = client.clientCredentials(client.assertion(), Optional.of("kyc-match:match"));
        assertEquals(200, r.statusCode(), r.body());
        String token = CarrierClient.json(r).path("access_token").asText();
        assertEquals(200, client.api("/kyc-match/v0.4/match", token, nameBody(alice)).statusCode());
        assertErrorInfo(client.api("/sim-swap/v2/retrieve-date", token, CarrierClient.phoneBody(alice.msisdn())),
                403, "PERMISSION_DENIED");
    }

    @Test
    void clientCredentialsRefuseScopesTheCarrierDoesNotOffer() {
        HttpResponse<String> r = client.clientCredentials(client.assertion(), Optional.of("twm-subscription:query"));
        assertEquals(400, r.statusCode());
        assertEquals("invalid_scope", CarrierClient.json(r).path("error").asText());
        HttpResponse<String> nv = client.clientCredentials(client.assertion(), Optional.of("number-verification:verify"));
        assertEquals("invalid_scope", CarrierClient.json(nv).path("error").asText());
        HttpResponse<String> ok = client.clientCredentials(client.assertion(),
                Optional.of("dpv:FraudPreventionAndDetection kyc-tenure:check-tenure cht-line-profile:retrieve"));
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    void aTokenFromAnotherCarrierIsUnknownHere() {
        String chtToken = client.twoLeggedToken();
        CarrierClient twm = new CarrierClient(NETWORK, "twm");
        Subscriber bob = NETWORK.subscribers().find("twm", Scenario.ELIGIBLE);
        assertErrorInfo(twm.api("/kyc-match/v0.4/match", chtToken, CarrierClient.phoneBody(bob.msisdn())),
                401, "UNAUTHENTICATED");
    }

    @Test
    void theCorrelatorIsEchoedOrGenerated() {
        String token = client.twoLeggedToken();
        HttpResponse<String> echoed = client.post("/kyc-match/v0.4/match", "application/json",
                nameBody(alice), Optional.of(token), Optional.of("corr-123"));
        assertEquals("corr-123", echoed.headers().firstValue("x-correlator").orElse(""));
        HttpResponse<String> generated = client.post("/kyc-match/v0.4/match", "application/json",
                nameBody(alice), Optional.of(token), Optional.empty());
        assertTrue(generated.headers().firstValue("x-correlator").filter(c -> !c.isBlank()).isPresent());
        HttpResponse<String> onError = client.post("/kyc-match/v0.4/match", "application/json", "not json",
                Optional.of(token), Optional.of("corr-err"));
        assertEquals(400, onError.statusCode());
        assertEquals("corr-err", onError.headers().firstValue("x-correlator").orElse(""));
        HttpResponse<String> unknownPath = client.send(HttpRequest.newBuilder(
                URI.create(NETWORK.baseUri("cht") + "/nope")).header("x-correlator", "corr-404").GET().build());
        assertEquals(404, unknownPath.statusCode());
        assertEquals("corr-404", unknownPath.headers().firstValue("x-correlator").orElse(""));
    }

    /** A KYC Match body with something to match besides the number (KYC Match 0.4.0 needs one). */
    private static String nameBody(Subscriber s) {
        return "{\"phoneNumber\":\"" + s.msisdn().e164() + "\",\"name\":\"" + s.name() + "\"}";
    }
}
