package tw.mobileauth.carrier.camara;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.carrier.camara.internal.FormEncoding;
import tw.mobileauth.carrier.camara.internal.Pkce;
import tw.mobileauth.carrier.camara.internal.RandomTokens;
import tw.mobileauth.carrier.spi.AccessNetwork;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ConcurrentCalls;
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

    static final String VERIFY_PATH = "/number-verification/v2/verify";
    static final String ROAMING_PATH = "/device-roaming-status/v1/retrieve";
    static final String NETWORK_TYPE_PATH = "/connected-network-type/v0.1/retrieve";
    /** How long a started verification may wait for its callback. */
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(NumberVerificationFlow.class);

    private final CarrierConfig config;
    private final CamaraProfile profile;
    private final CamaraClient client;
    private final TokenEndpoint tokens;
    private final ErrorMapping errors;
    private final RandomTokens random;
    private final Discovery discovery;
    private final IdTokenVerifier idTokens;

    NumberVerificationFlow(CarrierConfig config, CamaraProfile profile, CamaraClient client, TokenEndpoint tokens,
            ErrorMapping errors, RandomTokens random, Discovery discovery, IdTokenVerifier idTokens) {
        this.config = config;
        this.discovery = discovery;
        this.idTokens = idTokens;
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

    /**
     * Step 0: a challenge and the authorize URL at the discovered {@code authorization_endpoint}.
     * The only network call is reading the discovery document when it is not cached.
     * {@code login_hint} is sent only when the profile {@linkplain CamaraProfile#requiresLoginHint()
     * requires it}.
     */
    NvChallenge start(CallContext ctx, Msisdn msisdn, URI redirectUri) throws CarrierException {
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
        if (profile.requiresLoginHint()) {
            query.put("login_hint", "tel:" + msisdn.e164());
        }
        URI endpoint = discovery.current(ctx).authorizationEndpoint();
        URI authorize = URI.create(endpoint + (endpoint.getRawQuery() == null ? "?" : "&")
                + FormEncoding.encode(query));
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
        List<String> amr;
        try {
            amr = idTokens.verify(ctx, grant.idToken(), discovery.current(ctx).issuer(), challenge.nonce());
        } catch (CarrierException.ProtocolViolation e) {
            throw e;
        } catch (CarrierException e) {
            throw VerificationAdvice.advise(e, VerificationAdvice.Step.CODE_EXCHANGE);
        }
        // 4. Number verification with the 3-legged token: one attempt per API, the token is single use.
        JsonReply verified = withSingleUseToken(ctx, VERIFY_PATH, grant.accessToken(),
                profile.numberVerificationBody(challenge.msisdn()));
        NvResult result = new NvResult(verified.bool("devicePhoneNumberVerified"), NvResult.Method.NETWORK_BASED, amr,
                config.clock().instant());
        // 5. Where the device is, with the same token (both calls at once); then the token goes out of scope.
        NetworkStatus network = networkStatus(ctx, grant.accessToken());
        LOG.debug("{} number verification for {}: verified={} network={} roaming={} [x-correlator {}]",
                profile.carrierId(), challenge.msisdn(), result.verified(), network.accessNetwork(), network.roaming(),
                ctx.correlator());
        return new NvVerification(result, network);
    }

    /** Roaming status and network type, side by side; a roaming failure is reported first. */
    private NetworkStatus networkStatus(CallContext ctx, AccessToken token) throws CarrierException {
        JsonReply roaming;
        JsonReply type;
        try (ConcurrentCalls.Forked<JsonReply> networkType = client.fork(
                () -> withSingleUseToken(ctx, NETWORK_TYPE_PATH, token, Map.of()))) {
            roaming = withSingleUseToken(ctx, ROAMING_PATH, token, Map.of());
            type = networkType.join();
        }
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

    private CarrierException.ProtocolViolation violation(CallContext ctx, String code, String message) {
        return new CarrierException.ProtocolViolation(Origin.transport(profile.carrierId(), code, ctx.correlator()),
                message, null);
    }
}
