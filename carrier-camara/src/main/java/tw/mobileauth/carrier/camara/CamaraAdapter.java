package tw.mobileauth.carrier.camara;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.interfaces.ECPublicKey;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import tw.mobileauth.carrier.camara.internal.ClientAssertion;
import tw.mobileauth.carrier.camara.internal.Es256;
import tw.mobileauth.carrier.camara.internal.RandomTokens;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.ConcurrentCalls;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.carrier.spi.NvVerification;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;

/**
 * A {@link CarrierAdapter} for a carrier that speaks CAMARA, specialised by a
 * {@link CamaraProfile}. Thread-safe; one instance serves every enrolment.
 *
 * <p>What it does for every profile:
 * <ul>
 *   <li>{@code private_key_jwt} client authentication with an ES256 assertion ({@code iss} =
 *       {@code sub} = client id, {@code aud} = token URL, random {@code jti}, 60 s lifetime);</li>
 *   <li>OpenID Connect discovery: the authorization and token endpoints, the issuer and the
 *       {@code jwks_uri} come from {@code {issuer}/.well-known/openid-configuration}, where the
 *       issuer is {@link CarrierConfig#effectiveIssuer()} (the base URI unless set); the document
 *       is cached for one hour by the configured clock and read again at once when an ID token
 *       names an unknown key ({@link Discovery});</li>
 *   <li>number verification: authorization code with {@code prompt=none}, PKCE S256, 256-bit
 *       {@code state} and {@code nonce}, no {@code login_hint} unless the profile
 *       {@linkplain CamaraProfile#requiresLoginHint() requires it}, a challenge that lives 5
 *       minutes; the token answer must carry an ID token that is signed (ES256 or RS256, by the
 *       key its {@code kid} selects from the carrier's JWK set, or by the pinned
 *       {@link #ID_TOKEN_KEY}), issued by the discovered issuer, to our client id, unexpired and
 *       with our {@code nonce} ({@link IdTokenVerifier}); then NV verify, roaming status and
 *       network type (body {@code {}}) with the single 3-legged token, which is then dropped;</li>
 *   <li>client-credentials tokens cached per scope until 30 s (or a tenth of their life, if
 *       shorter) before they expire;</li>
 *   <li>{@code x-correlator} from the {@link CallContext} on every request, checked on the echo;</li>
 *   <li>every HTTP request bounded by the time left before the context's deadline and by the
 *       configured call timeout;</li>
 *   <li>idempotent calls retried up to 3 attempts on outages and 429s, waiting 100 ms doubling
 *       up to 2 s with jitter, or the carrier's {@code Retry-After} when longer, never past the
 *       deadline; the code exchange and the calls with the single-use 3-legged token (verify,
 *       roaming status, network type) are never retried.</li>
 *   <li>once the code exchange was sent, nothing of the verification is repeated: an outage, a
 *       time-out, a reset or a 429 there or with the single-use token (and a refused
 *       single-use token) is {@link CarrierException.Retry#RESTART_VERIFICATION}
 *       (the same callback cannot pass, a new verification may), and a refused code
 *       ({@code invalid_grant}) or client ({@code invalid_client}) is
 *       {@link CarrierException.Retry#NEVER}.</li>
 * </ul>
 * With no {@link CarrierConfig#httpClient()} it makes its own client with the configured
 * connect timeout and no redirect following.
 */
public final class CamaraAdapter implements CarrierAdapter {

    /**
     * The optional {@link CarrierConfig#property(String) property} pinning the carrier's ID-token
     * public key: an EC P-256 X.509 SubjectPublicKeyInfo, base64 or PEM. When set, every ID token
     * must be an ES256 JWS that verifies under it, whatever its {@code kid}; a key rotation then
     * needs a configuration change. When absent (the default), the key comes from the JWK set at
     * the discovered {@code jwks_uri}, selected by {@code kid}. Either way a signature is always
     * required: an unsigned or unverifiable ID token is refused.
     */
    public static final String ID_TOKEN_KEY = "id-token-key";

    /**
     * Threads for calls run beside the caller's (roaming status beside network type; a profile's own,
     * such as CHT's line profile beside KYC tenure): one per verification or look-up in flight, made on
     * demand and ended after 30 s idle. Beyond it, the calls run one after another.
     */
    static final int SIDE_BY_SIDE_THREADS = 32;

    private final CamaraProfile profile;
    private final Set<Capability> capabilities;
    private final CamaraClient client;
    private final NumberVerificationFlow flow;
    private volatile boolean closed;

    CamaraAdapter(CarrierConfig config, CamaraProfile profile, RetryPolicy retryPolicy, Sleeper sleeper,
            SecureRandom random) {
        this.profile = profile;
        this.capabilities = Set.copyOf(EnumSet.copyOf(profile.capabilities()));
        HttpClient http = config.httpClient().orElseGet(() -> HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build());
        Transport transport = new Transport(profile.carrierId(), config.baseUri(), http, config.clock(),
                config.callTimeout());
        ErrorMapping errors = new ErrorMapping(profile.carrierId(), profile, config.clock());
        RandomTokens tokens = new RandomTokens(random);
        RandomGenerator jitter = random;
        Retrying retrying = new Retrying(retryPolicy, sleeper, config.clock(), jitter);
        Discovery discovery = new Discovery(profile.carrierId(), config.effectiveIssuer(), transport, errors, retrying,
                config.clock());
        TokenEndpoint tokenEndpoint = new TokenEndpoint(config, transport, errors, tokens, discovery);
        this.client = new CamaraClient(transport, errors, retrying, tokenEndpoint,
                new TokenCache(profile.carrierId(), config.clock()),
                ConcurrentCalls.withThreads("camara-" + profile.carrierId(), SIDE_BY_SIDE_THREADS));
        IdTokenKeys keys = new IdTokenKeys(profile.carrierId(), pinnedKey(config), discovery, transport, errors,
                config.clock());
        this.flow = new NumberVerificationFlow(config, profile, client, tokenEndpoint, errors, tokens, discovery,
                new IdTokenVerifier(profile.carrierId(), config.clientId(), keys, config.clock()));
    }

