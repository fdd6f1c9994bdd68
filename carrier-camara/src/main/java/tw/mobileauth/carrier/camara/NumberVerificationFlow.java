package tw.mobileauth.carrier.camara;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.carrier.camara.internal.Base64Url;
import tw.mobileauth.carrier.camara.internal.Es256;
import tw.mobileauth.carrier.camara.internal.FormEncoding;
import tw.mobileauth.carrier.camara.internal.Json;
import tw.mobileauth.carrier.camara.internal.Pkce;
import tw.mobileauth.carrier.camara.internal.RandomTokens;
import tw.mobileauth.carrier.spi.AccessNetwork;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.CarrierException.Origin;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.NetworkStatus;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.carrier.spi.NvResult;
import tw.mobileauth.carrier.spi.NvVerification;

/**
 * Network-based number verification, the same for every CAMARA carrier except the verify body:
 * OIDC authorization code with {@code prompt=none} and PKCE S256, then the NV, roaming and
 * network-type APIs with the one 3-legged token, which is then dropped. Roaming status and network
 * type are retrieved with the body {@code {}} as {@code application/json}: both official
 * definitions require a JSON body, and the token names the device, so it carries no
 * {@code device} (a 3-legged token with a device identifier is {@code 422 UNNECESSARY_IDENTIFIER}).
 */
final class NumberVerificationFlow {

    static final String AUTHORIZE_PATH = "/oauth2/authorize";
    static final String VERIFY_PATH = "/number-verification/v2/verify";
    static final String ROAMING_PATH = "/device-roaming-status/v1/retrieve";
    static final String NETWORK_TYPE_PATH = "/connected-network-type/v0.1/retrieve";
    /** How long a started verification may wait for its callback. */
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    /** Clock skew tolerated on the ID token's {@code exp}. */
    static final Duration ID_TOKEN_LEEWAY = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(NumberVerificationFlow.class);

    private final CarrierConfig config;
    private final CamaraProfile profile;
    private final CamaraClient client;
    private final TokenEndpoint tokens;
    private final ErrorMapping errors;
    private final RandomTokens random;
    private final Optional<PublicKey> idTokenKey;

    /** @param idTokenKey the carrier's ID-token signing key, when configured; then signatures are checked */
    NumberVerificationFlow(CarrierConfig config, CamaraProfile profile, CamaraClient client, TokenEndpoint tokens,
            ErrorMapping errors, RandomTokens random, Optional<PublicKey> idTokenKey) {
        this.config = config;
        this.idTokenKey = idTokenKey;
        this.profile = profile;
        this.client = client;
        this.tokens = tokens;
        this.errors = errors;
        this.random = random;
    }

    /** The scope of the verification token: NV, roaming and network type, with the configured purpose. */
    String scope() {
        return "openid " + config.purpose()
                + " number-verification:verify device-roaming-status:read connected-network-type:read";
    }

