package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every injectable fault, per carrier and endpoint, and that faults stop when spent. */
class FaultInjectionTest {

    private static final FakeCarrierNetworks NETWORK = FakeCarrierNetworks.start();
    private CarrierClient fet;
    private Subscriber alice;
    private String token;

    @BeforeEach
    void fresh() {
        NETWORK.reset();
        fet = new CarrierClient(NETWORK, "fet");
        alice = NETWORK.subscribers().find("fet", Scenario.ELIGIBLE);
        token = fet.twoLeggedToken();
    }

    @AfterAll
    static void stop() {
        NETWORK.close();
    }

    private void inject(Fault fault) {
        NETWORK.faults().inject("fet", Endpoint.SIM_SWAP_DATE, fault);
    }

    private HttpResponse<String> call() {
        return fet.api("/sim-swap/v2/retrieve-date", token, CarrierClient.phoneBody(alice.msisdn()));
    }

    @Test
    void latencyDelaysThenAnswersNormally() {
        inject(Fault.latency(Duration.ofMillis(400)));
        long start = System.nanoTime();
        HttpResponse<String> r = call();
        assertTrue(System.nanoTime() - start >= 400_000_000L, "the answer must be delayed");
        assertEquals(200, r.statusCode());
    }

    @Test
    void serverErrorsCarryTheirErrorInfo() {
        Map<Integer, String> codes = Map.of(500, "INTERNAL", 502, "BAD_GATEWAY", 503, "UNAVAILABLE", 504, "TIMEOUT");
        codes.forEach((status, code) -> {
            inject(Fault.status(status));
            HttpResponse<String> r = call();
            assertEquals(status, r.statusCode());
            assertEquals(code, CarrierClient.json(r).path("code").asText());
            assertEquals(status, CarrierClient.json(r).path("status").asInt());
        });
        assertThrows(IllegalArgumentException.class, () -> Fault.status(501));
    }

    @Test
    void rateLimitingSends429WithRetryAfterInWholeSeconds() {
        inject(Fault.rateLimited(Duration.ofMillis(1500)));
        HttpResponse<String> r = call();
        assertEquals(429, r.statusCode());
        assertEquals("TOO_MANY_REQUESTS", CarrierClient.json(r).path("code").asText());
        assertEquals(Optional.of("2"), r.headers().firstValue("Retry-After"));
        assertEquals(200, call().statusCode(), "once means once");
    }

    @Test
    void anyErrorInfoCanBeInjected() {
        inject(Fault.error(429, "QUOTA_EXCEEDED"));
        HttpResponse<String> r = call();
        assertEquals(429, r.statusCode());
        assertEquals("QUOTA_EXCEEDED", CarrierClient.json(r).path("code").asText());
        assertFalse(r.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void oauthErrorsAnswerTheTokenEndpointWithAnOAuthBody() {
        NETWORK.faults().inject("fet", Endpoint.TOKEN, Fault.oauthError(400, "invalid_grant"));
        HttpResponse<String> r = fet.clientCredentials(fet.assertion(), Optional.empty());
        assertEquals(400, r.statusCode());
        assertEquals("invalid_grant", CarrierClient.json(r).path("error").asText());
        assertEquals(200, fet.clientCredentials(fet.assertion(), Optional.empty()).statusCode());
    }

    @Test
    void oauthErrorsAtAuthorizeRedirectWithTheError() {
        NETWORK.faults().inject("fet", Endpoint.AUTHORIZE, Fault.oauthError(400, "consent_required"));
        Map<String, String> cb = fet.authorize(CarrierClient.defaultHandle(alice), "st", CarrierClient.Pkce.fresh());
        assertEquals("consent_required", cb.get("error"));
        assertEquals("st", cb.get("state"));
    }

    @Test
    void malformedJsonIsA200ThatDoesNotParse() {
        inject(Fault.malformedJson());
        HttpResponse<String> r = call();
        assertEquals(200, r.statusCode());
        assertEquals(Optional.of("application/json"), r.headers().firstValue("Content-Type"));
        assertThrows(IOException.class, () -> new ObjectMapper().readTree(r.body()));
    }

    @Test
    void aConnectionResetSendsNoResponseAtAll() {
        inject(Fault.connectionReset());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, this::call);
        assertTrue(e.getCause() instanceof IOException);
        assertEquals(200, call().statusCode(), "the next call is served");
    }

    @Test
    void aConnectionResetActsInFrontOfTheCarrierSoTheCodeIsStillRedeemable() {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        String code = fet.authorize(CarrierClient.defaultHandle(alice), "st-reset", pkce).get("code");
        NETWORK.faults().inject("fet", Endpoint.TOKEN, Fault.connectionReset());
        assertThrows(UncheckedIOException.class, () -> fet.exchange(code, pkce, fet.assertion()));
        assertEquals(200, fet.exchange(code, pkce, fet.assertion()).statusCode(), "nothing was consumed");
    }

    @Test
    void aResetAfterProcessingRedeemsTheCodeThenDropsTheAnswer() {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        String code = fet.authorize(CarrierClient.defaultHandle(alice), "st-dropped", pkce).get("code");
        NETWORK.faults().inject("fet", Endpoint.TOKEN, Fault.resetAfterProcessing());
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> fet.exchange(code, pkce, fet.assertion()));
        assertTrue(e.getCause() instanceof IOException);
        HttpResponse<String> again = fet.exchange(code, pkce, fet.assertion());
        assertEquals(400, again.statusCode(), "the code was redeemed before the answer was dropped");
        assertEquals("invalid_grant", CarrierClient.json(again).path("error").asText());
        java.util.List<LoggedRequest> exchanges = NETWORK.requests().of("fet", Endpoint.TOKEN);
        assertEquals(0, exchanges.get(exchanges.size() - 2).responseStatus(), "no answer reached the client");
    }

