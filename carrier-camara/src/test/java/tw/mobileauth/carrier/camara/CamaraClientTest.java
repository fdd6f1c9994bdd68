package tw.mobileauth.carrier.camara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tw.mobileauth.carrier.camara.StubCarrier.Reply.error;
import static tw.mobileauth.carrier.camara.StubCarrier.Reply.json;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.camara.internal.Base64Url;
import tw.mobileauth.carrier.camara.internal.Json;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException;

class CamaraClientTest {

    private static final String PATH = "/attrs";
    private static final Map<String, String> BODY = Map.of("phoneNumber", "+886912345678");
    private static final StubCarrier.Reply OK = json(200, "{\"ok\":true}");

    private final Fixtures f = new Fixtures();
    private StubCarrier stub;
    private CamaraClient client;

    @BeforeEach
    void start() throws Exception {
        stub = new StubCarrier();
        client = f.adapter(f.config(stub.base()).build(), Fixtures.plainProfile()).client();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private JsonReply post() throws CarrierException {
        return client.post(f.ctx(Duration.ofSeconds(10)), PATH, "attrs:read", BODY);
    }

    // --- x-correlator ---

    @Test
    void theCorrelatorGoesOnEveryRequestIncludingTheTokenRequest() throws Exception {
        stub.on(PATH, OK);
        assertTrue(post().bool("ok"));
        assertEquals(2, stub.apiRequests().size());
        stub.apiRequests().forEach(r -> assertEquals(Optional.of("corr-1"), r.header("x-correlator"), r.path()));
    }

    @Test
    void anEchoOfAnotherCorrelatorIsAProtocolViolationAndNotRetried() {
        stub.on(PATH, OK.correlator("someone-else"));
        CarrierException e = assertThrows(CarrierException.ProtocolViolation.class, this::post);
        assertEquals("CORRELATOR_MISMATCH", e.code());
        assertEquals(1, stub.requests(PATH).size());
    }

    @Test
    void aMissingEchoIsAProtocolViolationAndNotRetried() {
        stub.on(PATH, OK.noEcho());
        CarrierException e = assertThrows(CarrierException.ProtocolViolation.class, this::post);
        assertEquals("CORRELATOR_MISSING", e.code());
        assertEquals(1, stub.requests(PATH).size());
    }

    // --- retries, backoff, Retry-After, deadline ---

    @Test
    void outagesAreRetriedWithGrowingJitteredBackoffThenSucceed() throws Exception {
        stub.on(PATH, error(503, "UNAVAILABLE"), error(502, "BAD_GATEWAY"), OK);
        assertTrue(post().bool("ok"));
        assertEquals(3, stub.requests(PATH).size());
        assertEquals(2, f.sleeps.size());
        assertBetween(f.sleeps.get(0), 50, 100);
        assertBetween(f.sleeps.get(1), 100, 200);
    }

    @Test
    void retriesStopAfterThreeAttempts() {
        stub.on(PATH, error(500, "INTERNAL"));
        CarrierException e = assertThrows(CarrierException.CarrierUnavailable.class, this::post);
        assertEquals("INTERNAL", e.code());
        assertEquals(3, stub.requests(PATH).size());
    }

    @Test
    void retryAfterIsWaitedForWhenItIsLongerThanTheBackoff() throws Exception {
        stub.on(PATH, error(429, "TOO_MANY_REQUESTS").header("Retry-After", "2"), OK);
        assertTrue(post().bool("ok"));
        assertEquals(List.of(Duration.ofSeconds(2)), f.sleeps);
    }

    @Test
    void aRetryAfterThatReachesTheDeadlineIsNotWaitedForButReported() {
        stub.on(PATH, error(429, "TOO_MANY_REQUESTS").header("Retry-After", "30"), OK);
        CarrierException e = assertThrows(CarrierException.RateLimited.class,
                () -> client.post(f.ctx(Duration.ofSeconds(5)), PATH, "attrs:read", BODY));
        assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter());
        assertTrue(e.isRetryable());
        assertEquals(1, stub.requests(PATH).size());
        assertTrue(f.sleeps.isEmpty());
    }

    @Test
    void anExhaustedQuotaIsNotRetried() {
        stub.on(PATH, error(429, "QUOTA_EXCEEDED"), OK);
        CarrierException e = assertThrows(CarrierException.RateLimited.class, this::post);
        assertEquals(CarrierException.Retry.NEVER, e.retry());
        assertEquals(1, stub.requests(PATH).size());
    }

    @Test
    void clientErrorsAreNotRetried() {
        stub.on(PATH, error(400, "INVALID_ARGUMENT"), OK);
        assertThrows(CarrierException.InvalidRequest.class, this::post);
        assertEquals(1, stub.requests(PATH).size());
    }

