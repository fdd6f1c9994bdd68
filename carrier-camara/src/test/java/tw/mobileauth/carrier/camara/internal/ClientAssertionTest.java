package tw.mobileauth.carrier.camara.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAssertionTest {

    private static final URI TOKEN_URL = URI.create("https://carrier.example/cht/oauth2/token");
    private static final Instant NOW = Instant.parse("2025-05-01T00:00:00Z");
    private final KeyPair keys = generate("EC", "secp256r1");
    private final RandomTokens random = new RandomTokens(new SecureRandom());

    @Test
    void assertionIsACompactJwsWithEs256HeaderAndTheRequiredClaims() {
        String jwt = ClientAssertion.sign(keys.getPrivate(), Optional.empty(), "portal", TOKEN_URL, NOW, random.next());
        String[] parts = jwt.split("\\.", -1);
        assertEquals(3, parts.length);
        JsonNode header = part(parts[0]);
        JsonNode claims = part(parts[1]);
        assertEquals("ES256", header.get("alg").asText());
        assertFalse(header.has("kid"), "no kid unless configured");
        assertEquals("portal", claims.get("iss").asText());
        assertEquals("portal", claims.get("sub").asText());
        assertEquals(TOKEN_URL.toString(), claims.get("aud").asText());
        assertEquals(NOW.getEpochSecond(), claims.get("iat").asLong());
        long lifetime = claims.get("exp").asLong() - claims.get("iat").asLong();
        assertTrue(lifetime > 0 && lifetime <= 300, "exp at most 300 s away, was " + lifetime);
        assertTrue(Base64Url.decode(claims.get("jti").asText()).orElseThrow().length >= 16, "jti has >= 128 bits");
    }

    @Test
    void kidIsInTheHeaderWhenConfigured() {
        String jwt = ClientAssertion.sign(keys.getPrivate(), Optional.of("key-2025"), "portal", TOKEN_URL, NOW,
                random.next());
        assertEquals("key-2025", part(jwt.split("\\.")[0]).get("kid").asText());
    }

    @Test
    void signatureVerifiesWithThePublicKeyAndFailsWhenTheClaimsChange() throws Exception {
        String jwt = ClientAssertion.sign(keys.getPrivate(), Optional.empty(), "portal", TOKEN_URL, NOW, random.next());
        assertTrue(verify(jwt, keys.getPublic()));
        String[] p = jwt.split("\\.");
        String forged = p[0] + "." + Base64Url.encode("{\"iss\":\"evil\"}".getBytes(StandardCharsets.UTF_8)) + "." + p[2];
        assertFalse(verify(forged, keys.getPublic()));
        assertFalse(verify(jwt, generate("EC", "secp256r1").getPublic()), "another key must not verify");
    }

    @Test
    void signatureIsRawRAndSOf64Bytes() {
        String jwt = ClientAssertion.sign(keys.getPrivate(), Optional.empty(), "portal", TOKEN_URL, NOW, random.next());
        assertEquals(64, Base64Url.decode(jwt.split("\\.")[2]).orElseThrow().length);
    }

    @Test
    void everyAssertionHasItsOwnJti() {
        String a = ClientAssertion.sign(keys.getPrivate(), Optional.empty(), "portal", TOKEN_URL, NOW, random.next());
        String b = ClientAssertion.sign(keys.getPrivate(), Optional.empty(), "portal", TOKEN_URL, NOW, random.next());
        assertNotEquals(part(a.split("\\.")[1]).get("jti"), part(b.split("\\.")[1]).get("jti"));
    }

    @Test
    void onlyP256EcKeysCanSign() {
        assertTrue(ClientAssertion.canSign(keys.getPrivate()));
        assertFalse(ClientAssertion.canSign(generate("EC", "secp384r1").getPrivate()));
        assertFalse(ClientAssertion.canSign(generate("RSA", null).getPrivate()));
    }

    private static boolean verify(String jwt, PublicKey key) throws Exception {
        int dot = jwt.lastIndexOf('.');
        Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
        v.initVerify(key);
        v.update(jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        return v.verify(Base64Url.decode(jwt.substring(dot + 1)).orElseThrow());
    }

    private static JsonNode part(String b64) {
        return Json.parse(Base64Url.decode(b64).orElseThrow()).orElseThrow();
    }

    private static KeyPair generate(String alg, String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            if (curve != null) {
                g.initialize(new ECGenParameterSpec(curve));
            } else {
                g.initialize(1024);
            }
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
