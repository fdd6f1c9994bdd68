package tw.mobileauth.carrier.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.Msisdn;

/**
 * A hand-made client of one fake carrier for the testkit's own tests: ES256 client assertions,
 * the authorize leg through a simulated phone, the token endpoint and the APIs, all over
 * {@link HttpClient}. No adapter involved.
 */
final class CarrierClient {

    static final String CALLBACK = "https://portal.example.test/callback";
    static final String SCOPE = "openid dpv:FraudPreventionAndDetection number-verification:verify"
            + " device-roaming-status:read connected-network-type:read";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    final FakeCarrierNetworks network;
    final String carrierId;
    final String clientId;
    final PrivateKey key;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();

    CarrierClient(FakeCarrierNetworks network, String carrierId) {
        this.network = network;
        this.carrierId = carrierId;
        CarrierConfig config = network.configFor(carrierId).build();
        this.clientId = config.clientId();
        this.key = config.clientSigningKey().orElseThrow();
    }

    String tokenUrl() {
        return network.baseUri(carrierId) + "/oauth2/token";
    }

    // ------------------------------------------------------------------ client assertions

    /** Default claims: iss=sub=client, aud=token URL, exp 60 s ahead, fresh jti. */
    Map<String, Object> claims() {
        long now = network.clock().instant().getEpochSecond();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", clientId);
        c.put("sub", clientId);
        c.put("aud", tokenUrl());
        c.put("iat", now);
        c.put("exp", now + 60);
        c.put("jti", UUID.randomUUID().toString());
        return c;
    }

    String assertion() {
        return sign(key, Map.of("alg", "ES256", "typ", "JWT"), claims());
    }

    static String sign(PrivateKey key, Map<String, Object> header, Map<String, Object> claims) {
        try {
            String h = b64(JSON.writeValueAsBytes(header));
            String p = b64(JSON.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(key);
            s.update((h + "." + p).getBytes(StandardCharsets.US_ASCII));
            return h + "." + p + "." + b64(s.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey strangerKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ token endpoint

    HttpResponse<String> token(Map<String, String> form) {
        return post("/oauth2/token", "application/x-www-form-urlencoded", encode(form), Optional.empty(),
                Optional.empty());
    }

    Map<String, String> clientAuth(String assertion) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        f.put("client_assertion", assertion);
        return f;
    }

    HttpResponse<String> clientCredentials(String assertion, Optional<String> scope) {
        Map<String, String> f = clientAuth(assertion);
        f.put("grant_type", "client_credentials");
        scope.ifPresent(s -> f.put("scope", s));
        return token(f);
    }

    /** A 2-legged token with every scope the carrier offers. */
    String twoLeggedToken() {
        HttpResponse<String> r = clientCredentials(assertion(), Optional.empty());
        if (r.statusCode() != 200) {
            throw new AssertionError("client credentials refused: " + r.statusCode() + " " + r.body());
        }
        return json(r).path("access_token").asText();
    }

    // ------------------------------------------------------------------ authorize leg

    /** A PKCE pair: verifier and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce fresh() {
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            String v = b64(b);
            try {
                return new Pkce(v, b64(MessageDigest.getInstance("SHA-256").digest(v.getBytes(StandardCharsets.US_ASCII))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    Map<String, String> authorizeParams(String state, Pkce pkce) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", clientId);
        q.put("redirect_uri", CALLBACK);
        q.put("scope", SCOPE);
        q.put("state", state);
        q.put("nonce", "n-" + state);
        q.put("code_challenge", pkce.challenge());
        q.put("code_challenge_method", "S256");
        q.put("prompt", "none");
        return q;
    }

    URI authorizeUri(Map<String, String> params) {
        return URI.create(network.baseUri(carrierId) + "/oauth2/authorize?" + encode(params));
    }

    /** The phone with {@code handle} opens a well-formed authorize URL; returns the callback parameters. */
    Map<String, String> authorize(String handle, String state, Pkce pkce) {
        return network.phone(handle).open(authorizeUri(authorizeParams(state, pkce)));
    }

    HttpResponse<String> exchange(String code, Pkce pkce, String assertion) {
        Map<String, String> f = clientAuth(assertion);
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", CALLBACK);
        f.put("code_verifier", pkce.verifier());
        return token(f);
    }

    /** The whole authorize leg and code exchange for the device {@code handle}: a 3-legged token. */
    String threeLeggedToken(String handle) {
        Pkce pkce = Pkce.fresh();
        Map<String, String> cb = authorize(handle, "st-" + UUID.randomUUID(), pkce);
        if (!cb.containsKey("code")) {
            throw new AssertionError("authorize refused: " + cb);
        }
        HttpResponse<String> r = exchange(cb.get("code"), pkce, assertion());
        if (r.statusCode() != 200) {
            throw new AssertionError("code exchange refused: " + r.statusCode() + " " + r.body());
        }
        return json(r).path("access_token").asText();
    }

    static String defaultHandle(Subscriber s) {
        return NetworkAttachments.defaultHandle(s.msisdn());
    }

    // ------------------------------------------------------------------ APIs

    HttpResponse<String> api(String path, String token, String jsonBody) {
        return post(path, "application/json", jsonBody, Optional.of(token), Optional.of("test-" + UUID.randomUUID()));
    }

    HttpResponse<String> post(String path, String contentType, String body, Optional<String> token,
            Optional<String> correlator) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(network.baseUri(carrierId) + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        correlator.ifPresent(c -> b.header("x-correlator", c));
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String phoneBody(Msisdn number) {
        return "{\"phoneNumber\":\"" + number.e164() + "\"}";
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static String encode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(Forms.encode(k)).append('=').append(Forms.encode(v));
        });
        return sb.toString();
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
