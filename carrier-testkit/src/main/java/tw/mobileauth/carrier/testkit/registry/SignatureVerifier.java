package tw.mobileauth.carrier.testkit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the request signature of the NHI reference profile, with the JDK alone (so the fake does
 * not share a JOSE library with the adapter it tests). Every rule that fails gives a reason; the
 * request is then answered 401 {@code UNAUTHENTICATED}.
 *
 * <ol>
 *   <li>{@code Authorization: NHI-Signature <compact JWS>} with three parts;</li>
 *   <li>header {@code alg} ES256 and {@code typ} {@code nhi-request+jws};</li>
 *   <li>payload {@code iss} is a registered client, and a {@code kid}, when the client registered
 *       one, is that one;</li>
 *   <li>the ES256 signature verifies with the client's key;</li>
 *   <li>{@code htm}, {@code htp}, {@code xc} and {@code bd} equal the method, the raw path, the
 *       {@code x-correlator} header and {@code base64url(SHA-256(body))};</li>
 *   <li>{@code iat} is at most 30 s in the future, {@code exp} is after now and at most 300 s after
 *       {@code iat};</li>
 *   <li>{@code jti} has at least 16 characters and was never seen (replay).</li>
 * </ol>
 */
final class SignatureVerifier {

    static final String SCHEME = "NHI-Signature ";
    static final String TYPE = "nhi-request+jws";
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Duration MAX_LIFETIME = Duration.ofSeconds(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Client(PublicKey key, Optional<String> kid) {
    }

    /** The outcome: the {@code jti} when one was read, and the reason when refused. */
    record Verdict(Optional<String> jti, Optional<String> rejection) {
        static Verdict refuse(Optional<String> jti, String reason) {
            return new Verdict(jti, Optional.of(reason));
        }
    }

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Instant> seen = new HashMap<>();

    void register(String clientId, Client client) {
        clients.put(clientId, client);
    }

    Verdict verify(String method, String rawPath, byte[] body, Optional<String> correlator,
            Optional<String> authorization, Instant now) {
        if (authorization.isEmpty() || !authorization.get().startsWith(SCHEME)) {
            return Verdict.refuse(Optional.empty(), "no Authorization: NHI-Signature header");
        }
        String[] parts = authorization.get().substring(SCHEME.length()).trim().split("\\.", -1);
        if (parts.length != 3) {
            return Verdict.refuse(Optional.empty(), "the signature is not a compact JWS");
        }
        Optional<JsonNode> header = json(parts[0]);
        Optional<JsonNode> payload = json(parts[1]);
        if (header.isEmpty() || payload.isEmpty()) {
            return Verdict.refuse(Optional.empty(), "the signature's header or payload is not base64url JSON");
        }
        JsonNode h = header.get();
        JsonNode p = payload.get();
        Optional<String> jti = text(p, "jti");
        if (!"ES256".equals(text(h, "alg").orElse("")) || !TYPE.equals(text(h, "typ").orElse(""))) {
            return Verdict.refuse(jti, "the signature header must say alg ES256 and typ " + TYPE);
        }
        Client client = clients.get(text(p, "iss").orElse(""));
        if (client == null) {
            return Verdict.refuse(jti, "iss is not a registered client");
        }
        if (client.kid().isPresent() && text(h, "kid").filter(k -> !k.equals(client.kid().get())).isPresent()) {
            return Verdict.refuse(jti, "kid is not the client's registered key id");
        }
        if (!signatureHolds(client.key(), parts)) {
            return Verdict.refuse(jti, "the ES256 signature does not verify with the client's registered key");
        }
        if (!method.equals(text(p, "htm").orElse("")) || !rawPath.equals(text(p, "htp").orElse(""))) {
            return Verdict.refuse(jti, "htm/htp do not name this request's method and path");
        }
        if (correlator.isEmpty() || !correlator.get().equals(text(p, "xc").orElse(""))) {
            return Verdict.refuse(jti, "xc is not this request's x-correlator");
        }
        if (!digest(body).equals(text(p, "bd").orElse(""))) {
            return Verdict.refuse(jti, "bd is not the SHA-256 of this request's body");
        }
        if (!p.path("iat").canConvertToLong() || !p.path("exp").canConvertToLong() || !p.path("iat").isIntegralNumber()
                || !p.path("exp").isIntegralNumber()) {
            return Verdict.refuse(jti, "iat and exp must be integers");
        }
        Instant iat = Instant.ofEpochSecond(p.get("iat").longValue());
        Instant exp = Instant.ofEpochSecond(p.get("exp").longValue());
        if (iat.isAfter(now.plus(SKEW))) {
            return Verdict.refuse(jti, "iat is in the future");
        }
        if (!exp.isAfter(now)) {
            return Verdict.refuse(jti, "the signature expired");
        }
        if (Duration.between(iat, exp).compareTo(MAX_LIFETIME) > 0 || exp.isBefore(iat)) {
            return Verdict.refuse(jti, "exp must be after iat and at most 300 s later");
        }
        if (jti.isEmpty() || jti.get().length() < 16) {
            return Verdict.refuse(jti, "jti must be at least 16 characters");
        }
        synchronized (seen) {
            seen.values().removeIf(until -> until.isBefore(now.minus(SKEW)));
            if (seen.putIfAbsent(jti.get(), exp) != null) {
                return Verdict.refuse(jti, "jti was already used (replay)");
            }
        }
        return new Verdict(jti, Optional.empty());
    }

    private static boolean signatureHolds(PublicKey key, String[] parts) {
        try {
            byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
            if (sig.length != 64) {
                return false;
            }
            Signature s = Signature.getInstance("SHA256withPLAIN-ECDSA", BouncyCastle.provider());
            s.initVerify(key);
            s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return s.verify(sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static String digest(byte[] body) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    private static Optional<JsonNode> json(String b64) {
        try {
            JsonNode n = JSON.readTree(Base64.getUrlDecoder().decode(b64));
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }
}
