package tw.mobileauth.registry.nhi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;

/**
 * Signs one request of the reference profile: an ES256 JWS (compact, payload attached) whose
 * payload is the canonical request, sent as {@code Authorization: NHI-Signature <jws>}.
 *
 * <p>The header and the payload are written by this class in a fixed member order, so the signing
 * input is a pure function of its inputs (see {@link #signingInput}); only the ECDSA signature
 * itself is random.
 *
 * <pre>
 * header  {"alg":"ES256","typ":"nhi-request+jws","kid":"&lt;signing-key-id&gt;"}      (kid only when configured)
 * payload {"iss":"&lt;client id&gt;","htm":"POST","htp":"&lt;request path&gt;","iat":&lt;s&gt;,"exp":&lt;iat+60&gt;,
 *          "jti":"&lt;random, 128 bits&gt;","xc":"&lt;x-correlator&gt;","bd":"&lt;base64url(SHA-256(body))&gt;"}
 * </pre>
 */
final class RequestSigner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clientId;
    private final Optional<String> keyId;
    private final ECDSASigner signer;

    /**
     * @throws IllegalArgumentException if the key is not an EC P-256 private key
     */
    RequestSigner(String clientId, Optional<String> keyId, PrivateKey key) {
        this.clientId = clientId;
        this.keyId = keyId;
        if (!isP256(key)) {
            throw new IllegalArgumentException("the registry signing key (setting mobileauth.registry.nhi."
                    + "signing-key-file) must be an EC P-256 private key for ES256, was " + key.getAlgorithm()
                    + "; generate one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        }
        try {
            // Converted once to a BouncyCastle key and signed on that provider: ten times SunEC's speed.
            ECPrivateKey bcKey = forBouncyCastle((ECPrivateKey) key);
            this.signer = new ECDSASigner(bcKey);
            if (bcKey != key) {
                this.signer.getJCAContext().setProvider(BouncyCastle.provider());
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the registry signing key cannot sign ES256: " + e.getMessage(), e);
        }
    }

    private static ECPrivateKey forBouncyCastle(ECPrivateKey key) {
        if (key.getEncoded() == null) {
            return key; // a token or HSM key: only its own provider can use it
        }
        try {
            return (ECPrivateKey) java.security.KeyFactory.getInstance("EC", BouncyCastle.provider()).translateKey(key);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }

    /** Whether {@code key} is an EC private key on P-256, the only key ES256 takes. */
    static boolean isP256(PrivateKey key) {
        return key instanceof ECPrivateKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256
                && ec.getParams().getOrder().bitLength() == 256;
    }

    /** The value of the {@code Authorization} header for this request. */
    String authorization(String method, String path, byte[] body, String correlator, Instant now, String jti) {
        return NhiProfile.AUTH_SCHEME + " " + sign(method, path, body, correlator, now, jti);
    }

    /** The compact JWS for this request. */
    String sign(String method, String path, byte[] body, String correlator, Instant now, String jti) {
        try {
            JWSHeader header = JWSHeader.parse(Base64URL.encode(header()));
            JWSObject jws = new JWSObject(header, new Payload(payload(method, path, body, correlator, now, jti)));
            jws.sign(signer);
            return jws.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("signing a registry request failed: " + e.getMessage(), e);
        }
    }

    /** {@code base64url(header) + "." + base64url(payload)}: what the signature covers. */
    String signingInput(String method, String path, byte[] body, String correlator, Instant now, String jti) {
        return Base64URL.encode(header()) + "." + Base64URL.encode(payload(method, path, body, correlator, now, jti));
    }

    private String header() {
        ObjectNode h = JSON.createObjectNode();
        h.put("alg", "ES256");
        h.put("typ", NhiProfile.SIGNATURE_TYPE);
        keyId.ifPresent(kid -> h.put("kid", kid));
        return h.toString();
    }

    private String payload(String method, String path, byte[] body, String correlator, Instant now, String jti) {
        long iat = now.getEpochSecond();
        ObjectNode p = JSON.createObjectNode();
        p.put("iss", clientId);
        p.put("htm", method);
        p.put("htp", path);
        p.put("iat", iat);
        p.put("exp", iat + NhiProfile.SIGNATURE_LIFETIME.toSeconds());
        p.put("jti", jti);
        p.put("xc", correlator);
        p.put("bd", bodyDigest(body));
        return p.toString();
    }

    /** {@code base64url(SHA-256(body))} without padding. */
    static String bodyDigest(byte[] body) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(body)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