    /** Step 0: a challenge and the authorize URL. No network call. */
    NvChallenge start(CallContext ctx, Msisdn msisdn, URI redirectUri) {
        if (!redirectUri.isAbsolute()) {
            throw new IllegalArgumentException("redirectUri must be absolute, e.g. https://portal.example/nv/callback");
        }
        String state = random.next();
        String nonce = random.next();
        String verifier = random.next();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", config.clientId());
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", scope());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", Pkce.challengeS256(verifier));
        query.put("code_challenge_method", "S256");
        query.put("prompt", "none");
        query.put("login_hint", "tel:" + msisdn.e164());
        URI authorize = URI.create(client.resolve(AUTHORIZE_PATH) + "?" + FormEncoding.encode(query));
        Instant expiresAt = config.clock().instant().plus(CHALLENGE_LIFETIME);
        LOG.debug("{} number verification started for {} [x-correlator {}]", profile.carrierId(), msisdn,
                ctx.correlator());
        return new NvChallenge(authorize, state, nonce, verifier, msisdn, redirectUri, expiresAt);
    }

    /** Steps 1–5: check the callback, exchange the code, verify, read the network status. */
    NvVerification complete(CallContext ctx, NvChallenge challenge, Map<String, String> callback)
            throws CarrierException {
        // 1. The callback belongs to this challenge (constant-time state comparison).
        String state = Optional.ofNullable(callback.get("state")).orElse("");
        if (!MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                challenge.state().getBytes(StandardCharsets.UTF_8))) {
            throw violation(ctx, "STATE_MISMATCH", "the callback's state does not belong to this verification; "
                    + "a forged or crossed callback, do not continue");
        }
        // 2. The carrier's answer to the phone: an error, or a code.
        Optional<String> error = Optional.ofNullable(callback.get("error"));
        if (error.isPresent()) {
            throw VerificationAdvice.advise(errors.oauth(OptionalInt.empty(), error.get(),
                    Optional.ofNullable(callback.get("error_description")), ctx.correlator(), Optional.empty()),
                    VerificationAdvice.Step.CALLBACK);
        }
        if (!config.clock().instant().isBefore(challenge.expiresAt())) {
            throw new CarrierException.ConsentRequired(Origin.transport(profile.carrierId(), "CHALLENGE_EXPIRED",
                    ctx.correlator()), "the verification was started more than " + CHALLENGE_LIFETIME.toMinutes()
                    + " minutes ago; start a new one");
        }
        String code = Optional.ofNullable(callback.get("code")).filter(c -> !c.isBlank()).orElseThrow(
                () -> violation(ctx, "MISSING_CODE", "the callback carries neither code nor error"));
        // 3. Exchange the code (PKCE, private_key_jwt). Never repeated: once sent, the code may be redeemed,
        //    so any failure from here on needs a new verification, never the same callback again.
        TokenEndpoint.Grant grant;
        try {
            grant = tokens.exchangeCode(ctx, code, challenge.redirectUri(), challenge.codeVerifierSecret());
        } catch (CarrierException e) {
            throw VerificationAdvice.advise(e, VerificationAdvice.Step.CODE_EXCHANGE);
        }
        List<String> amr = checkIdToken(ctx, grant.idToken(), challenge.nonce());
        // 4. Number verification with the 3-legged token: one attempt per API, the token is single use.
        JsonReply verified = withSingleUseToken(ctx, VERIFY_PATH, grant.accessToken(),
                profile.numberVerificationBody(challenge.msisdn()));
        NvResult result = new NvResult(verified.bool("devicePhoneNumberVerified"), NvResult.Method.NETWORK_BASED, amr,
                config.clock().instant());
        // 5. Where the device is, with the same token; then the token goes out of scope.
        NetworkStatus network = networkStatus(ctx, grant.accessToken());
        LOG.debug("{} number verification for {}: verified={} network={} roaming={} [x-correlator {}]",
                profile.carrierId(), challenge.msisdn(), result.verified(), network.accessNetwork(), network.roaming(),
                ctx.correlator());
        return new NvVerification(result, network);
    }

    private NetworkStatus networkStatus(CallContext ctx, AccessToken token) throws CarrierException {
        JsonReply roaming = withSingleUseToken(ctx, ROAMING_PATH, token, Map.of());
        JsonReply type = withSingleUseToken(ctx, NETWORK_TYPE_PATH, token, Map.of());
        boolean isRoaming = roaming.bool("roaming");
        OptionalInt country = isRoaming ? roaming.optionalInt("countryCode") : OptionalInt.empty();
        Optional<Instant> seen = older(roaming.optionalInstant("lastStatusTime"), type.optionalInstant("lastStatusTime"));
        return new NetworkStatus(accessNetwork(type), isRoaming, country, seen);
    }

    /**
     * One call with the single-use token. Its failures are re-advised: a time-out, reset, 5xx, 429
     * or refused token needs a new verification ({@code RESTART_VERIFICATION}), never the same
     * callback, whose code is already redeemed.
     */
    private JsonReply withSingleUseToken(CallContext ctx, String path, AccessToken token, Map<String, ?> body)
            throws CarrierException {
        try {
            return client.postWithToken(ctx, path, token, body);
        } catch (CarrierException e) {
            throw VerificationAdvice.advise(e, VerificationAdvice.Step.SINGLE_USE_TOKEN);
        }
    }

    private static AccessNetwork accessNetwork(JsonReply type) throws CarrierException.ProtocolViolation {
        String value = type.text("connectedNetworkType");
        switch (value) {
            case "2G":
                return AccessNetwork.G2;
            case "3G":
                return AccessNetwork.G3;
            case "4G":
                return AccessNetwork.G4;
            case "5G":
                return AccessNetwork.G5;
            case "UNKNOWN":
                return AccessNetwork.UNKNOWN;
            default:
                throw type.violation("connectedNetworkType must be 2G, 3G, 4G, 5G or UNKNOWN");
        }
    }

    /** The status is as fresh as its older half. */
    private static Optional<Instant> older(Optional<Instant> a, Optional<Instant> b) {
        if (a.isPresent() && b.isPresent()) {
            return Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
        }
        return a.isPresent() ? a : b;
    }

    /**
     * The scope has {@code openid}, so the token answer must carry an ID token
     * ({@code MISSING_ID_TOKEN} otherwise), and it binds the answer to this verification: its
     * {@code nonce} must be ours ({@code NONCE_MISMATCH}), its {@code aud} our client id
     * ({@code AUDIENCE_MISMATCH}) and its {@code exp} not past (60 s leeway,
     * {@code ID_TOKEN_EXPIRED}). With a configured carrier key (property {@code id-token-key}) it
     * must also be an ES256 JWS that verifies under that key ({@code ID_TOKEN_SIGNATURE});
     * without one the signature is not checked, as OIDC Core §3.1.3.7 allows for a token that
     * came straight from the token endpoint over TLS. Returns its {@code amr}.
     */
    private List<String> checkIdToken(CallContext ctx, Optional<String> idToken, String nonce)
            throws CarrierException.ProtocolViolation {
        if (idToken.isEmpty()) {
            throw violation(ctx, "MISSING_ID_TOKEN", "the token answer has no id_token although the scope has"
                    + " openid; without it the answer is not bound to this verification's nonce");
        }
        String[] parts = idToken.get().split("\\.", -1);
        Optional<JsonNode> header = parts.length == 3
                ? Base64Url.decode(parts[0]).flatMap(Json::parse).filter(JsonNode::isObject) : Optional.empty();
        Optional<JsonNode> claims = parts.length == 3
                ? Base64Url.decode(parts[1]).flatMap(Json::parse).filter(JsonNode::isObject) : Optional.empty();
        if (header.isEmpty() || claims.isEmpty()) {
            throw violation(ctx, "MALFORMED_ID_TOKEN", "the id_token is not a JWS with a JSON header and claims set");
        }
        if (idTokenKey.isPresent()) {
            boolean signed = header.get().path("alg").asText("").equals("ES256")
                    && Base64Url.decode(parts[2]).map(sig -> Es256.verify(idTokenKey.get(),
                            parts[0] + "." + parts[1], sig)).orElse(false);
            if (!signed) {
                throw violation(ctx, "ID_TOKEN_SIGNATURE", "the id_token is not signed ES256 with the carrier key"
                        + " configured as id-token-key; a forged token, or the carrier rotated its key");
            }
        }
        JsonNode c = claims.get();
        String got = c.path("nonce").asText("");
        if (!MessageDigest.isEqual(got.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
            throw violation(ctx, "NONCE_MISMATCH", "the id_token's nonce is not this verification's");
        }
        JsonNode aud = c.path("aud");
        boolean forUs = aud.isTextual() ? aud.asText().equals(config.clientId())
                : aud.isArray() && StreamSupport.stream(aud.spliterator(), false)
                        .anyMatch(a -> a.asText().equals(config.clientId()));
        if (!forUs) {
            throw violation(ctx, "AUDIENCE_MISMATCH", "the id_token was issued to another client");
        }
        JsonNode exp = c.path("exp");
        if (!exp.canConvertToLong() || !exp.isNumber()) {
            throw violation(ctx, "MALFORMED_ID_TOKEN", "the id_token has no numeric exp");
        }
        if (exp.asLong() < config.clock().instant().minus(ID_TOKEN_LEEWAY).getEpochSecond()) {
            throw violation(ctx, "ID_TOKEN_EXPIRED", "the id_token expired");
        }
        List<String> amr = new ArrayList<>();
        c.path("amr").forEach(a -> {
            if (a.isTextual()) {
                amr.add(a.asText());
            }
        });
        return amr;
    }

    private CarrierException.ProtocolViolation violation(CallContext ctx, String code, String message) {
        return new CarrierException.ProtocolViolation(Origin.transport(profile.carrierId(), code, ctx.correlator()),
                message, null);
    }
}
