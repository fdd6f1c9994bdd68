package tw.mobileauth.carrier.camara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ID-token verifiers hold each carrier key as BouncyCastle's own, translated once: whichever
 * new JDK key object Nimbus makes from the JWK for a token, the same translated key verifies it,
 * and only under the key whose encoding it carries.
 */
class IdTokenVerifierFactoryTest {

    private static final JWSHeader ES256 = new JWSHeader(JWSAlgorithm.ES256);
    private final IdTokenVerifierFactory factory = new IdTokenVerifierFactory();

    @Test
    void aCarrierKeyIsTranslatedOnceWhicheverJdkObjectCarriesIt() throws Exception {
        KeyPair carrier = Fixtures.p256();
        ECPublicKey first = sunEcCopy(carrier.getPublic());
        ECPublicKey second = new ECKey.Builder(Curve.P_256, (ECPublicKey) carrier.getPublic()).build().toECPublicKey();
        assertNotSame(first, second, "two JDK objects for one key, as Nimbus makes one per token");

        PublicKey translated = factory.translated(first);
        assertTrue(translated.getClass().getName().startsWith("org.bouncycastle."), translated.getClass().getName());
        assertSame(translated, factory.translated(second), "one translation per key, kept");
        assertSame(translated, ((ECDSAVerifier) factory.createJWSVerifier(ES256, first)).getPublicKey());
        assertSame(translated, ((ECDSAVerifier) factory.createJWSVerifier(ES256, second)).getPublicKey());
        assertEquals(1, factory.size());
    }

    @Test
    void aTokenVerifiesOnlyUnderTheKeyThatSignedItAndOnlyUnaltered() throws Exception {
        KeyPair carrier = Fixtures.p256();
        KeyPair stranger = Fixtures.p256();
        String token = signed(carrier, "{\"nonce\":\"n-1\"}");

        for (int i = 0; i < 8; i++) { // past the point where BouncyCastle switches to its fixed-point comb
            assertTrue(verifies(token, sunEcCopy(carrier.getPublic())), "round " + i);
        }
        assertFalse(verifies(token, sunEcCopy(stranger.getPublic())), "another key's translation refuses it");
        String[] parts = token.split("\\.");
        String altered = parts[0] + "." + JWSObject.parse(signed(carrier, "{\"nonce\":\"n-2\"}")).getPayload()
                .toBase64URL() + "." + parts[2];
        assertFalse(verifies(altered, sunEcCopy(carrier.getPublic())), "a changed payload under the old signature");
        assertEquals(2, factory.size());
    }

    @Test
    void atMostMaxKeysAreHeldAndEveryKeyStillVerifies() throws Exception {
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < IdTokenVerifierFactory.MAX_KEYS + 3; i++) {
            KeyPair pair = Fixtures.p256();
            keys.add(pair);
            assertTrue(verifies(signed(pair, "{\"i\":" + i + "}"), sunEcCopy(pair.getPublic())), "key " + i);
            assertTrue(factory.size() <= IdTokenVerifierFactory.MAX_KEYS, "held: " + factory.size());
        }
        KeyPair first = keys.get(0);
        assertTrue(verifies(signed(first, "{\"again\":true}"), sunEcCopy(first.getPublic())),
                "a key dropped when the cache started over is translated again");
    }

    @Test
    void anRsaKeyIsUsedAsItIs() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("{\"nonce\":\"n\"}"));
        jws.sign(new RSASSASigner(rsa.getPrivate()));
        JWSObject parsed = JWSObject.parse(jws.serialize());
        assertTrue(parsed.verify(factory.createJWSVerifier(parsed.getHeader(), rsa.getPublic())));
        assertEquals(0, factory.size(), "nothing to translate");
    }

    private boolean verifies(String token, ECPublicKey key) throws Exception {
        JWSObject parsed = JWSObject.parse(token);
        JWSVerifier verifier = factory.createJWSVerifier(parsed.getHeader(), key);
        return parsed.verify(verifier);
    }

    private static String signed(KeyPair pair, String payload) throws Exception {
        JWSObject jws = new JWSObject(ES256, new Payload(payload));
        jws.sign(new ECDSASigner((ECPrivateKey) pair.getPrivate()));
        return jws.serialize();
    }

    /** A fresh SunEC object for the key, as a new JWK conversion gives one. */
    private static ECPublicKey sunEcCopy(PublicKey key) throws Exception {
        return (ECPublicKey) KeyFactory.getInstance("EC", "SunEC").generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }
}
