package tw.mobileauth.carrier.testkit.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.registry.spi.CardCheck;
import tw.mobileauth.registry.spi.CardClaim;

/**
 * The fake registry enforces the profile's client authentication and answers from its fixtures.
 * Requests here are signed by a JDK-only signer written from the profile document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FakeRegistryTest {

    private static final String PATH = "/nhi/v1/card-checks";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private MutableClock clock;
    private FakeRegistry registry;
    private KeyPair keys;

    @BeforeAll
    void start() throws Exception {
        clock = MutableClock.ticking();
        registry = FakeRegistry.builder().clock(clock).start();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        keys = g.generateKeyPair();
        registry.registerClient("test-portal", keys.getPublic(), Optional.of("test-key"));
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @BeforeEach
    void reset() {
        registry.reset();
    }

    private static String body(CardClaim c) {
        return "{\"nationalId\":\"" + c.nationalId() + "\",\"cardNumber\":\"" + c.cardNumber() + "\"}";
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The profile's signature, written with the JDK only. */
    private String sign(String path, String body, String correlator, Instant iat, String jti, String kid)
            throws Exception {
        String digest = b64(java.security.MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        String header = "{\"alg\":\"ES256\",\"typ\":\"nhi-request+jws\",\"kid\":\"" + kid + "\"}";
        String payload = "{\"iss\":\"test-portal\",\"htm\":\"POST\",\"htp\":\"" + path + "\",\"iat\":"
                + iat.getEpochSecond() + ",\"exp\":" + (iat.getEpochSecond() + 60) + ",\"jti\":\"" + jti
                + "\",\"xc\":\"" + correlator + "\",\"bd\":\"" + digest + "\"}";
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(keys.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(s.sign());
    }

    private HttpResponse<String> post(String path, String body, String correlator, Optional<String> jws)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(registry.baseUri() + path))
                .header("Content-Type", "application/json").header("x-correlator", correlator)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        jws.ifPresent(j -> r.header("Authorization", "NHI-Signature " + j));
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signedPost(CardClaim claim) throws Exception {
        String correlator = UUID.randomUUID().toString();
        String body = body(claim);
        return post(PATH, body, correlator, Optional.of(sign(PATH, body, correlator, clock.instant(),
                UUID.randomUUID().toString(), "test-key")));
    }

    @Test
    void aSignedRequestGetsTheFixturesAnswerAndTheCorrelatorBack() throws Exception {
        for (CardCheck answer : CardCheck.values()) {
            HttpResponse<String> r = signedPost(registry.cards().claimFor(answer));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("{\"result\":\"" + answer + "\"}", r.body());
            assertTrue(r.headers().firstValue("x-correlator").isPresent());
        }
        assertEquals("{\"result\":\"NO_MATCH\"}", signedPost(registry.cards().unknownPerson()).body());
        assertEquals("{\"result\":\"MATCH\"}", signedPost(registry.cards().residentMatch()).body());
    }

    @Test
    void anUnsignedRequestIsRefusedWith401() throws Exception {
        HttpResponse<String> r = post(PATH, body(registry.cards().claimFor(CardCheck.MATCH)), "c-1", Optional.empty());
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("\"code\":\"UNAUTHENTICATED\""), r.body());
        assertEquals(Optional.of("no Authorization: NHI-Signature header"), registry.requests().all().get(0).rejection());
    }

    @Test
    void aSignatureOverAnotherBodyIsRefused() throws Exception {
        String signedBody = body(registry.cards().claimFor(CardCheck.MATCH));
        String sentBody = body(registry.cards().claimFor(CardCheck.NO_MATCH));
        String jws = sign(PATH, signedBody, "c-2", clock.instant(), UUID.randomUUID().toString(), "test-key");
        assertEquals(401, post(PATH, sentBody, "c-2", Optional.of(jws)).statusCode());
        assertEquals(Optional.of("bd is not the SHA-256 of this request's body"),
                registry.requests().all().get(0).rejection());
    }

    @Test
    void aTamperedSignatureIsRefused() throws Exception {
        String body = body(registry.cards().claimFor(CardCheck.MATCH));
        String jws = sign(PATH, body, "c-3", clock.instant(), UUID.randomUUID().toString(), "test-key");
        char last = jws.charAt(jws.length() - 2);
        String tampered = jws.substring(0, jws.length() - 2) + (last == 'A' ? 'B' : 'A') + jws.charAt(jws.length() - 1);
        assertEquals(401, post(PATH, body, "c-3", Optional.of(tampered)).statusCode());
        assertEquals(Optional.of("the ES256 signature does not verify with the client's registered key"),
                registry.requests().all().get(0).rejection());
    }

    @Test
    void aReplayedSignatureIsRefusedTheSecondTime() throws Exception {
        String body = body(registry.cards().claimFor(CardCheck.MATCH));
        String jws = sign(PATH, body, "c-4", clock.instant(), UUID.randomUUID().toString(), "test-key");
        assertEquals(200, post(PATH, body, "c-4", Optional.of(jws)).statusCode());
        assertEquals(401, post(PATH, body, "c-4", Optional.of(jws)).statusCode());
        assertEquals(Optional.of("jti was already used (replay)"), registry.requests().all().get(1).rejection());
    }

    @Test
    void anExpiredSignatureIsRefused() throws Exception {
        String body = body(registry.cards().claimFor(CardCheck.MATCH));
        String jws = sign(PATH, body, "c-5", clock.instant().minus(Duration.ofSeconds(61)),
                UUID.randomUUID().toString(), "test-key");
        assertEquals(401, post(PATH, body, "c-5", Optional.of(jws)).statusCode());
        assertEquals(Optional.of("the signature expired"), registry.requests().all().get(0).rejection());
    }

    @Test
    void aSignatureForAnotherCorrelatorOrKidIsRefused() throws Exception {
        String body = body(registry.cards().claimFor(CardCheck.MATCH));
        String other = sign(PATH, body, "c-6", clock.instant(), UUID.randomUUID().toString(), "test-key");
        assertEquals(401, post(PATH, body, "c-7", Optional.of(other)).statusCode());
        String wrongKid = sign(PATH, body, "c-8", clock.instant(), UUID.randomUUID().toString(), "old-key");
        assertEquals(401, post(PATH, body, "c-8", Optional.of(wrongKid)).statusCode());
    }

    @Test
    void otherPathsAre404AndABodyThatIsNotAClaimIs400() throws Exception {
        assertEquals(404, signedPostTo("/nhi/v2/card-checks", "{}").statusCode());
        HttpResponse<String> bad = signedPostTo(PATH, "{\"nationalId\":\"Q120000117\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("INVALID_ARGUMENT"), bad.body());
    }

    private HttpResponse<String> signedPostTo(String path, String body) throws Exception {
        return post(path, body, "c-9", Optional.of(sign(path, body, "c-9", clock.instant(),
                UUID.randomUUID().toString(), "test-key")));
    }

    @Test
    void injectedFaultsApplyInOrderForTheirCountAndNeverAtOther() throws Exception {
        registry.faults().inject(RegistryEndpoint.CARD_CHECKS, RegistryFault.status(503).times(2));
        assertEquals(2, registry.faults().remaining(RegistryEndpoint.CARD_CHECKS));
        assertEquals(503, signedPost(registry.cards().claimFor(CardCheck.MATCH)).statusCode());
        assertEquals(503, signedPost(registry.cards().claimFor(CardCheck.MATCH)).statusCode());
        assertEquals(200, signedPost(registry.cards().claimFor(CardCheck.MATCH)).statusCode());
        assertThrows(IllegalArgumentException.class,
                () -> registry.faults().inject(RegistryEndpoint.OTHER, RegistryFault.malformedJson()));
    }

    @Test
    void theRequestLogNeverPrintsTheBody() throws Exception {
        CardClaim claim = registry.cards().claimFor(CardCheck.MATCH);
        signedPost(claim);
        String logged = registry.requests().all().get(0).toString();
        assertTrue(!logged.contains(claim.cardNumber()) && !logged.contains(claim.nationalId()), logged);
    }
}
