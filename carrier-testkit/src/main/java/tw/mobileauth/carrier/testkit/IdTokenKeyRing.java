package tw.mobileauth.carrier.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One fake carrier's ID-token keys ({@link OAuthServer}): every key ever made, the newest signs,
 * and the JWK set shows the current generation's. A rotation adds a key with a new {@code kid},
 * to the same JWK set or, with a new {@code jwks_uri}, to a new generation whose set starts empty
 * of the older keys. Thread-safe.
 */
final class IdTokenKeyRing {

    private final String carrierId;
    private final List<Map.Entry<String, KeyPair>> keys = new ArrayList<>();
    private int generation = 1;
    private int firstOfGeneration;

    IdTokenKeyRing(String carrierId) {
        this.carrierId = carrierId;
        add();
    }

    /** A new key, which signs from now on; returns its kid. */
    synchronized String rotate(boolean newJwksUri) {
        if (newJwksUri) {
            generation++;
            firstOfGeneration = keys.size();
        }
        return add();
    }

    /** The kid and key pair that sign now. */
    synchronized Map.Entry<String, KeyPair> current() {
        return keys.get(keys.size() - 1);
    }

    /** The generation the discovery document's {@code jwks_uri} names. */
    synchronized int generation() {
        return generation;
    }

    /** The JWK set (RFC 7517) of the current generation: P-256 public keys with their kids. */
    ObjectNode jwks() {
        ObjectNode n = Json.object();
        ArrayNode set = n.putArray("keys");
        for (Map.Entry<String, KeyPair> k : published()) {
            ECPublicKey pub = (ECPublicKey) k.getValue().getPublic();
            ObjectNode jwk = set.addObject();
            jwk.put("kty", "EC");
            jwk.put("crv", "P-256");
            jwk.put("use", "sig");
            jwk.put("alg", "ES256");
            jwk.put("kid", k.getKey());
            jwk.put("x", coordinate(pub.getW().getAffineX()));
            jwk.put("y", coordinate(pub.getW().getAffineY()));
        }
        return n;
    }

    /** A fresh P-256 key pair. */
    static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC P-256 keys", e);
        }
    }

    /** The ES256 signature (JWS form: r || s) of {@code input} under {@code key}. */
    static byte[] sign(PrivateKey key, String input) {
        try {
            Signature signer = Signature.getInstance("SHA256withPLAIN-ECDSA", BouncyCastle.provider());
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot sign ES256", e);
        }
    }

    private synchronized String add() {
        String kid = carrierId + "-id-token-" + (keys.size() + 1);
        keys.add(Map.entry(kid, newKey()));
        return kid;
    }

    private synchronized List<Map.Entry<String, KeyPair>> published() {
        return List.copyOf(keys.subList(firstOfGeneration, keys.size()));
    }

    /** A JWK coordinate: the unsigned big-endian value in exactly 32 bytes, base64url. */
    private static String coordinate(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] fixed = new byte[32];
        int from = Math.max(0, raw.length - 32);
        System.arraycopy(raw, from, fixed, 32 - (raw.length - from), raw.length - from);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