    /**
     * {@return an adapter for {@code profile}, reached as {@code config} says}
     *
     * @param config the configuration to check or apply
     * @param profile the profile value
     * @throws IllegalArgumentException if {@link #unsupportedBecause(CarrierConfig)} finds a problem
     */
    public static CamaraAdapter create(CarrierConfig config, CamaraProfile profile) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(profile, "profile");
        Optional<String> problem = unsupportedBecause(config);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(profile.carrierId() + ": " + problem.get());
        }
        if (!profile.capabilities().contains(Capability.NUMBER_VERIFICATION)) {
            throw new IllegalArgumentException(profile.carrierId() + ": a profile must support NUMBER_VERIFICATION");
        }
        return new CamaraAdapter(config, profile, RetryPolicy.DEFAULT, Sleeper.THREAD, new SecureRandom());
    }

    private static Optional<JWK> pinnedKey(CarrierConfig config) {
        return config.property(ID_TOKEN_KEY).flatMap(Es256::parsePublicKey)
                .map(k -> new ECKey.Builder(Curve.P_256, (ECPublicKey) k).build());
    }

    /**
     * {@return why {@code config} cannot drive a CAMARA adapter, or empty when it can: its base URI and
     * issuer must be https (plain http only to 127.0.0.1, ::1 or localhost), it needs an EC P-256
     * client signing key, and {@link #ID_TOKEN_KEY}, when set, must be an EC P-256 public key}
     * The ID-token key source is then always there: the pinned key, or the {@code jwks_uri} of
     * the discovery document (which OpenID Connect Discovery requires; a document without one is
     * refused with {@code NO_ID_TOKEN_KEY} before any token is used).
     *
     * @param config the configuration to check or apply
     */
    public static Optional<String> unsupportedBecause(CarrierConfig config) {
        if (!CarrierConfig.isSecureOrLoopback(config.baseUri())) {
            return Optional.of("the base URI (CarrierConfig baseUri, setting mobileauth.carrier.<id>.base-uri) must be"
                    + " https; plain http is allowed only to 127.0.0.1, ::1 or localhost");
        }
        if (!CarrierConfig.isSecureOrLoopback(config.effectiveIssuer())) {
            return Optional.of("the issuer (CarrierConfig issuer, setting mobileauth.carrier.<id>.issuer) must be"
                    + " https; plain http is allowed only to 127.0.0.1, ::1 or localhost");
        }
        if (config.clientSigningKey().isEmpty()) {
            return Optional.of("no client signing key: set CarrierConfig.Builder.clientSigningKey to the EC P-256 "
                    + "key whose public key is registered at the carrier for private_key_jwt");
        }
        if (!ClientAssertion.canSign(config.clientSigningKey().get())) {
            return Optional.of("the client signing key is not an EC P-256 key; ES256 client assertions need one");
        }
        if (config.property(ID_TOKEN_KEY).filter(k -> Es256.parsePublicKey(k).isEmpty()).isPresent()) {
            return Optional.of("property " + ID_TOKEN_KEY + " is not an EC P-256 public key; give the carrier's"
                    + " ID-token key as base64 X.509 SubjectPublicKeyInfo (or PEM), or leave it out to use the"
                    + " carrier's JWK set");
        }
        return Optional.empty();
    }

    @Override
    public String carrierId() {
        return profile.carrierId();
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public NvChallenge startNumberVerification(CallContext ctx, Msisdn msisdn, URI redirectUri)
            throws CarrierException {
        open();
        return flow.start(ctx, msisdn, redirectUri);
    }

    @Override
    public NvVerification completeNumberVerification(CallContext ctx, NvChallenge challenge,
            Map<String, String> callbackParams) throws CarrierException {
        open();
        return flow.complete(ctx, challenge, callbackParams);
    }

    @Override
    public KycMatchResult matchSubscriber(CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
            throws CarrierException {
        require(Capability.KYC_MATCH);
        return profile.matchSubscriber(client, ctx, msisdn, claims);
    }

    @Override
    public SubscriptionAttributes subscriptionAttributes(CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
            throws CarrierException {
        require(Capability.SUBSCRIPTION_ATTRIBUTES);
        return profile.subscriptionAttributes(client, ctx, msisdn, claims);
    }

    @Override
    public SimSwapInfo simSwapInfo(CallContext ctx, Msisdn msisdn) throws CarrierException {
        if (!capabilities.contains(Capability.SIM_SWAP_DATE)) {
            require(Capability.SIM_SWAP_CHECK);
        }
        open();
        return profile.simSwapInfo(client, ctx, msisdn);
    }

    /** Drops cached tokens and ends the adapter's threads; later calls fail with {@link IllegalStateException}. Never throws. */
    @Override
    public void close() {
        closed = true;
        client.clearTokens();
        client.closeThreads();
    }

    /** The client profiles call, for tests. */
    CamaraClient client() {
        return client;
    }

    @Override
    public String toString() {
        return "CamaraAdapter[" + profile.carrierId() + ", " + capabilities + (closed ? ", closed" : "") + "]";
    }

    private void require(Capability capability) {
        open();
        if (!capabilities.contains(capability)) {
            throw new UnsupportedOperationException(profile.carrierId() + " does not declare " + capability
                    + "; check capabilities() before calling");
        }
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException(profile.carrierId() + " adapter is closed; create a new one");
        }
    }
}