    @Test
    void aResetAfterProcessingSpendsTheSingleUseToken() {
        String threeLegged = fet.threeLeggedToken(CarrierClient.defaultHandle(alice));
        NETWORK.faults().inject("fet", Endpoint.NUMBER_VERIFY, Fault.resetAfterProcessing());
        String body = CarrierClient.phoneBody(alice.msisdn());
        assertThrows(UncheckedIOException.class, () -> fet.api("/number-verification/v2/verify", threeLegged, body));
        assertEquals(401, fet.api("/number-verification/v2/verify", threeLegged, body).statusCode(),
                "the token was spent by the call whose answer was lost");
    }

    @Test
    void latencyAfterProcessingRedeemsAtOnceWhileLatencyRedeemsOnlyAfterTheWait() throws Exception {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        String late = fet.authorize(CarrierClient.defaultHandle(alice), "st-late", pkce).get("code");
        NETWORK.faults().inject("fet", Endpoint.TOKEN, Fault.latencyAfterProcessing(Duration.ofMillis(900)));
        assertThrows(HttpTimeoutException.class, () -> exchangeWithin(late, pkce, Duration.ofMillis(300)));
        assertEquals(400, fet.exchange(late, pkce, fet.assertion()).statusCode(),
                "processed before the delay: the code is gone although no answer came");

        CarrierClient.Pkce pkce2 = CarrierClient.Pkce.fresh();
        String slow = fet.authorize(CarrierClient.defaultHandle(alice), "st-slow", pkce2).get("code");
        NETWORK.faults().inject("fet", Endpoint.TOKEN, Fault.latency(Duration.ofMillis(900)));
        assertThrows(HttpTimeoutException.class, () -> exchangeWithin(slow, pkce2, Duration.ofMillis(300)));
        assertEquals(200, fet.exchange(slow, pkce2, fet.assertion()).statusCode(),
                "delayed in front of the carrier: the code is still there");
    }

    @Test
    void latencyAfterProcessingAnswersNormallyWhenTheClientWaits() {
        inject(Fault.latencyAfterProcessing(Duration.ofMillis(300)));
        long start = System.nanoTime();
        HttpResponse<String> r = call();
        assertTrue(System.nanoTime() - start >= 300_000_000L, "the answer must be delayed");
        assertEquals(200, r.statusCode());
        assertThrows(IllegalArgumentException.class, () -> Fault.latencyAfterProcessing(Duration.ofSeconds(61)));
    }

