package tw.mobileauth.carrier.camara.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ES256 client assertions on the explicit BouncyCastle provider, interoperable with SunEC. */
class BouncyCastleSigningTest {

    private static final URI TOKEN_URL = URI.create("https://carrier.example/cht/oauth2/token");
    private static final Instant NOW = Instant.parse("2025-05-01T00:00:00Z");
    private final RandomTokens random = new RandomTokens(new SecureRandom());

    @Test
    void aJdkKeyIsConvertedOnceToABouncyCastleKeyThatSignsWhatSunEcVerifies() throws Exception {
        KeyPair jdk = sunEcKeyPair();
        PrivateKey converted = ClientAssertion.forSigning(jdk.getPrivate());
        assertTrue(converted.getClass().getName().startsWith("org.bouncycastle."), converted.getClass().getName());
        assertEquals(((ECPrivateKey) jdk.getPrivate()).getS(), ((ECPrivateKey) converted).getS(), "the same key");
        for (PrivateKey key : new PrivateKey[] {converted, jdk.getPrivate()}) {
            String jwt = ClientAssertion.sign(key, Optional.empty(), "portal", TOKEN_URL, NOW, random.next());
            assertTrue(sunEcVerifies(jwt, jdk.getPublic()), "SunEC verifies the BouncyCastle signature");
            assertFalse(sunEcVerifies(jwt, sunEcKeyPair().getPublic()), "another key does not");
        }
    }

    @Test
    void signingNeverRegistersAGlobalProvider() {
        ClientAssertion.sign(ClientAssertion.forSigning(sunEcKeyPair().getPrivate()), Optional.empty(), "portal",
                TOKEN_URL, NOW, random.next());
        assertNull(Security.getProvider("BC"), "the BouncyCastle provider must stay unregistered");
        assertEquals("BC", BouncyCastle.provider().getName());
        assertSame(BouncyCastle.provider(), BouncyCastle.provider(), "one instance");
    }

    @Test
    void aKeyWithoutAnEncodingIsLeftAsItIsAndAnUnusableOneFailsClearly() {
        PrivateKey opaque = new PrivateKey() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }
        };
        assertSame(opaque, ClientAssertion.forSigning(opaque), "a token or HSM key is not converted");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ClientAssertion.sign(opaque, Optional.empty(), "portal", TOKEN_URL, NOW, random.next()));
        assertTrue(e.getMessage().contains("EC P-256"), e.getMessage());
    }

    private static boolean sunEcVerifies(String jwt, PublicKey key) throws Exception {
        int dot = jwt.lastIndexOf('.');
        Signature v = Signature.getInstance("SHA256withECDSAinP1363Format", "SunEC");
        v.initVerify(key);
        v.update(jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        return v.verify(Base64Url.decode(jwt.substring(dot + 1)).orElseThrow());
    }

    private static KeyPair sunEcKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
