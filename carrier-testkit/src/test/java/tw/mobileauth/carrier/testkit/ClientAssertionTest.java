package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token endpoint authenticates clients by private_key_jwt exactly as docs/carrier-contract.md §2 says. */
class ClientAssertionTest {

    private static final MutableClock CLOCK = MutableClock.at(Instant.parse("2025-03-01T02:00:00Z"));
    private static final FakeCarrierNetworks NETWORK = FakeCarrierNetworks.builder().clock(CLOCK).start();
    private CarrierClient client;

    @BeforeEach
    void fresh() {
        NETWORK.reset();
        client = new CarrierClient(NETWORK, "cht");
    }

    @AfterAll
    static void stop() {
        NETWORK.close();
    }

    private HttpResponse<String> withClaims(Map<String, Object> claims) {
        return client.clientCredentials(CarrierClient.sign(client.key, Map.of("alg", "ES256"), claims), Optional.empty());
    }

    private static void assertInvalidClient(HttpResponse<String> r) {
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("invalid_client", CarrierClient.json(r).path("error").asText());
    }

    @Test
    void aValidAssertionGetsATokenThatLivesAtMost300Seconds() {
        HttpResponse<String> r = withClaims(client.claims());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("Bearer", CarrierClient.json(r).path("token_type").asText());
        assertEquals(300, CarrierClient.json(r).path("expires_in").asInt());
    }

    @Test
    void aReplayedJtiIsRefused() {
        Map<String, Object> claims = client.claims();
        assertEquals(200, withClaims(claims).statusCode());
        assertInvalidClient(withClaims(claims));
    }

    @Test
    void anAudienceOtherThanTheTokenUrlIsRefused() {
        Map<String, Object> claims = client.claims();
        claims.put("aud", NETWORK.baseUri("twm") + "/oauth2/token");
        assertInvalidClient(withClaims(claims));
        claims.put("jti", "fresh-1");
        claims.put("aud", List.of("https://elsewhere.example", client.tokenUrl()));
        assertEquals(200, withClaims(claims).statusCode(), "an aud array containing the token URL is fine");
    }

    @Test
    void timesOutsideWhatAnInstantCanHoldAreRefusedNotACrash() {
        for (Object huge : List.<Object>of(Long.MAX_VALUE, new java.math.BigInteger("1" + "0".repeat(30)), 1e300,
                Long.MIN_VALUE, -1e300)) {
            for (String claim : List.of("exp", "nbf", "iat")) {
                Map<String, Object> claims = client.claims();
                claims.put(claim, huge);
                assertInvalidClient(withClaims(claims));
            }
        }
        assertEquals(200, withClaims(client.claims()).statusCode(), "the endpoint still serves");
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        String forged = CarrierClient.sign(CarrierClient.strangerKey(), Map.of("alg", "ES256"), client.claims());
        assertInvalidClient(client.clientCredentials(forged, Optional.empty()));
    }

    @Test
    void aForgedAssertionDoesNotBurnTheJtiOfTheRealOne() {
        Map<String, Object> claims = client.claims();
        assertInvalidClient(client.clientCredentials(
                CarrierClient.sign(CarrierClient.strangerKey(), Map.of("alg", "ES256"), claims), Optional.empty()));
        assertEquals(200, withClaims(claims).statusCode());
    }

    @Test
    void anExpiryMoreThan300SecondsAheadIsRefused() {
        long now = CLOCK.instant().getEpochSecond();
        Map<String, Object> claims = client.claims();
        claims.put("exp", now + 301);
        assertInvalidClient(withClaims(claims));
        claims.put("exp", now + 300);
        assertEquals(200, withClaims(claims).statusCode());
    }

    @Test
    void anExpiredAssertionIsRefused() {
        Map<String, Object> claims = client.claims();
        CLOCK.advance(java.time.Duration.ofSeconds(61));
        assertInvalidClient(withClaims(claims));
    }

    @Test
    void issAndSubMustBothBeTheClientId() {
        Map<String, Object> claims = client.claims();
        claims.put("sub", "someone-else");
        assertInvalidClient(withClaims(claims));
        Map<String, Object> unknown = client.claims();
        unknown.put("iss", "unregistered");
        unknown.put("sub", "unregistered");
        assertInvalidClient(withClaims(unknown));
    }

    @Test
    void onlyEs256IsAccepted() {
        String none = CarrierClient.sign(client.key, Map.of("alg", "none"), client.claims());
        assertInvalidClient(client.clientCredentials(none, Optional.empty()));
        String hs = CarrierClient.sign(client.key, Map.of("alg", "HS256"), client.claims());
        assertInvalidClient(client.clientCredentials(hs, Optional.empty()));
    }

    @Test
    void anAssertionIsRequiredWithTheJwtBearerType() {
        Map<String, String> form = client.clientAuth(client.assertion());
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer");
        form.put("grant_type", "client_credentials");
        assertInvalidClient(client.token(form));
        assertInvalidClient(client.token(Map.of("grant_type", "client_credentials", "client_id", client.clientId)));
    }

    @Test
    void aClientIsRegisteredPerCarrier() {
        CarrierClient atTwm = new CarrierClient(NETWORK, "twm");
        Map<String, Object> claims = atTwm.claims();
        claims.put("aud", client.tokenUrl());
        String assertion = CarrierClient.sign(atTwm.key, Map.of("alg", "ES256"), claims);
        assertInvalidClient(client.clientCredentials(assertion, Optional.empty()));
    }
}