    private HttpResponse<String> exchangeWithin(String code, CarrierClient.Pkce pkce, Duration timeout)
            throws Exception {
        Map<String, String> f = fet.clientAuth(fet.assertion());
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", CarrierClient.CALLBACK);
        f.put("code_verifier", pkce.verifier());
        return fet.http.send(HttpRequest.newBuilder(URI.create(fet.tokenUrl())).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(CarrierClient.encode(f))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anInvalidStateRedirectsWithAnotherState() {
        NETWORK.faults().inject("fet", Endpoint.AUTHORIZE, Fault.invalidState());
        Map<String, String> cb = fet.authorize(CarrierClient.defaultHandle(alice), "my-state", CarrierClient.Pkce.fresh());
        assertTrue(cb.containsKey("code"));
        assertNotEquals("my-state", cb.get("state"));
        assertThrows(IllegalArgumentException.class,
                () -> NETWORK.faults().inject("fet", Endpoint.KYC_MATCH, Fault.invalidState()));
    }

    @Test
    void aWrongCorrelatorIsEchoedOnAnOtherwiseNormalAnswer() {
        inject(Fault.wrongCorrelator());
        HttpResponse<String> r = fet.post("/sim-swap/v2/retrieve-date", "application/json",
                CarrierClient.phoneBody(alice.msisdn()), Optional.of(token), Optional.of("mine"));
        assertEquals(200, r.statusCode());
        assertNotEquals("mine", r.headers().firstValue("x-correlator").orElse("mine"));
    }

    @Test
    void aMissingCorrelatorLeavesTheHeaderOutOfAnOtherwiseNormalAnswer() {
        inject(Fault.missingCorrelator());
        HttpResponse<String> r = fet.post("/sim-swap/v2/retrieve-date", "application/json",
                CarrierClient.phoneBody(alice.msisdn()), Optional.of(token), Optional.of("mine"));
        assertEquals(200, r.statusCode());
        assertEquals(Optional.empty(), r.headers().firstValue("x-correlator"));
        assertEquals(Optional.of("again"), fet.post("/sim-swap/v2/retrieve-date", "application/json",
                CarrierClient.phoneBody(alice.msisdn()), Optional.of(token), Optional.of("again"))
                .headers().firstValue("x-correlator"), "once means once");
    }

    @Test
    void aRawResponseIsSentAsGiven() {
        inject(Fault.rawResponse(502, "text/html", "<html>proxy error</html>"));
        HttpResponse<String> r = call();
        assertEquals(502, r.statusCode());
        assertEquals("<html>proxy error</html>", r.body());
    }

    @Test
    void faultsApplyTheirTimesInOrderThenStop() {
        inject(Fault.status(503).times(2));
        inject(Fault.rateLimited(Duration.ofSeconds(1)));
        assertEquals(3, NETWORK.faults().remaining("fet", Endpoint.SIM_SWAP_DATE));
        assertEquals(503, call().statusCode());
        assertEquals(503, call().statusCode());
        assertEquals(429, call().statusCode());
        assertEquals(200, call().statusCode());
        assertEquals(0, NETWORK.faults().remaining("fet", Endpoint.SIM_SWAP_DATE));
    }

    @Test
    void aFaultStaysOnItsCarrierAndEndpoint() {
        NETWORK.faults().inject("cht", Endpoint.SIM_SWAP_DATE, Fault.status(500));
        NETWORK.faults().inject("fet", Endpoint.KYC_MATCH, Fault.status(500));
        assertEquals(200, call().statusCode());
        assertEquals(1, NETWORK.faults().remaining("cht", Endpoint.SIM_SWAP_DATE));
    }

    @Test
    void faultsAreRefusedWhereTheyCouldNeverFire() {
        assertThrows(IllegalArgumentException.class,
                () -> NETWORK.faults().inject("twm", Endpoint.KYC_TENURE, Fault.status(500)));
        assertThrows(IllegalArgumentException.class,
                () -> NETWORK.faults().inject("fet", Endpoint.CHT_LINE_PROFILE, Fault.status(500)));
        assertThrows(IllegalArgumentException.class,
                () -> NETWORK.faults().inject("xyz", Endpoint.TOKEN, Fault.status(500)));
        assertThrows(IllegalArgumentException.class, () -> Fault.status(503).times(0));
        assertThrows(IllegalArgumentException.class, () -> Fault.error(200, "OK"));
    }

    @Test
    void resetDisarmsEveryFault() {
        inject(Fault.status(500).times(5));
        NETWORK.reset();
        token = fet.twoLeggedToken();
        assertEquals(200, call().statusCode());
    }
}
