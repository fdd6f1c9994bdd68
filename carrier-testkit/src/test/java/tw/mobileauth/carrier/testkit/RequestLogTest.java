package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request log records every request in arrival order, for tests to inspect. */
class RequestLogTest {

    private static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");
    private static final MutableClock CLOCK = MutableClock.at(T0);
    private static final FakeCarrierNetworks NETWORK = FakeCarrierNetworks.builder().clock(CLOCK).start();
    private CarrierClient twm;
    private Subscriber alice;

    @BeforeEach
    void fresh() {
        NETWORK.reset();
        CLOCK.set(T0);
        twm = new CarrierClient(NETWORK, "twm");
        alice = NETWORK.subscribers().find("twm", Scenario.ELIGIBLE);
    }

    @AfterAll
    static void stop() {
        NETWORK.close();
    }

    @Test
    void eachRequestIsRecordedWithItsDetailsAndAnswer() {
        String token = twm.twoLeggedToken();
        String body = CarrierClient.phoneBody(alice.msisdn());
        twm.post("/twm/subscription/v1/query", "application/json", body, Optional.of(token), Optional.of("c-1"));
        List<LoggedRequest> all = NETWORK.requests().all();
        assertEquals(2, all.size());
        LoggedRequest r = all.get(1);
        assertEquals("twm", r.carrierId());
        assertEquals(Endpoint.TWM_SUBSCRIPTION, r.endpoint());
        assertEquals("POST", r.method());
        assertEquals("/twm/twm/subscription/v1/query", r.path());
        assertEquals(Optional.of("c-1"), r.correlator());
        assertEquals(body, r.body());
        assertEquals(T0, r.at());
        assertEquals(200, r.responseStatus());
        assertEquals(Endpoint.TOKEN, all.get(0).endpoint());
        assertEquals(Optional.empty(), all.get(0).correlator());
        assertFalse(r.toString().contains(alice.msisdn().e164()), "toString leaves the body out");
    }

    @Test
    void endpointsListACarriersCallsInArrivalOrder() {
        String token = twm.twoLeggedToken();
        twm.api("/kyc-match/v0.4/match", token, CarrierClient.phoneBody(alice.msisdn()));
        twm.api("/sim-swap/v2/check", token, CarrierClient.phoneBody(alice.msisdn()));
        new CarrierClient(NETWORK, "cht").twoLeggedToken();
        assertEquals(List.of(Endpoint.TOKEN, Endpoint.KYC_MATCH, Endpoint.SIM_SWAP_CHECK),
                NETWORK.requests().endpoints("twm"));
        assertEquals(List.of(Endpoint.TOKEN), NETWORK.requests().endpoints("cht"));
        assertEquals(1, NETWORK.requests().of("twm", Endpoint.SIM_SWAP_CHECK).size());
    }

    @Test
    void refusalsResetsAndUnknownPathsAreRecordedToo() {
        String token = twm.twoLeggedToken();
        twm.api("/sim-swap/v2/retrieve-date", token, CarrierClient.phoneBody(alice.msisdn()));
        NETWORK.faults().inject("twm", Endpoint.KYC_MATCH, Fault.connectionReset());
        assertThrows(UncheckedIOException.class,
                () -> twm.api("/kyc-match/v0.4/match", token, CarrierClient.phoneBody(alice.msisdn())));
        List<LoggedRequest> all = NETWORK.requests().all();
        assertEquals(Endpoint.OTHER, all.get(1).endpoint(), "TWM has no retrieve-date");
        assertEquals(404, all.get(1).responseStatus());
        assertEquals(Endpoint.KYC_MATCH, all.get(2).endpoint());
        assertEquals(0, all.get(2).responseStatus(), "no response was sent");
    }

    @Test
    void theAuthorizeQueryIsPartOfThePath() {
        twm.authorize(CarrierClient.defaultHandle(alice), "st", CarrierClient.Pkce.fresh());
        LoggedRequest r = NETWORK.requests().all().get(0);
        assertEquals(Endpoint.AUTHORIZE, r.endpoint());
        assertTrue(r.path().startsWith("/twm/oauth2/authorize?response_type=code"), r.path());
        assertEquals(302, r.responseStatus());
    }

    @Test
    void clearAndResetEmptyTheLog() {
        twm.twoLeggedToken();
        NETWORK.requests().clear();
        assertTrue(NETWORK.requests().all().isEmpty());
        twm.twoLeggedToken();
        NETWORK.reset();
        assertTrue(NETWORK.requests().all().isEmpty());
    }
}
