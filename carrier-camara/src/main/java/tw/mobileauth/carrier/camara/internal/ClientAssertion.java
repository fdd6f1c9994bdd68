package tw.mobileauth.carrier.camara.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An ES256 {@code private_key_jwt} client assertion (RFC 7523 §2.2, OIDC Core §9): JWS compact
 * serialisation whose signature is the raw 64-byte {@code R||S} that JWS wants. Signed on the
 * explicit {@link BouncyCastle} provider instance ({@code SHA256withPLAIN-ECDSA}), about ten times
 * faster than SunEC; a key BouncyCastle cannot use (one held in a token or HSM) is signed by the
 * JCA's default provider ({@code SHA256withECDSAinP1363Format}) instead. Not API.
 */
public final class ClientAssertion {

    /** The {@code client_assertion_type} value that goes with it. */
    public static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** The longest lifetime a carrier accepts. */
    public static final Duration MAX_LIFETIME = Duration.ofSeconds(300);

    /** The lifetime we use: short, so a leaked assertion is soon useless. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    private ClientAssertion() {
    }

    /** Whether {@code key} can sign ES256: an EC key on a 256-bit curve. */
    public static boolean canSign(PrivateKey key) {
        if (!"EC".equals(key.getAlgorithm())) {
            return false;
        }
        // Keys held in a token or HSM may not expose their parameters; trust their algorithm then.
        return !(key instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() == 256;
    }

    /**
     * {@code key} as a BouncyCastle key when its encoding can be read, so that signing need not
     * convert it on every call; otherwise (a token or HSM key) {@code key} itself. Call once per
     * configured key.
     */
    public static PrivateKey forSigning(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        return key instanceof ECPrivateKey ? BouncyCastle.ownEcKey(key) : key;
    }

    /**
     * A signed assertion.
     *
     * @param key      the client's EC P-256 private key
     * @param kid      the {@code kid} header, when the carrier asks for one
     * @param clientId {@code iss} and {@code sub}
     * @param audience {@code aud}: the token endpoint URL
     * @param now      {@code iat}
     * @param jti      a unique id, at least 128 random bits
     * @throws IllegalStateException if the key cannot sign ES256
     */
    public static String sign(PrivateKey key, Optional<String> kid, String clientId, URI audience, Instant now,
            String jti) {
        Objects.requireNonNull(key, "key");
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("typ", "JWT");
        kid.ifPresent(k -> header.put("kid", k));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("aud", audience.toString());
        claims.put("jti", jti);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        String signingInput = Base64Url.encode(Json.write(header)) + "." + Base64Url.encode(Json.write(claims));
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        try {
            return signingInput + "." + Base64Url.encode(signRaw(key, input));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the client signing key cannot sign ES256; configure an EC P-256 key", e);
        }
    }

    private static byte[] signRaw(PrivateKey key, byte[] input) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withPLAIN-ECDSA", BouncyCastle.provider());
        try {
            signer.initSign(key);
        } catch (InvalidKeyException notForBouncyCastle) {
            // A key only its own provider can use (a token, an HSM): let the JCA pick that provider.
            signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key);
        }
        signer.update(input);
        return signer.sign();
    }
}
