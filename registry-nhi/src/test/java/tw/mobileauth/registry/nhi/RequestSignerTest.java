package tw.mobileauth.registry.nhi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The request signature of the reference profile, with a known answer computed independently
 * (Python's hashlib and base64 over the profile document's canonical form).
 */
class RequestSignerTest {

    private static final byte[] BODY = "{\"nationalId\":\"Q120000117\",\"cardNumber\":\"900000000011\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String JTI = "AAAAAAAAAAAAAAAAAAAAAA";
    /** base64url(header) "." base64url(payload) of docs/registry-nhi-profile.md's example. */
    private static final String SIGNING_INPUT = "eyJhbGciOiJFUzI1NiIsInR5cCI6Im5oaS1yZXF1ZXN0K2p3cyIsImtpZCI6InBvcnRhbC1r"
            + "YXQta2V5In0.eyJpc3MiOiJwb3J0YWwta2F0IiwiaHRtIjoiUE9TVCIsImh0cCI6Ii9uaGkvdjEvY2FyZC1jaGVja3MiLCJpYXQiOjE3Nj"
            + "cyMjU2MDAsImV4cCI6MTc2NzIyNTY2MCwianRpIjoiQUFBQUFBQUFBQUFBQUFBQUFBQUFBQSIsInhjIjoia2F0LWNvcnJlbGF0b3ItMSIs"
            + "ImJkIjoiVXZlcm9HQ0xLTHVLanV0ckZqU3ZQM1psakRIX2JBT0RlV1FzekdkNU5ySSJ9";

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    @Test
    void theBodyDigestIsBase64UrlSha256WithoutPadding() {
        assertEquals("UveroGCLKLuKjutrFjSvP3ZljDH_bAODeWQszGd5NrI", RequestSigner.bodyDigest(BODY));
    }

    @Test
    void theSigningInputIsTheKnownAnswerByteForByte() throws Exception {
        RequestSigner signer = new RequestSigner("portal-kat", Optional.of("portal-kat-key"), p256().getPrivate());
        assertEquals(SIGNING_INPUT, signer.signingInput("POST", "/nhi/v1/card-checks", BODY, "kat-correlator-1", NOW,
                JTI));
    }

    @Test
    void theSignatureCoversTheSigningInputAndVerifiesWithTheJdkAlone() throws Exception {
        KeyPair keys = p256();
        RequestSigner signer = new RequestSigner("portal-kat", Optional.of("portal-kat-key"), keys.getPrivate());
        String jws = signer.sign("POST", "/nhi/v1/card-checks", BODY, "kat-correlator-1", NOW, JTI);
        String[] parts = jws.split("\\.");
        assertEquals(3, parts.length);
        assertEquals(SIGNING_INPUT, parts[0] + "." + parts[1]);
        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        assertEquals(64, sig.length, "ES256 is R || S, 32 bytes each");
        Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
        v.initVerify(keys.getPublic());
        v.update(SIGNING_INPUT.getBytes(StandardCharsets.US_ASCII));
        assertTrue(v.verify(sig));
        v.initVerify(p256().getPublic());
        v.update(SIGNING_INPUT.getBytes(StandardCharsets.US_ASCII));
        assertFalse(v.verify(sig), "another key does not verify it");
    }

    @Test
    void theAuthorizationHeaderUsesTheNhiSignatureScheme() throws Exception {
        RequestSigner signer = new RequestSigner("portal-kat", Optional.empty(), p256().getPrivate());
        String header = signer.authorization("POST", "/nhi/v1/card-checks", BODY, "kat-correlator-1", NOW, JTI);
        assertTrue(header.startsWith("NHI-Signature eyJhbGciOiJFUzI1NiIsInR5cCI6Im5oaS1yZXF1ZXN0K2p3cyJ9."), header);
    }

    @Test
    void anythingButAnEcP256KeyIsRefusedNamingTheSettingAndTheFix() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RequestSigner("p", Optional.empty(), rsa.generateKeyPair().getPrivate()));
        assertTrue(e.getMessage().contains("signing-key-file") && e.getMessage().contains("P-256"), e.getMessage());
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        assertFalse(RequestSigner.isP256(p384.generateKeyPair().getPrivate()));
    }
}
