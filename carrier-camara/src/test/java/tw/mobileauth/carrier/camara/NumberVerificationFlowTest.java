package tw.mobileauth.carrier.camara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tw.mobileauth.carrier.camara.StubCarrier.Reply.error;
import static tw.mobileauth.carrier.camara.StubCarrier.Reply.json;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.camara.internal.Base64Url;
import tw.mobileauth.carrier.camara.internal.Json;
import tw.mobileauth.carrier.camara.internal.Pkce;
import tw.mobileauth.carrier.spi.AccessNetwork;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.carrier.spi.NvVerification;

class NumberVerificationFlowTest {

    private static final URI REDIRECT = URI.create("https://portal.example/nv/callback");
    private static final String SCOPE = "openid dpv:FraudPreventionAndDetection number-verification:verify "
            + "device-roaming-status:read connected-network-type:read";

    private final Fixtures f = new Fixtures();
    private StubCarrier stub;
    private CamaraAdapter adapter;
    /** Whether the test scripted the token endpoint; otherwise it answers a token with a valid ID token. */
    private boolean tokenScripted;

    @BeforeEach
    void startStub() throws Exception {
        stub = new StubCarrier();
        adapter = f.adapter(f.config(stub.base()).build(), Fixtures.plainProfile());
        tokenScripted = false;
        stub.on(NumberVerificationFlow.VERIFY_PATH, json(200, "{\"devicePhoneNumberVerified\":true}"));
        stub.on(NumberVerificationFlow.ROAMING_PATH,
                json(200, "{\"roaming\":false,\"lastStatusTime\":\"2025-05-01T00:00:00Z\"}"));
        stub.on(NumberVerificationFlow.NETWORK_TYPE_PATH,
                json(200, "{\"connectedNetworkType\":\"5G\",\"lastStatusTime\":\"2025-04-30T23:59:00Z\"}"));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private NvChallenge start() {
        return adapter.startNumberVerification(f.ctx(Duration.ofSeconds(10)), Fixtures.NUMBER, REDIRECT);
    }

    private NvVerification complete(NvChallenge c, Map<String, String> callback) throws CarrierException {
        if (!tokenScripted) {
            stub.on("/oauth2/token", tokenWithIdToken(idTokenClaims(c.nonce()), Optional.empty()));
        }
        return adapter.completeNumberVerification(f.ctx(Duration.ofSeconds(10)), c, callback);
    }

    private void onToken(StubCarrier.Reply... replies) {
        tokenScripted = true;
        stub.on("/oauth2/token", replies);
    }

    @Test
    void startBuildsTheAuthorizeUrlWithoutCallingTheNetwork() {
        NvChallenge c = start();
        assertTrue(stub.requests().isEmpty());
        assertTrue(c.authorizeUri().toString().startsWith(stub.base() + "/oauth2/authorize?"));
        Map<String, String> q = query(c.authorizeUri());
        assertEquals("code", q.get("response_type"));
        assertEquals("portal-client", q.get("client_id"));
        assertEquals(REDIRECT.toString(), q.get("redirect_uri"));
        assertEquals(SCOPE, q.get("scope"));
        assertEquals(c.state(), q.get("state"));
        assertEquals(c.nonce(), q.get("nonce"));
        assertEquals(Pkce.challengeS256(c.codeVerifierSecret()), q.get("code_challenge"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals("none", q.get("prompt"));
        assertEquals("tel:+886912345678", q.get("login_hint"));
        assertFalse(c.authorizeUri().toString().contains(c.codeVerifierSecret()), "the verifier stays server-side");
        assertEquals(Fixtures.T0.plus(Duration.ofMinutes(5)), c.expiresAt());
    }

    @Test
    void stateNonceAndVerifierAreFreshAndAtLeast128Bits() {
        NvChallenge a = start();
        NvChallenge b = start();
        assertNotEquals(a.state(), b.state());
        assertNotEquals(a.nonce(), b.nonce());
        assertNotEquals(a.codeVerifierSecret(), b.codeVerifierSecret());
        for (String v : List.of(a.state(), a.nonce(), a.codeVerifierSecret())) {
            assertTrue(Base64Url.decode(v).orElseThrow().length >= 16);
        }
        assertTrue(Pkce.isValidVerifier(a.codeVerifierSecret()));
    }

    @Test
    void theConfiguredPurposeGoesIntoTheScope() {
        adapter = f.adapter(f.config(stub.base()).purpose("dpv:IdentityVerification").build(), Fixtures.plainProfile());
        assertTrue(query(start().authorizeUri()).get("scope").startsWith("openid dpv:IdentityVerification "));
    }

    @Test
    void aVerifiedNumberOnFiveGIsReportedWithTheOlderStatusTime() throws Exception {
        NvChallenge c = start();
        NvVerification v = complete(c, Map.of("code", "abc", "state", c.state()));
        assertTrue(v.result().verified());
        assertEquals(AccessNetwork.G5, v.network().accessNetwork());
        assertFalse(v.network().roaming());
        assertEquals(OptionalInt.empty(), v.network().visitedCountry());
        assertEquals(Optional.of(Instant.parse("2025-04-30T23:59:00Z")), v.network().lastStatusTime());
    }

    @Test
    void theCodeIsExchangedWithPkceAndTheOneTokenServesAllThreeCalls() throws Exception {
        NvChallenge c = start();
        complete(c, Map.of("code", "abc", "state", c.state()));
        Map<String, String> form = stub.requests("/oauth2/token").get(0).form();
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals("abc", form.get("code"));
        assertEquals(REDIRECT.toString(), form.get("redirect_uri"));
        assertEquals(c.codeVerifierSecret(), form.get("code_verifier"));
        assertTrue(form.containsKey("client_assertion"));
        for (String path : List.of(NumberVerificationFlow.VERIFY_PATH, NumberVerificationFlow.ROAMING_PATH,
                NumberVerificationFlow.NETWORK_TYPE_PATH)) {
            assertEquals(Optional.of("Bearer three-legged"), stub.requests(path).get(0).header("Authorization"));
        }
        assertEquals("{\"phoneNumber\":\"+886912345678\"}", stub.requests(NumberVerificationFlow.VERIFY_PATH).get(0).body());
    }

    /** Both official definitions require a JSON request body: {} as application/json, with no device. */
    @Test
    void roamingStatusAndNetworkTypeAreRetrievedWithAnEmptyJsonObjectAsApplicationJson() throws Exception {
        NvChallenge c = start();
        complete(c, Map.of("code", "abc", "state", c.state()));
        for (String path : List.of(NumberVerificationFlow.ROAMING_PATH, NumberVerificationFlow.NETWORK_TYPE_PATH)) {
            StubCarrier.Request r = stub.requests(path).get(0);
            assertEquals("{}", r.body(), path + " takes {}: the token names the device");
            assertEquals(Optional.of("application/json"), r.header("Content-Type"), path);
        }
        assertEquals(Optional.of("application/json"),
                stub.requests(NumberVerificationFlow.VERIFY_PATH).get(0).header("Content-Type"));
    }

    @Test
    void notVerifiedIsAResultNotAnError() throws Exception {
        stub.on(NumberVerificationFlow.VERIFY_PATH, json(200, "{\"devicePhoneNumberVerified\":false}"));
        NvChallenge c = start();
        assertFalse(complete(c, Map.of("code", "abc", "state", c.state())).result().verified());
    }

    @Test
    void roamingReportsTheVisitedCountry() throws Exception {
        stub.on(NumberVerificationFlow.ROAMING_PATH, json(200, "{\"roaming\":true,\"countryCode\":81}"));
        NvChallenge c = start();
        NvVerification v = complete(c, Map.of("code", "abc", "state", c.state()));
        assertTrue(v.network().roaming());
        assertEquals(OptionalInt.of(81), v.network().visitedCountry());
    }

    @Test
    void aCallbackWithAnotherStateIsRejectedBeforeAnyCall() {
        NvChallenge c = start();
        CarrierException e = assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state() + "x")));
        assertEquals("STATE_MISMATCH", e.code());
        assertThrows(CarrierException.ProtocolViolation.class, () -> complete(c, Map.of("code", "abc")));
        assertTrue(stub.requests().isEmpty());
    }