    @Test
    void aPassedDeadlineSendsNothing() {
        CallContext late = f.ctx(Duration.ZERO);
        CarrierException e = assertThrows(CarrierException.CarrierUnavailable.class,
                () -> client.post(late, PATH, "attrs:read", BODY));
        assertEquals("DEADLINE_EXCEEDED", e.code());
        assertTrue(stub.requests().isEmpty());
    }

    @Test
    void eachRequestTimesOutAtTheConfiguredCallTimeout() throws Exception {
        client = f.adapter(f.config(stub.base()).callTimeout(Duration.ofMillis(200)).build(),
                Fixtures.plainProfile(), new RetryPolicy(1, Duration.ofMillis(100), Duration.ofSeconds(2))).client();
        stub.on(PATH, OK.delayed(Duration.ofSeconds(2)));
        long started = System.nanoTime();
        CarrierException e = assertThrows(CarrierException.CarrierUnavailable.class, this::post);
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals("TIMEOUT", e.code());
        assertTrue(ms < 1500, "gave up after " + ms + " ms, not at the 200 ms call timeout");
    }

    @Test
    void eachRequestTimesOutAtTheTimeLeftBeforeTheDeadline() throws Exception {
        client = f.adapter(f.config(stub.base()).callTimeout(Duration.ofSeconds(10)).build(),
                Fixtures.plainProfile(), new RetryPolicy(1, Duration.ofMillis(100), Duration.ofSeconds(2))).client();
        stub.on(PATH, OK.delayed(Duration.ofSeconds(3)));
        long started = System.nanoTime();
        CarrierException e = assertThrows(CarrierException.CarrierUnavailable.class,
                () -> client.post(f.ctx(Duration.ofMillis(300)), PATH, "attrs:read", BODY));
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals("TIMEOUT", e.code());
        assertTrue(ms < 2000, "gave up after " + ms + " ms, not when the 300 ms deadline passed");
    }

    @Test
    void aNonJsonSuccessIsAProtocolViolationAndNotRetried() {
        stub.on(PATH, json(200, "{\"ok\":"));
        CarrierException e = assertThrows(CarrierException.ProtocolViolation.class, this::post);
        assertEquals("MALFORMED_RESPONSE", e.code());
        assertEquals(1, stub.requests(PATH).size());
    }

    // --- tokens ---

    @Test
    void aClientCredentialsTokenIsCachedPerScope() throws Exception {
        stub.on(PATH, OK);
        post();
        post();
        assertEquals(1, stub.requests("/oauth2/token").size());
        client.post(f.ctx(Duration.ofSeconds(10)), PATH, "other:scope", BODY);
        List<StubCarrier.Request> tokens = stub.requests("/oauth2/token");
        assertEquals(2, tokens.size());
        assertEquals(List.of("attrs:read", "other:scope"),
                tokens.stream().map(r -> r.form().get("scope")).collect(Collectors.toList()));
        assertEquals(List.of("Bearer t1", "Bearer t1", "Bearer t2"), stub.requests(PATH).stream()
                .map(r -> r.header("Authorization").orElseThrow()).collect(Collectors.toList()));
    }

    @Test
    void theTokenRequestAuthenticatesWithAnEs256AssertionForTheTokenUrl() throws Exception {
        stub.on(PATH, OK);
        post();
        Map<String, String> form = stub.requests("/oauth2/token").get(0).form();
        assertEquals("client_credentials", form.get("grant_type"));
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
        String[] jwt = form.get("client_assertion").split("\\.");
        var claims = Json.parse(Base64Url.decode(jwt[1]).orElseThrow()).orElseThrow();
        assertEquals(stub.base() + "/oauth2/token", claims.get("aud").asText());
        assertEquals("portal-client", claims.get("iss").asText());
    }

    @Test
    void aCachedTokenIsRenewedShortlyBeforeItExpires() throws Exception {
        stub.on(PATH, OK);
        post();
        f.clock.advance(Duration.ofSeconds(269));
        post();
        assertEquals(1, stub.requests("/oauth2/token").size(), "still fresh 31 s before expiry");
        f.clock.advance(Duration.ofSeconds(2));
        post();
        assertEquals(2, stub.requests("/oauth2/token").size(), "renewed 29 s before expiry");
    }

    @Test
    void aRefusedCachedTokenIsDroppedAndTheCallRetriedOnceWithANewOne() throws Exception {
        stub.on(PATH, OK);
        post();
        stub.on(PATH, error(401, "UNAUTHENTICATED"), OK);
        assertTrue(post().bool("ok"));
        assertEquals(List.of("Bearer t1", "Bearer t1", "Bearer t2"), stub.requests(PATH).stream()
                .map(r -> r.header("Authorization").orElseThrow()).collect(Collectors.toList()));
    }

