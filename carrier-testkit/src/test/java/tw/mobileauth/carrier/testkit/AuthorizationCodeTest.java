package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authorize leg and the code exchange: single-use, short-lived codes bound to client, redirect URI and PKCE. */
class AuthorizationCodeTest {

    private static final MutableClock CLOCK = MutableClock.at(Instant.parse("2025-03-01T02:00:00Z"));
    private static final FakeCarrierNetworks NETWORK = FakeCarrierNetworks.builder().clock(CLOCK).start();
    private CarrierClient client;
    private String handle;

    @BeforeEach
    void fresh() {
        NETWORK.reset();
        client = new CarrierClient(NETWORK, "fet");
        handle = CarrierClient.defaultHandle(NETWORK.subscribers().find("fet", Scenario.ELIGIBLE));
    }

    @AfterAll
    static void stop() {
        NETWORK.close();
    }

    private static void assertInvalidGrant(HttpResponse<String> r) {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("invalid_grant", CarrierClient.json(r).path("error").asText());
    }

    @Test
    void aCodeIsExchangedForA3LeggedTokenOfAtMost300Seconds() {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        Map<String, String> cb = client.authorize(handle, "state-1", pkce);
        assertEquals("state-1", cb.get("state"));
        HttpResponse<String> r = client.exchange(cb.get("code"), pkce, client.assertion());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode t = CarrierClient.json(r);
        assertEquals("Bearer", t.path("token_type").asText());
        assertTrue(t.path("expires_in").asInt() <= 300);
        assertTrue(t.path("scope").asText().contains("number-verification:verify"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void theExchangeAnswersAnIdTokenSignedByTheCarrierAndBoundToNonceAndClient() throws Exception {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        Map<String, String> cb = client.authorize(handle, "state-id", pkce);
        String idToken = CarrierClient.json(client.exchange(cb.get("code"), pkce, client.assertion()))
                .path("id_token").asText();
        String[] parts = idToken.split("\\.");
        assertEquals(3, parts.length, idToken);
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(NETWORK.idTokenKey("fet"));
        verifier.update((parts[0] + "." + parts[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(java.util.Base64.getUrlDecoder().decode(parts[2])), "signed with fet's ID-token key");
        verifier.initVerify(NETWORK.idTokenKey("cht"));
        verifier.update((parts[0] + "." + parts[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertFalse(verifier.verify(java.util.Base64.getUrlDecoder().decode(parts[2])), "each network has its own key");
        JsonNode header = decode(parts[0]);
        assertEquals("ES256", header.path("alg").asText());
        JsonNode claims = decode(parts[1]);
        assertEquals("n-state-id", claims.path("nonce").asText(), "the authorize request's nonce");
        assertEquals(client.clientId, claims.path("aud").asText());
        assertEquals(NETWORK.baseUri("fet").toString(), claims.path("iss").asText());
        assertEquals(CLOCK.instant().getEpochSecond() + 300, claims.path("exp").asLong());
        assertEquals("network", claims.path("amr").path(0).asText());
        assertFalse(claims.path("sub").asText().isEmpty());
        assertFalse(idToken.contains(NETWORK.subscribers().find("fet", Scenario.ELIGIBLE).msisdn().e164()),
                "the number is not in the ID token");
    }

    @Test
    void aWrongNonceFaultMintsTheIdTokenForAnotherNonce() {
        NETWORK.faults().inject("fet", Endpoint.TOKEN, Fault.wrongNonce());
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        Map<String, String> cb = client.authorize(handle, "state-wn", pkce);
        HttpResponse<String> r = client.exchange(cb.get("code"), pkce, client.assertion());
        assertEquals(200, r.statusCode());
        String idToken = CarrierClient.json(r).path("id_token").asText();
        assertNotEquals("n-state-wn", decode(idToken.split("\\.")[1]).path("nonce").asText());
        assertThrows(IllegalArgumentException.class,
                () -> NETWORK.faults().inject("fet", Endpoint.KYC_MATCH, Fault.wrongNonce()));
    }

    private static JsonNode decode(String part) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(part));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aReusedCodeIsRefusedAndRevokesTheTokenItGave() {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        String code = client.authorize(handle, "state-2", pkce).get("code");
        HttpResponse<String> first = client.exchange(code, pkce, client.assertion());
        assertEquals(200, first.statusCode());
        assertInvalidGrant(client.exchange(code, pkce, client.assertion()));
        String token = CarrierClient.json(first).path("access_token").asText();
        Subscriber s = NETWORK.subscribers().find("fet", Scenario.ELIGIBLE);
        assertEquals(401, client.api("/number-verification/v2/verify", token, CarrierClient.phoneBody(s.msisdn()))
                .statusCode(), "a replayed code revokes what the first redemption issued");
    }

    @Test
    void aWrongPkceVerifierIsRefused() {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        String code = client.authorize(handle, "state-3", pkce).get("code");
        assertInvalidGrant(client.exchange(code, CarrierClient.Pkce.fresh(), client.assertion()));
    }

    @Test
    void aCodeOlderThan60SecondsIsRefused() {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        String code = client.authorize(handle, "state-4", pkce).get("code");
        CLOCK.advance(Duration.ofSeconds(60));
        assertInvalidGrant(client.exchange(code, pkce, client.assertion()));
        String fresh = client.authorize(handle, "state-5", pkce).get("code");
        CLOCK.advance(Duration.ofSeconds(59));
        assertEquals(200, client.exchange(fresh, pkce, client.assertion()).statusCode());
    }

    @Test
    void aCodeIsBoundToItsRedirectUri() {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        String code = client.authorize(handle, "state-6", pkce).get("code");
        Map<String, String> f = client.clientAuth(client.assertion());
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", CarrierClient.CALLBACK + "/other");
        f.put("code_verifier", pkce.verifier());
        assertInvalidGrant(client.token(f));
    }

    @Test
    void aCodeIsBoundToItsClient() {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        String code = client.authorize(handle, "state-7", pkce).get("code");
        CarrierClient other = new CarrierClient(NETWORK, "fet");
        assertInvalidGrant(other.exchange(code, pkce, other.assertion()));
    }

    @Test
    void aCodeFromAnotherCarrierIsUnknownHere() {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        String code = client.authorize(handle, "state-8", pkce).get("code");
        CarrierClient cht = new CarrierClient(NETWORK, "cht");
        assertInvalidGrant(cht.exchange(code, pkce, cht.assertion()));
    }

    @Test
    void theAuthorizeLegRedirectsProfileViolationsWithTheirOAuthError() {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        Map<String, String> noPrompt = client.authorizeParams("s", pkce);
        noPrompt.remove("prompt");
        assertEquals("invalid_request", NETWORK.phone(handle).open(client.authorizeUri(noPrompt)).get("error"));
        Map<String, String> plain = client.authorizeParams("s", pkce);
        plain.put("code_challenge_method", "plain");
        assertEquals("invalid_request", NETWORK.phone(handle).open(client.authorizeUri(plain)).get("error"));
        Map<String, String> kycScope = client.authorizeParams("s", pkce);
        kycScope.put("scope", "openid number-verification:verify kyc-match:match");
        Map<String, String> cb = NETWORK.phone(handle).open(client.authorizeUri(kycScope));
        assertEquals("invalid_scope", cb.get("error"));
        assertEquals("s", cb.get("state"));
        assertFalse(cb.containsKey("code"));
    }

    @Test
    void anUnknownClientOrBadRedirectIsShownNotRedirected() {
        CarrierClient.Pkce pkce = CarrierClient.Pkce.fresh();
        Map<String, String> unknown = client.authorizeParams("s", pkce);
        unknown.put("client_id", "nobody");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NETWORK.phone(handle).open(client.authorizeUri(unknown)));
        assertTrue(e.getMessage().contains("400"), e.getMessage());
        Map<String, String> relative = client.authorizeParams("s", pkce);
        relative.put("redirect_uri", "/callback");
        assertThrows(IllegalStateException.class, () -> NETWORK.phone(handle).open(client.authorizeUri(relative)));
    }
}
