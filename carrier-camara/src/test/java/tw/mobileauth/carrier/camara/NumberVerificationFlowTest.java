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
        stub.on("/jwks", json(200, Fixtures.jwks(Map.of(Fixtures.ID_TOKEN_KID, f.idTokenKeys))));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private NvChallenge start() {
        try {
            return adapter.startNumberVerification(f.ctx(Duration.ofSeconds(10)), Fixtures.NUMBER, REDIRECT);
        } catch (CarrierException e) {
            throw new AssertionError("the discovery document could not be read", e);
        }
    }

    private NvVerification complete(NvChallenge c, Map<String, String> callback) throws CarrierException {
        if (!tokenScripted) {
            stub.on("/oauth2/token", signedToken(idTokenClaims(c.nonce())));
        }
        return adapter.completeNumberVerification(f.ctx(Duration.ofSeconds(10)), c, callback);
    }

    private void onToken(StubCarrier.Reply... replies) {
        tokenScripted = true;
        stub.on("/oauth2/token", replies);
    }

    /** login_hint=tel:… would put the full number in a link anyone with the phone session reads: not sent by default. */
    @Test
    void startBuildsTheAuthorizeUrlAtTheDiscoveredEndpointWithoutALoginHint() {
        NvChallenge c = start();
        assertEquals(List.of(StubCarrier.DISCOVERY), stub.requests().stream().map(StubCarrier.Request::path).toList(),
                "the only call reads the discovery document");
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
        assertFalse(q.containsKey("login_hint"), "no profile of ours requires login_hint");
        assertFalse(c.authorizeUri().toString().contains("912345678"), "the number is not in the link");
        assertFalse(c.authorizeUri().toString().contains(c.codeVerifierSecret()), "the verifier stays server-side");
        assertEquals(Fixtures.T0.plus(Duration.ofMinutes(5)), c.expiresAt());
    }

    @Test
    void aProfileThatRequiresALoginHintGetsOne() {
        CamaraProfile hinting = new CamaraProfile() {
            @Override
            public String carrierId() {
                return "tst";
            }

            @Override
            public boolean requiresLoginHint() {
                return true;
            }

            @Override
            public tw.mobileauth.carrier.spi.SubscriptionAttributes subscriptionAttributes(CamaraClient client,
                    tw.mobileauth.carrier.spi.CallContext ctx, tw.mobileauth.carrier.spi.Msisdn msisdn,
                    tw.mobileauth.carrier.spi.SubscriberClaims claims) {
                throw new UnsupportedOperationException();
            }
        };
        adapter = f.adapter(f.config(stub.base()).build(), hinting);
        assertEquals("tel:+886912345678", query(start().authorizeUri()).get("login_hint"));
    }

    /** Where the authorization server lives comes from discovery, even on another host. */
    @Test
    void theAuthorizationAndTokenEndpointsComeFromTheDiscoveryDocument() throws Exception {
        try (StubCarrier auth = new StubCarrier()) {
            String issuer = auth.base().toString();
            auth.on("/jwks", json(200, Fixtures.jwks(Map.of(Fixtures.ID_TOKEN_KID, f.idTokenKeys))));
            adapter = f.adapter(f.config(stub.base()).issuer(auth.base()).build(), Fixtures.plainProfile());
            NvChallenge c = start();
            assertTrue(c.authorizeUri().toString().startsWith(issuer + "/oauth2/authorize?"), c.authorizeUri().toString());
            Map<String, Object> claims = idTokenClaims(c.nonce());
            claims.put("iss", issuer);
            auth.on("/oauth2/token", signedToken(claims));
            assertTrue(adapter.completeNumberVerification(f.ctx(Duration.ofSeconds(10)), c,
                    Map.of("code", "abc", "state", c.state())).result().verified());
            assertEquals(1, auth.requests("/oauth2/token").size());
            assertTrue(stub.requests("/oauth2/token").isEmpty(), "nothing goes to the API host's /oauth2/token");
            assertTrue(stub.requests(StubCarrier.DISCOVERY).isEmpty());
        }
    }

    @Test
    void theDiscoveryDocumentIsCachedForAnHourThenReadAgain() {
        start();
        start();
        assertEquals(1, stub.requests(StubCarrier.DISCOVERY).size());
        f.clock.advance(Duration.ofMinutes(59));
        start();
        assertEquals(1, stub.requests(StubCarrier.DISCOVERY).size());
        f.clock.advance(Duration.ofMinutes(2));
        start();
        assertEquals(2, stub.requests(StubCarrier.DISCOVERY).size(), "read again after one hour");
    }

    @Test
    void aDiscoveryDocumentOfAnotherIssuerOrWithPlainHttpEndpointsIsRefused() {
        stub.on(StubCarrier.DISCOVERY, json(200, StubCarrier.discovery("https://impostor.example", "/jwks")));
        CarrierException wrong = assertThrows(CarrierException.ProtocolViolation.class, () -> adapter
                .startNumberVerification(f.ctx(Duration.ofSeconds(5)), Fixtures.NUMBER, REDIRECT));
        assertEquals("DISCOVERY_ISSUER_MISMATCH", wrong.code());
        stub.on(StubCarrier.DISCOVERY, json(200, StubCarrier.discovery(stub.base().toString(), "/jwks")
                .replace(stub.base() + "/oauth2/authorize", "http://carrier.example/oauth2/authorize")));
        CarrierException insecure = assertThrows(CarrierException.ProtocolViolation.class, () -> adapter
                .startNumberVerification(f.ctx(Duration.ofSeconds(5)), Fixtures.NUMBER, REDIRECT));
        assertEquals("DISCOVERY_INSECURE_ENDPOINT", insecure.code());
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
        assertTrue(stub.apiRequests().isEmpty());
    }

    @Test
    void notOnMobileDataIsNotOnMobileNetwork() {
        NvChallenge c = start();
        CarrierException e = assertThrows(CarrierException.NotOnMobileNetwork.class, () -> complete(c,
                Map.of("error", "access_denied", "error_description", "not_on_mobile_network", "state", c.state())));
        assertEquals(CarrierException.Retry.AFTER_USER_ACTION, e.retry());
        assertTrue(stub.apiRequests().isEmpty());
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
        assertTrue(stub.apiRequests().isEmpty());
    }

    @Test
    void anIdTokenWithAnotherNonceIsRejectedAndOurNonceAccepted() throws Exception {
        NvChallenge c = start();
        onToken(signedToken(idTokenClaims("other-nonce")));
        CarrierException e = assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
        assertEquals("NONCE_MISMATCH", e.code());
        assertTrue(stub.requests(NumberVerificationFlow.VERIFY_PATH).isEmpty(), "the token is not used");
        NvChallenge d = start();
        onToken(signedToken(idTokenClaims(d.nonce())));
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
        onToken(signedToken(other));
        assertEquals("AUDIENCE_MISMATCH", assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state()))).code());
        Map<String, Object> old = idTokenClaims(c.nonce());
        old.put("exp", Fixtures.T0.minusSeconds(61).getEpochSecond());
        onToken(signedToken(old));
        assertEquals("ID_TOKEN_EXPIRED", assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state()))).code());
    }

    @Test
    void withAPinnedCarrierKeyOnlyAValidEs256SignatureIsAccepted() throws Exception {
        KeyPair carrier = Fixtures.p256();
        String spki = java.util.Base64.getEncoder().encodeToString(carrier.getPublic().getEncoded());
        adapter = f.adapter(f.config(stub.base()).property(CamaraAdapter.ID_TOKEN_KEY, spki).build(),
                Fixtures.plainProfile());
        NvChallenge c = start();
        onToken(tokenWithIdToken(idTokenClaims(c.nonce()), Optional.of(Fixtures.p256().getPrivate())));
        assertEquals("ID_TOKEN_SIGNATURE", assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state()))).code(), "signed by a stranger");
        NvChallenge d = start();
        onToken(signedToken(idTokenClaims(d.nonce())));
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
        assertTrue(stub.apiRequests().isEmpty());
    }

    @Test
    void anUnknownNetworkTypeIsAProtocolViolation() {
        stub.on(NumberVerificationFlow.NETWORK_TYPE_PATH, json(200, "{\"connectedNetworkType\":\"6G\"}"));
        NvChallenge c = start();
        assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
    }

    // ------------------------------------------------------------------ ID token signature, issuer and keys

    /** OIDC Core 3.1.3.7: a signature is always required; there is no mode where an unsigned token passes. */
    @Test
    void anUnsignedIdTokenIsRefusedEvenWithoutAPinnedKey() {
        NvChallenge c = start();
        String header = Base64Url.encode("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String unsigned = header + "." + Base64Url.encode(Json.write(idTokenClaims(c.nonce()))) + ".";
        onToken(tokenAnswer(unsigned));
        CarrierException e = assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
        assertEquals("UNSIGNED_ID_TOKEN", e.code());
        assertTrue(stub.requests(NumberVerificationFlow.VERIFY_PATH).isEmpty(), "the token is not used");
    }

    /** OIDC Core 3.1.3.7 step 2: iss must be the carrier's issuer, here the discovered one. */
    @Test
    void anIdTokenFromAnotherIssuerIsRefused() {
        NvChallenge c = start();
        Map<String, Object> claims = idTokenClaims(c.nonce());
        claims.put("iss", "https://someone-else.example");
        onToken(signedToken(claims));
        assertEquals("ISSUER_MISMATCH", assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state()))).code());
    }

    /** A kid the JWK set lacks is looked up again once (rate-limited), then refused. */
    @Test
    void anUnknownKidRefreshesTheKeysOnceThenIsRefused() {
        java.security.KeyPair stranger = Fixtures.p256();
        for (int attempt = 1; attempt <= 2; attempt++) {
            NvChallenge c = start();
            onToken(signedToken(idTokenClaims(c.nonce()), "unknown-kid", stranger));
            assertEquals("ID_TOKEN_KEY_UNKNOWN", assertThrows(CarrierException.ProtocolViolation.class,
                    () -> complete(c, Map.of("code", "abc", "state", c.state()))).code());
        }
        assertEquals(2, stub.requests("/jwks").size(), "one load and one refresh; the second miss within "
                + IdTokenKeys.MIN_REFRESH_INTERVAL + " does not fetch again");
        assertEquals(2, stub.requests(StubCarrier.DISCOVERY).size(), "the refresh reads discovery again too");
        f.clock.advance(IdTokenKeys.MIN_REFRESH_INTERVAL);
        NvChallenge c = start();
        onToken(signedToken(idTokenClaims(c.nonce()), "unknown-kid", stranger));
        assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state())));
        assertEquals(3, stub.requests("/jwks").size(), "after the interval a miss may refresh again");
    }

    /** The carrier rotates: a new kid in its JWK set is accepted without restarting the adapter. */
    @Test
    void aRotatedKeyIsAcceptedWithoutARestart() throws Exception {
        NvChallenge first = start();
        assertTrue(complete(first, Map.of("code", "abc", "state", first.state())).result().verified());
        java.security.KeyPair next = Fixtures.p256();
        stub.on("/jwks", json(200, Fixtures.jwks(Map.of(Fixtures.ID_TOKEN_KID, f.idTokenKeys, "k2", next))));
        NvChallenge c = start();
        onToken(signedToken(idTokenClaims(c.nonce()), "k2", next));
        assertTrue(complete(c, Map.of("code", "abc", "state", c.state())).result().verified());
        assertEquals(2, stub.requests("/jwks").size());
    }

    /** A carrier that moves its jwks_uri on rotation is followed through a discovery refresh. */
    @Test
    void aRotatedJwksUriIsFoundThroughADiscoveryRefresh() throws Exception {
        NvChallenge first = start();
        assertTrue(complete(first, Map.of("code", "abc", "state", first.state())).result().verified());
        java.security.KeyPair next = Fixtures.p256();
        stub.on(StubCarrier.DISCOVERY, json(200, StubCarrier.discovery(stub.base().toString(), "/jwks-2")));
        stub.on("/jwks-2", json(200, Fixtures.jwks(Map.of("k2", next))));
        NvChallenge c = start();
        onToken(signedToken(idTokenClaims(c.nonce()), "k2", next));
        assertTrue(complete(c, Map.of("code", "abc", "state", c.state())).result().verified());
        assertEquals(1, stub.requests("/jwks-2").size());
        assertEquals(2, stub.requests(StubCarrier.DISCOVERY).size());
    }

    @Test
    void aDiscoveryDocumentWithoutAJwksUriAndNoPinnedKeyIsRefused() {
        stub.on(StubCarrier.DISCOVERY, json(200, "{\"issuer\":\"" + stub.base() + "\",\"authorization_endpoint\":\""
                + stub.base() + "/oauth2/authorize\",\"token_endpoint\":\"" + stub.base() + "/oauth2/token\"}"));
        NvChallenge c = start();
        assertEquals("NO_ID_TOKEN_KEY", assertThrows(CarrierException.ProtocolViolation.class,
                () -> complete(c, Map.of("code", "abc", "state", c.state()))).code());
        assertTrue(stub.requests(NumberVerificationFlow.VERIFY_PATH).isEmpty(), "the token is not used");
    }

    /** The claims a carrier would put in the ID token of {@code nonce}'s verification. */
    private Map<String, Object> idTokenClaims(String nonce) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", stub.base().toString());
        claims.put("aud", "portal-client");
        claims.put("nonce", nonce);
        claims.put("iat", Fixtures.T0.getEpochSecond());
        claims.put("exp", Fixtures.T0.plusSeconds(300).getEpochSecond());
        claims.put("amr", List.of("network"));
        return claims;
    }

    /** A token answer whose ID token carries {@code claims}, signed with the carrier's published key. */
    private StubCarrier.Reply signedToken(Map<String, Object> claims) {
        return signedToken(claims, Fixtures.ID_TOKEN_KID, f.idTokenKeys);
    }

    private static StubCarrier.Reply signedToken(Map<String, Object> claims, String kid, java.security.KeyPair key) {
        return tokenWithIdToken(claims, Optional.of(key.getPrivate()), Optional.of(kid));
    }

    private static StubCarrier.Reply tokenWithIdToken(Map<String, Object> claims, Optional<PrivateKey> key) {
        return tokenWithIdToken(claims, key, Optional.empty());
    }

    /** A token answer whose ID token carries {@code claims}, ES256-signed with {@code key} (or a dummy signature). */
    private static StubCarrier.Reply tokenWithIdToken(Map<String, Object> claims, Optional<PrivateKey> key,
            Optional<String> kid) {
        String header = kid.map(k -> "{\"alg\":\"ES256\",\"kid\":\"" + k + "\"}").orElse("{\"alg\":\"ES256\"}");
        String input = Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)) + "."
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
        return tokenAnswer(input + "." + signature);
    }

    private static StubCarrier.Reply tokenAnswer(String idToken) {
        return json(200, "{\"access_token\":\"three-legged\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"scope\":\"" + SCOPE + "\",\"id_token\":\"" + idToken + "\"}");
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