    @Test
    void notOnMobileDataIsNotOnMobileNetwork() {
        NvChallenge c = start();
        CarrierException e = assertThrows(CarrierException.NotOnMobileNetwork.class, () -> complete(c,
                Map.of("error", "access_denied", "error_description", "not_on_mobile_network", "state", c.state())));
        assertEquals(CarrierException.Retry.AFTER_USER_ACTION, e.retry());
        assertTrue(stub.requests().isEmpty());
    }

    @Test
    void consentAndLoginRequiredAndOtherRefusalsAreConsentRequired() {
        NvChallenge c = start();
        for (String error : List.of("consent_required", "login_required", "access_denied")) {
            assertThrows(CarrierException.ConsentRequired.class,
                    () -> complete(c, Map.of("error", error, "state", c.state())), error);
        }
    }

    @Test
    void anOutageAtTheCodeExchangeIsNeverRetriedAndAdvisesANewVerification() {
        onToken(error(503, "UNAVAILABLE"));
        NvChallenge c = start();
        CarrierException e = assertThrows(CarrierException.CarrierUnavailable.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
        assertEquals(CarrierException.Retry.RESTART_VERIFICATION, e.retry(), "the code may be redeemed already");
        assertFalse(e.isRetryable(), "the same callback can never pass");
        assertEquals(OptionalInt.of(503), e.httpStatus());
        assertEquals("UNAVAILABLE", e.code());
        assertEquals(1, stub.requests("/oauth2/token").size());
        assertTrue(f.sleeps.isEmpty());
    }

    @Test
    void aTimedOutCodeExchangeAdvisesANewVerificationNotARetry() {
        adapter = f.adapter(f.config(stub.base()).callTimeout(Duration.ofMillis(200)).build(), Fixtures.plainProfile());
        onToken(json(200, "{}").delayed(Duration.ofMillis(600)));
        NvChallenge c = start();
        CarrierException e = assertThrows(CarrierException.CarrierUnavailable.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
        assertEquals(CarrierException.Retry.RESTART_VERIFICATION, e.retry());
        assertEquals("TIMEOUT", e.code());
        assertEquals(1, stub.requests("/oauth2/token").size());
    }

    @Test
    void aRateLimitAtTheCodeExchangeKeepsItsRetryAfterButAdvisesANewVerification() {
        onToken(error(429, "TOO_MANY_REQUESTS").header("Retry-After", "3"));
        NvChallenge c = start();
        CarrierException e = assertThrows(CarrierException.RateLimited.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
        assertEquals(CarrierException.Retry.RESTART_VERIFICATION, e.retry());
        assertEquals(Optional.of(Duration.ofSeconds(3)), e.retryAfter());
        assertEquals(1, stub.requests("/oauth2/token").size());
    }

    @Test
    void aRefusedCodeOrClientAtTheExchangeIsAuthenticationFailedNeverANewToken() {
        for (String error : List.of("invalid_grant", "invalid_client")) {
            onToken(json(error.equals("invalid_client") ? 401 : 400, "{\"error\":\"" + error + "\"}"));
            NvChallenge c = start();
            CarrierException e = assertThrows(CarrierException.AuthenticationFailed.class,
                    () -> complete(c, Map.of("code", "abc", "state", c.state())));
            assertEquals(CarrierException.Retry.NEVER, e.retry(), error + ": there is no token to renew");
            assertEquals(error, e.code());
        }
    }

    @Test
    void aServerErrorWithTheSingleUseTokenIsNotRetriedAndAdvisesANewVerification() {
        for (String path : List.of(NumberVerificationFlow.VERIFY_PATH, NumberVerificationFlow.ROAMING_PATH,
                NumberVerificationFlow.NETWORK_TYPE_PATH)) {
            startStub(path, error(503, "UNAVAILABLE"), json(200, "{}"));
            NvChallenge c = start();
            CarrierException e = assertThrows(CarrierException.CarrierUnavailable.class,
                    () -> complete(c, Map.of("code", "abc", "state", c.state())), path);
            assertEquals(CarrierException.Retry.RESTART_VERIFICATION, e.retry(), path);
            assertFalse(e.isRetryable());
            assertEquals(1, stub.requests(path).size(), "the token is single use: " + path);
            assertTrue(f.sleeps.isEmpty());
        }
    }

    @Test
    void aSlowAnswerWithTheSingleUseTokenIsATimeOutThatAdvisesANewVerification() {
        adapter = f.adapter(f.config(stub.base()).callTimeout(Duration.ofMillis(200)).build(), Fixtures.plainProfile());
        stub.on(NumberVerificationFlow.VERIFY_PATH, json(200, "{\"devicePhoneNumberVerified\":true}")
                .delayed(Duration.ofMillis(600)), json(200, "{\"devicePhoneNumberVerified\":true}"));
        NvChallenge c = start();
        CarrierException e = assertThrows(CarrierException.CarrierUnavailable.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
        assertEquals(CarrierException.Retry.RESTART_VERIFICATION, e.retry());
        assertEquals("TIMEOUT", e.code());
        assertEquals(1, stub.requests(NumberVerificationFlow.VERIFY_PATH).size(), "never a second call");
    }

    @Test
    void aRefusedOrRateLimitedSingleUseTokenAdvisesANewVerification() {
        startStub(NumberVerificationFlow.VERIFY_PATH, error(401, "UNAUTHENTICATED"));
        NvChallenge c = start();
        CarrierException refused = assertThrows(CarrierException.AuthenticationFailed.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
        assertEquals(CarrierException.Retry.RESTART_VERIFICATION, refused.retry(), "only a new verification gives a new token");
        assertEquals(1, stub.requests(NumberVerificationFlow.VERIFY_PATH).size());

        startStub(NumberVerificationFlow.NETWORK_TYPE_PATH, error(429, "TOO_MANY_REQUESTS").header("Retry-After", "1"));
        NvChallenge d = start();
        CarrierException limited = assertThrows(CarrierException.RateLimited.class,
                () -> complete(d, Map.of("code", "abc", "state", d.state())));
        assertEquals(CarrierException.Retry.RESTART_VERIFICATION, limited.retry());
        assertEquals(1, stub.requests(NumberVerificationFlow.NETWORK_TYPE_PATH).size());
        assertTrue(f.sleeps.isEmpty(), "no wait for Retry-After inside the flow");
    }

    /** A fresh stub whose {@code path} answers {@code replies}; the rest of the flow answers normally. */
    private void startStub(String path, StubCarrier.Reply... replies) {
        stub.close();
        try {
            startStub();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        stub.on(path, replies);
    }

    @Test
    void aServerErrorInTheCallbackAdvisesANewVerification() {
        NvChallenge c = start();
        CarrierException e = assertThrows(CarrierException.CarrierUnavailable.class,
                () -> complete(c, Map.of("error", "temporarily_unavailable", "state", c.state())));
        assertEquals(CarrierException.Retry.RESTART_VERIFICATION, e.retry(), "that callback comes back the same");
        assertTrue(stub.requests().isEmpty());
    }

    @Test
    void anIdTokenWithAnotherNonceIsRejectedAndOurNonceAccepted() throws Exception {
        NvChallenge c = start();
        onToken(tokenWithIdToken(idTokenClaims("other-nonce"), Optional.empty()));
        CarrierException e = assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
        assertEquals("NONCE_MISMATCH", e.code());
        assertTrue(stub.requests(NumberVerificationFlow.VERIFY_PATH).isEmpty(), "the token is not used");
        NvChallenge d = start();
        onToken(tokenWithIdToken(idTokenClaims(d.nonce()), Optional.empty()));
        assertEquals(List.of("network"), complete(d, Map.of("code", "abc", "state", d.state())).result().amr());
    }

    @Test
    void aTokenAnswerWithoutAnIdTokenIsAProtocolViolation() {
        onToken(json(200, "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":300}"));
        NvChallenge c = start();
        CarrierException e = assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
        assertEquals("MISSING_ID_TOKEN", e.code());
        assertTrue(stub.requests(NumberVerificationFlow.VERIFY_PATH).isEmpty(), "the token is not used");
    }

    @Test
    void anIdTokenForAnotherClientOrExpiredIsAProtocolViolation() {
        NvChallenge c = start();
        Map<String, Object> other = idTokenClaims(c.nonce());
        other.put("aud", "someone-else");
        onToken(tokenWithIdToken(other, Optional.empty()));
        assertEquals("AUDIENCE_MISMATCH", assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state()))).code());
        Map<String, Object> old = idTokenClaims(c.nonce());
        old.put("exp", Fixtures.T0.minusSeconds(61).getEpochSecond());
        onToken(tokenWithIdToken(old, Optional.empty()));
        assertEquals("ID_TOKEN_EXPIRED", assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state()))).code());
    }

    @Test
    void withAConfiguredCarrierKeyOnlyAValidEs256SignatureIsAccepted() throws Exception {
        KeyPair carrier = Fixtures.p256();
        String spki = java.util.Base64.getEncoder().encodeToString(carrier.getPublic().getEncoded());
        adapter = f.adapter(f.config(stub.base()).property(CamaraAdapter.ID_TOKEN_KEY, spki).build(),
                Fixtures.plainProfile());
        NvChallenge c = start();
        onToken(tokenWithIdToken(idTokenClaims(c.nonce()), Optional.of(Fixtures.p256().getPrivate())));
        assertEquals("ID_TOKEN_SIGNATURE", assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state()))).code(), "signed by a stranger");
        NvChallenge d = start();
        onToken(tokenWithIdToken(idTokenClaims(d.nonce()), Optional.empty()));
        assertEquals("ID_TOKEN_SIGNATURE", assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(d, Map.of("code", "abc", "state", d.state()))).code(), "not signed at all");
        NvChallenge g = start();
        onToken(tokenWithIdToken(idTokenClaims(g.nonce()), Optional.of(carrier.getPrivate())));
        assertTrue(complete(g, Map.of("code", "abc", "state", g.state())).result().verified());
    }

    @Test
    void anIdTokenKeyThatIsNotAP256PublicKeyMakesTheConfigUnsupported() {
        CarrierConfig bad = f.config(stub.base()).property(CamaraAdapter.ID_TOKEN_KEY, "not-a-key").build();
        assertTrue(CamaraAdapter.unsupportedBecause(bad).orElseThrow().contains(CamaraAdapter.ID_TOKEN_KEY));
        assertThrows(IllegalArgumentException.class, () -> CamaraAdapter.create(bad, Fixtures.plainProfile()));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(Fixtures.p256().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        assertEquals(Optional.empty(), CamaraAdapter.unsupportedBecause(
                f.config(stub.base()).property(CamaraAdapter.ID_TOKEN_KEY, pem).build()));
    }

    @Test
    void anExpiredChallengeIsRefusedWithoutCallingTheCarrier() {
        NvChallenge c = start();
        f.clock.advance(Duration.ofMinutes(5));
        CarrierException e = assertThrows(CarrierException.ConsentRequired.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
        assertEquals("CHALLENGE_EXPIRED", e.code());
        assertTrue(stub.requests().isEmpty());
    }

    @Test
    void anUnknownNetworkTypeIsAProtocolViolation() {
        stub.on(NumberVerificationFlow.NETWORK_TYPE_PATH, json(200, "{\"connectedNetworkType\":\"6G\"}"));
        NvChallenge c = start();
        assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
    }

    /** The claims a carrier would put in the ID token of {@code nonce}'s verification. */
    private static Map<String, Object> idTokenClaims(String nonce) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://carrier.example");
        claims.put("aud", "portal-client");
        claims.put("nonce", nonce);
        claims.put("iat", Fixtures.T0.getEpochSecond());
        claims.put("exp", Fixtures.T0.plusSeconds(300).getEpochSecond());
        claims.put("amr", List.of("network"));
        return claims;
    }

    /** A token answer whose ID token carries {@code claims}, ES256-signed with {@code key} (or a dummy signature). */
    private static StubCarrier.Reply tokenWithIdToken(Map<String, Object> claims, Optional<PrivateKey> key) {
        String input = Base64Url.encode("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(Json.write(claims));
        String signature = key.map(k -> {
            try {
                Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
                signer.initSign(k);
                signer.update(input.getBytes(StandardCharsets.US_ASCII));
                return Base64Url.encode(signer.sign());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }).orElse("c2ln");
        return json(200, "{\"access_token\":\"three-legged\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"scope\":\"" + SCOPE + "\",\"id_token\":\"" + input + "." + signature + "\"}");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
