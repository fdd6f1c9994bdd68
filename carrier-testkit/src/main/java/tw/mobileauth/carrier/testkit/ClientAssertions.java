package tw.mobileauth.carrier.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Verifies {@code private_key_jwt} client assertions (RFC 7523) the way a carrier would, in
 * numbered steps. Any failure is {@code 401 {"error":"invalid_client"}}.
 *
 * <ol>
 *   <li>A JWS compact serialization whose header says {@code alg=ES256}.</li>
 *   <li>{@code iss} = {@code sub} = a client registered at this carrier (and = the form's
 *       {@code client_id} when one is sent); a {@code kid}, when both sides have one, agrees.</li>
 *   <li>The signature verifies with the registered public key ({@code SHA256withECDSAinP1363Format}).</li>
 *   <li>{@code aud} is (or contains) the token endpoint URL.</li>
 *   <li>{@code exp} is in the future and at most 300 s ahead; {@code nbf} and {@code iat}, when
 *       present, are not in the future (60 s leeway for {@code iat}).</li>
 *   <li>{@code jti} was never seen before. It is recorded only after every other step passed,
 *       so a forged assertion cannot burn a legitimate {@code jti}.</li>
 * </ol>
 */
final class ClientAssertions {

    static final Duration MAX_AHEAD = Duration.ofSeconds(300);
    private static final Duration IAT_LEEWAY = Duration.ofSeconds(60);

    /**
     * A registered client. Its key is held as BouncyCastle's own key object, translated once here: the
     * provider then keeps the point's precomputed multiples between verifications instead of
     * converting a JDK key and starting over on every assertion.
     */
    record Client(String carrierId, String clientId, PublicKey key, Optional<String> kid) {
        Client {
            key = translated(key);
        }
    }

    /** The least time between two prunings of the replay record. */
    static final Duration PRUNE_EVERY = Duration.ofSeconds(1);

    private final Clock clock;
    private final BiFunction<String, String, Optional<Client>> clients;
    private final Map<String, Instant> seenJti = new ConcurrentHashMap<>();
    /** When the replay record is next pruned, in the clock's milliseconds; the thread that moves it on prunes. */
    private final AtomicLong nextPrune = new AtomicLong(Long.MIN_VALUE);

    ClientAssertions(Clock clock, BiFunction<String, String, Optional<Client>> clients) {
        this.clock = clock;
        this.clients = clients;
    }