    @Test
    void aTokenRefusedTwiceIsAuthenticationFailed() {
        stub.on(PATH, error(401, "UNAUTHENTICATED"));
        CarrierException e = assertThrows(CarrierException.AuthenticationFailed.class, this::post);
        assertEquals(CarrierException.Retry.WITH_NEW_TOKEN, e.retry());
        assertEquals(2, stub.requests(PATH).size());
        assertEquals(2, stub.requests("/oauth2/token").size());
    }

    @Test
    void aRefusedClientIsAuthenticationFailedWithoutCallingTheApi() {
        stub.on("/oauth2/token", json(401, "{\"error\":\"invalid_client\"}"));
        CarrierException e = assertThrows(CarrierException.AuthenticationFailed.class, this::post);
        assertEquals("invalid_client", e.code());
        assertTrue(stub.requests(PATH).isEmpty());
    }

    @Test
    void concurrentCallersShareOneTokenFetch() throws Exception {
        stub.on("/oauth2/token", json(200, "{\"access_token\":\"shared\",\"token_type\":\"Bearer\",\"expires_in\":300}")
                .delayed(Duration.ofMillis(300)));
        stub.on(PATH, OK);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<JsonReply>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(this::post));
            }
            for (Future<JsonReply> c : calls) {
                assertTrue(c.get().bool("ok"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, stub.requests("/oauth2/token").size());
    }

    @Test
    void aCallerWaitingForAnotherCallersTokenFetchGivesUpAtItsOwnDeadline() throws Exception {
        java.time.Clock real = java.time.Clock.systemUTC();
        CamaraClient live = f.adapter(f.config(stub.base()).clock(real).build(), Fixtures.plainProfile()).client();
        stub.on("/oauth2/token", json(200, "{\"access_token\":\"slow\",\"token_type\":\"Bearer\",\"expires_in\":300}")
                .delayed(Duration.ofMillis(1500)));
        stub.on(PATH, OK);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<JsonReply> first = pool.submit(() -> live.post(CallContext.withTimeout(Duration.ofSeconds(10), real),
                    PATH, "attrs:read", BODY));
            while (stub.requests("/oauth2/token").isEmpty()) {
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            CarrierException e = assertThrows(CarrierException.CarrierUnavailable.class,
                    () -> live.post(CallContext.withTimeout(Duration.ofMillis(300), real), PATH, "attrs:read", BODY));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertEquals("DEADLINE_EXCEEDED", e.code());
            assertTrue(waited.compareTo(Duration.ofMillis(1000)) < 0, "bounded by its own deadline, waited " + waited);
            assertTrue(first.get().bool("ok"), "the caller that fetches is not disturbed");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, stub.requests("/oauth2/token").size());
    }

    @Test
    void anAnswerLongerThan64KiBIsNotReadAndIsAProtocolViolation() throws Exception {
        String pad = "x".repeat(Transport.MAX_BODY);
        stub.on(PATH, json(200, "{\"ok\":true,\"pad\":\"" + pad + "\"}"));
        CarrierException e = assertThrows(CarrierException.ProtocolViolation.class, this::post);
        assertEquals("RESPONSE_TOO_LARGE", e.code());
        assertEquals(1, stub.requests(PATH).size(), "not retried");
        stub.on(PATH, json(200, "{\"ok\":true,\"pad\":\"" + pad.substring(100) + "\"}"));
        assertTrue(post().bool("ok"), "an answer just below the limit is read");
    }

    // --- errors as results ---

    @Test
    void anErrorTheCallerAcceptsIsReturnedAsAResultAndOthersAreThrown() throws Exception {
        stub.on(PATH, error(403, "X.MISMATCH"));
        JsonReply r = client.post(f.ctx(Duration.ofSeconds(10)), PATH, "attrs:read", BODY,
                e -> e.is(403, "X.MISMATCH"));
        assertEquals(403, r.status());
        assertEquals("X.MISMATCH", r.error().orElseThrow().code());
        stub.on(PATH, error(403, "PERMISSION_DENIED"));
        assertInstanceOf(CarrierException.PermissionDenied.class, assertThrows(CarrierException.class,
                () -> client.post(f.ctx(Duration.ofSeconds(10)), PATH, "attrs:read", BODY,
                        e -> e.is(403, "X.MISMATCH"))));
    }

    private static void assertBetween(Duration d, long minMs, long maxMs) {
        assertTrue(d.toMillis() >= minMs && d.toMillis() <= maxMs, d + " not within " + minMs + "-" + maxMs + " ms");
    }
}