    /**
     * Returns the authenticated client.
     *
     * @param formClientId the form's {@code client_id}, when sent
     * @param audiences    the token endpoint URLs this carrier answers to
     * @throws OAuthError {@code invalid_client} on any failed step
     */
    Client verify(String carrierId, String assertion, Optional<String> formClientId, Set<String> audiences) {
        // Step 1: shape and algorithm.
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw OAuthError.invalidClient("client_assertion is not a JWS compact serialization (3 parts)");
        }
        JsonNode header = decodeJson(parts[0], "header");
        JsonNode claims = decodeJson(parts[1], "payload");
        if (!"ES256".equals(Json.text(header, "alg").orElse(""))) {
            throw OAuthError.invalidClient("client_assertion must be signed with alg ES256");
        }
        // Step 2: the client.
        String iss = Json.text(claims, "iss").orElse("");
        String sub = Json.text(claims, "sub").orElse("");
        if (iss.isEmpty() || !iss.equals(sub)) {
            throw OAuthError.invalidClient("client_assertion iss and sub must both be the client_id");
        }
        if (formClientId.isPresent() && !formClientId.get().equals(iss)) {
            throw OAuthError.invalidClient("client_id does not match the client_assertion's iss");
        }
        Client client = clients.apply(carrierId, iss)
                .orElseThrow(() -> OAuthError.invalidClient("unknown client_id at " + carrierId));
        Optional<String> kid = Json.text(header, "kid");
        if (kid.isPresent() && client.kid().isPresent() && !kid.get().equals(client.kid().get())) {
            throw OAuthError.invalidClient("client_assertion kid is not the registered key's");
        }
        // Step 3: the signature.
        if (!signatureValid(client.key(), parts)) {
            throw OAuthError.invalidClient("client_assertion signature does not verify with the registered key");
        }
        // Step 4: the audience.
        if (!audienceMatches(claims.get("aud"), audiences)) {
            throw OAuthError.invalidClient("client_assertion aud must be the token endpoint URL " + audiences);
        }
        // Step 5: the times.
        Instant now = clock.instant();
        Instant exp = epochSeconds(claims, "exp")
                .orElseThrow(() -> OAuthError.invalidClient("client_assertion needs a numeric exp"));
        if (!exp.isAfter(now)) {
            throw OAuthError.invalidClient("client_assertion expired at " + exp);
        }
        if (exp.isAfter(now.plus(MAX_AHEAD))) {
            throw OAuthError.invalidClient("client_assertion exp is more than 300 s ahead");
        }
        epochSeconds(claims, "nbf").filter(nbf -> nbf.isAfter(now)).ifPresent(nbf -> {
            throw OAuthError.invalidClient("client_assertion is not valid before " + nbf);
        });
        epochSeconds(claims, "iat").filter(iat -> iat.isAfter(now.plus(IAT_LEEWAY))).ifPresent(iat -> {
            throw OAuthError.invalidClient("client_assertion iat is in the future");
        });
        // Step 6: replay.
        String jti = Json.text(claims, "jti").orElse("");
        if (jti.isEmpty()) {
            throw OAuthError.invalidClient("client_assertion needs a jti");
        }
        pruneWhenDue(now);
        if (seenJti.putIfAbsent(carrierId + "\n" + iss + "\n" + jti, exp) != null) {
            throw OAuthError.invalidClient("client_assertion jti was already used (replay)");
        }
        return client;
    }

    /**
     * Forgets the {@code jti}s of assertions that expired more than {@link #MAX_AHEAD} ago, at most once
     * every {@link #PRUNE_EVERY}: a scan of every recorded {@code jti} on each token request grew with
     * the requests of the last five minutes. Keeping an entry a second longer only keeps refusing a
     * replay that step 5 refuses anyway.
     */
    private void pruneWhenDue(Instant now) {
        long due = nextPrune.get();
        if (now.toEpochMilli() >= due && nextPrune.compareAndSet(due, now.toEpochMilli() + PRUNE_EVERY.toMillis())) {
            seenJti.values().removeIf(e -> e.isBefore(now.minus(MAX_AHEAD)));
        }
    }

    /** How many {@code jti}s are recorded (pruned ones gone). */
    int recordedJtis() {
        return seenJti.size();
    }

    private static PublicKey translated(PublicKey key) {
        try {
            return (PublicKey) KeyFactory.getInstance(key.getAlgorithm(), BouncyCastle.provider()).translateKey(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            return key; // not a key BouncyCastle translates: verified as it is (and refused if it cannot verify ES256)
        }
    }

    private static boolean signatureValid(PublicKey key, String[] parts) {
        try {
            byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
            if (sig.length != 64) {
                return false;
            }
            Signature verifier = Signature.getInstance("SHA256withPLAIN-ECDSA", BouncyCastle.provider());
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(sig);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean audienceMatches(JsonNode aud, Set<String> audiences) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return audiences.contains(aud.asText());
        }
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (a.isTextual() && audiences.contains(a.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Far beyond any sensible assertion time, and well inside what an {@link Instant} holds. */
    private static final long MAX_EPOCH_SECONDS = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    /**
     * A NumericDate claim. Not a number, not integral-valued within ±year 9999 (e.g. {@code 1e300}
     * or {@code 2^63}) is {@code invalid_client}: a real carrier refuses it, it does not crash.
     */
    private static Optional<Instant> epochSeconds(JsonNode claims, String name) {
        JsonNode v = claims.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw OAuthError.invalidClient("client_assertion " + name + " must be a number of seconds");
        }
        double seconds = v.asDouble();
        if (!v.canConvertToLong() || Double.isNaN(seconds) || Math.abs(seconds) > MAX_EPOCH_SECONDS
                || Math.abs(v.asLong()) > MAX_EPOCH_SECONDS) {
            throw OAuthError.invalidClient("client_assertion " + name + " is not a plausible time");
        }
        return Optional.of(Instant.ofEpochSecond(v.asLong()));
    }

    private static JsonNode decodeJson(String part, String what) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
            return Json.parseObject(text)
                    .orElseThrow(() -> OAuthError.invalidClient("client_assertion " + what + " is not a JSON object"));
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("client_assertion " + what + " is not base64url");
        }
    }
}
