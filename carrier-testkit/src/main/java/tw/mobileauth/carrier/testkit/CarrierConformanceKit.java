package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tw.mobileauth.carrier.spi.AccessNetwork;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.MatchOutcome;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.MvnoStatus;
import tw.mobileauth.carrier.spi.NetworkStatus;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.carrier.spi.NvResult;
import tw.mobileauth.carrier.spi.NvVerification;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;

/**
 * The conformance kit every carrier adapter's tests extend. It starts one
 * {@link FakeCarrierNetworks} per test class, builds a fresh adapter for every test from
 * {@code network.configFor(profile())}, and drives it through every outcome of
 * docs/carrier-contract.md using the SPI only: matches and non-matches, every subscription attribute,
 * every network condition, every error row of §1 and every injected fault.
 *
 * <pre>{@code
 * class ChtAdapterConformanceTest extends CarrierConformanceKit {
 *     @Override protected CarrierAdapterFactory factory() { return new ChtAdapterFactory(); }
 * }
 * }</pre>
 *
 * <p>What the kit holds adapters to, beyond the SPI Javadoc (see the README's table):
 * <ul>
 *   <li>Idempotent calls (KYC match, attributes, SIM swap, client-credentials tokens) are
 *       retried on 5xx, time-outs and connection resets with bounded backoff inside the
 *       {@link CallContext} deadline; a fault that happens once is therefore invisible to the
 *       caller.</li>
 *   <li>Number verification is never repeated: the code exchange and each call with the
 *       single-use token are made once, and a transient failure there (time-out, reset, 5xx, 429,
 *       an answer lost after the carrier acted) advises
 *       {@link CarrierException.Retry#RESTART_VERIFICATION}; a new verification then succeeds.</li>
 *   <li>429 with {@code Retry-After}: when the wait fits before the deadline the adapter waits and
 *       succeeds; when it does not, the adapter raises {@link CarrierException.RateLimited} at once,
 *       retryable, with the carrier's {@code retryAfter}. {@code QUOTA_EXCEEDED} is never retried.</li>
 *   <li>401 {@code UNAUTHENTICATED} on an idempotent call is retried exactly once with a new token.</li>
 *   <li>Every exception carries the adapter's carrier id and the context's correlator; HTTP
 *       errors carry the status and the carrier's raw code.</li>
 * </ul>
 *
 * <p>Runs in about 20-25 s per adapter: the fault matrix
 * ({@link #everyFaultOnEveryEndpointTheAdapterUses()}) waits out deadlines of 250-500 ms, and one
 * test waits for a 1 s {@code Retry-After}; nothing else sleeps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CarrierConformanceKit {

    /** Where the portal's callback would be; the simulated phone never follows the redirect. */
    protected static final URI CALLBACK = URI.create("https://portal.example.test/mobileauth/callback");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT_DEADLINE = Duration.ofMillis(1500);
    private static final Duration SLACK = Duration.ofMillis(1500);
    /** The matrix's latency faults: past every matrix deadline. */
    private static final Duration MATRIX_LATENCY = Duration.ofMillis(1500);
    /** A look-up under a latency fault: one attempt fits, nothing more. */
    private static final Duration MATRIX_LOOKUP_DEADLINE = Duration.ofMillis(250);
    /**
     * Number verification under a latency fault: room for the legs before the slow one (the code
     * exchange, verify, roaming; the discovery document and the JWK set are fetched by a warm-up
     * verification first), also on a loaded machine; still well short of {@link #MATRIX_LATENCY}.
     */
    private static final Duration MATRIX_VERIFY_DEADLINE = Duration.ofMillis(600);
    /** A look-up under a persistent 5xx: room for a few retries with backoff. */
    private static final Duration MATRIX_RETRY_DEADLINE = Duration.ofMillis(500);
    private static final int[] SERVER_ERRORS = {500, 502, 503, 504};
    private static final int VISITED_COUNTRY = 440;

    private final AtomicInteger handles = new AtomicInteger();
    private MutableClock clock;
    private FakeCarrierNetworks network;
    private CarrierAdapter adapter;

    /** {@return the factory of the adapter under test} */
    protected abstract CarrierAdapterFactory factory();

    /**
     * {@return which wire profile of the fake networks the adapter speaks: {@code cht}, {@code twm} or
     * {@code fet}} Default: the factory's id. Override when a new adapter reuses a profile under
     * another id.
     */
    protected String profile() {
        return factory().id();
    }

    /**
     * {@return a hook to add carrier-specific settings to every configuration the kit builds (e.g. a
     * {@code tenure-date} property)} Default: unchanged.
     *
     * @param builder the builder value
     */
    protected CarrierConfig.Builder configure(CarrierConfig.Builder builder) {
        return builder;
    }

    /** {@return the fake networks of this test class} */
    protected final FakeCarrierNetworks network() {
        return network;
    }

    /** {@return the adapter of the current test, fresh for each test} */
    protected final CarrierAdapter adapter() {
        return adapter;
    }

    /** {@return the networks' clock: ticking with real time, movable with {@link MutableClock#advance}} */
    protected final MutableClock clock() {
        return clock;
    }

    /**
     * {@return whether the adapter's carrier requires {@code login_hint=tel:+886…} on the authorize leg}
     * Default false: none of the reference profiles does, and the hint puts the full number in a
     * link anyone holding the phone's session can read, so the kit checks it is absent.
     */
    protected boolean requiresLoginHint() {
        return false;
    }

    /** Starts the fake networks once for the test class. */
    @BeforeAll
    protected final void startFakeNetworks() {
        assertTrue(Profiles.isKnown(profile()), "the fake networks host " + Profiles.IDS + "; override profile()"
                + " to say which one '" + factory().id() + "' speaks");
        clock = MutableClock.ticking();
        network = FakeCarrierNetworks.builder().clock(clock).start();
    }

    /** Stops the fake networks and rewrites the CAMARA conformance report ({@link CamaraConformance}). */
    @AfterAll
    protected final void stopFakeNetworks() {
        if (network != null) {
            network.close();
        }
        CamaraConformance.writeReport();
    }

    /** Resets faults, log, grants and attachments, and builds a fresh adapter. */
    @BeforeEach
    protected final void freshAdapter() {
        network.reset();
        adapter = factory().create(configure(network.configFor(profile())).build());
    }

    /**
     * Closes the adapter of the test, then checks every exchange the test caused on a CAMARA
     * resource endpoint against the official definitions plus the profile's declared extensions:
     * the adapter's requests and the fake network's answers. A drift fails the test, naming the
     * operation and each violation. Answers shaped by a fault outside the definitions by design are
     * counted, not judged ({@link ConformanceLog}). Without the official definitions nothing is
     * validated ({@link #everyExchangeIsValidatedAgainstTheOfficialDefinitions()} is then skipped).
     */
    @AfterEach
    protected final void closeAdapter() {
        try {
            if (adapter != null) {
                adapter.close();
            }
        } finally {
            network.conformance().assertConforming();
        }
    }

    // =================================================================== official CAMARA definitions

    /**
     * Reported as skipped, with where to put the files, when the official CAMARA definitions are
     * absent, so a run without them never reads as validated. With them, a whole verification and
     * every look-up validate, each exchange under its own operationId.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void everyExchangeIsValidatedAgainstTheOfficialDefinitions() throws CarrierException {
        org.junit.jupiter.api.Assumptions.assumeTrue(CamaraConformance.definitionsPresent(),
                CamaraConformance::absenceMessage);
        network.conformance().take();
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        verify(defaultHandle(s), s.msisdn(), context());
        adapter.matchSubscriber(context(), s.msisdn(), claimsOf(s));
        adapter.subscriptionAttributes(context(), s.msisdn(), claimsOf(s));
        adapter.simSwapInfo(context(), s.msisdn());
        List<ConformanceLog.Entry> entries = network.conformance().check();
        assertFalse(entries.isEmpty(), "the fake network recorded no exchange");
        for (ConformanceLog.Entry e : entries) {
            assertEquals(ConformanceLog.Outcome.VALIDATED, e.outcome(), e::describe);
        }
        Set<String> operations = new java.util.TreeSet<>();
        entries.forEach(e -> operations.add(e.operation()));
        for (String op : List.of("phoneNumberVerify", "getRoamingStatus", "getConnectedNetworkType", "KYC_Match")) {
            assertTrue(operations.contains(op), op + " validated: " + operations);
        }
    }

    // =================================================================== discovery and capabilities

    /** The adapter reports its factory's id, and the factory names the carrier in zh-TW and English. */
    @Test
    public final void adapterReportsItsFactorysCarrierIdAndDisplayNames() {
        assertEquals(factory().id(), adapter.carrierId());
        assertFalse(factory().displayName(Locale.TAIWAN).isBlank(), "displayName(zh-TW) must not be blank");
        assertFalse(factory().displayName(Locale.ENGLISH).isBlank(), "displayName(en) must not be blank");
    }

    /** isSupported accepts a config with a signing key and refuses one without; create refuses what isSupported refuses. */
    @Test
    public final void factorySupportsAConfigWithASigningKeyAndRefusesOneWithout() {
        assertTrue(factory().isSupported(configure(network.configFor(profile())).build()));
        CarrierConfig noKey = configure(CarrierConfig.builder(network.baseUri(profile()), "kit-no-key")
                .clock(clock)).build();
        assertFalse(factory().isSupported(noKey), "private_key_jwt needs a client signing key");
        assertThrows(IllegalArgumentException.class, () -> factory().create(noKey));
    }

    /** capabilities() declares what the profile offers: a SIM swap date at CHT and FET, only checks at TWM. */
    @Test
    public final void capabilitiesAreWhatTheProfileOffers() {
        Set<Capability> required = EnumSet.of(Capability.NUMBER_VERIFICATION, Capability.NETWORK_STATUS,
                Capability.KYC_MATCH, Capability.SUBSCRIPTION_ATTRIBUTES,
                isTwm() ? Capability.SIM_SWAP_CHECK : Capability.SIM_SWAP_DATE);
        Set<Capability> declared = adapter.capabilities();
        assertTrue(declared.containsAll(required), "declared " + declared + " but the profile offers " + required);
        Set<Capability> allowed = EnumSet.copyOf(required);
        allowed.add(Capability.SIM_SWAP_CHECK);
        assertTrue(allowed.containsAll(declared), "declared " + declared + " beyond what the profile offers "
                + allowed);
    }

    /**
     * Every declared capability works for an eligible line.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void everyDeclaredCapabilityWorks() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        for (Capability c : adapter.capabilities()) {
            switch (c) {
                case NUMBER_VERIFICATION:
                case NETWORK_STATUS:
                    assertTrue(verify(defaultHandle(s), s.msisdn(), context()).result().verified());
                    break;
                case KYC_MATCH:
                    assertTrue(adapter.matchSubscriber(context(), s.msisdn(), claimsOf(s)).isFullMatch());
                    break;
                case SUBSCRIPTION_ATTRIBUTES:
                    assertEquals(ContractType.POSTPAID,
                            adapter.subscriptionAttributes(context(), s.msisdn(), claimsOf(s)).contractType());
                    break;
                case SIM_SWAP_DATE:
                case SIM_SWAP_CHECK:
                    assertEquals(Optional.of(false), adapter.simSwapInfo(context(), s.msisdn())
                            .changedWithin(Duration.ofHours(72), clock.instant()));
                    break;
                default:
                    fail("the kit does not know capability " + c);
            }
        }
    }

    // =================================================================== number verification

    /**
     * Starting calls nothing but the discovery document, takes the authorize URL from it, binds
     * state, nonce and an S256 challenge of the kept verifier, and sends no {@code login_hint}
     * unless the profile requires one.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void startingVerificationMakesNoCallAndBindsStateNonceAndPkce() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        NvChallenge ch = adapter.startNumberVerification(context(), s.msisdn(), CALLBACK);
        assertTrue(network.requests().all().stream().allMatch(r -> r.endpoint() == Endpoint.DISCOVERY),
                "startNumberVerification may read the discovery document, nothing else; was "
                        + network.requests().endpoints(profile()));
        String authorize = network.issuer(profile()) + Endpoint.AUTHORIZE.path();
        assertTrue(ch.authorizeUri().toString().startsWith(authorize + "?"),
                "the authorize URL must be " + authorize + "?…, was " + ch.authorizeUri().getPath());
        Map<String, String> q = query(ch.authorizeUri());
        assertEquals("code", q.get("response_type"));
        assertEquals(CALLBACK.toString(), q.get("redirect_uri"));
        assertEquals(ch.state(), q.get("state"));
        assertEquals(ch.nonce(), q.get("nonce"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(OAuthServer.s256(ch.codeVerifierSecret()), q.get("code_challenge"));
        assertEquals("none", q.get("prompt"));
        assertEquals(requiresLoginHint(), q.containsKey("login_hint"), "login_hint only where the profile requires it");
        if (!requiresLoginHint()) {
            assertFalse(ch.authorizeUri().toString().contains(s.msisdn().e164().substring(4)),
                    "the number must not be in the link");
        }
        assertFalse(ch.authorizeUri().toString().contains(ch.codeVerifierSecret()), "the verifier must stay server-side");
        Set<String> scopes = OAuthServer.scopes(q.getOrDefault("scope", ""));
        assertTrue(scopes.containsAll(List.of("openid", "number-verification:verify", "device-roaming-status:read",
                "connected-network-type:read")), "scope was " + scopes);
        assertEquals(s.msisdn(), ch.msisdn());
        assertEquals(CALLBACK, ch.redirectUri());
        assertTrue(ch.expiresAt().isAfter(clock.instant()));
        assertTrue(ch.state().length() >= 22, "state must carry at least 128 random bits");
        NvChallenge again = adapter.startNumberVerification(context(), s.msisdn(), CALLBACK);
        assertNotEquals(ch.state(), again.state());
        assertNotEquals(ch.nonce(), again.nonce());
        assertNotEquals(ch.codeVerifierSecret(), again.codeVerifierSecret());
    }

    /**
     * A phone on its own carrier's 4G verifies its number, not roaming, over G4.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aPhoneOnItsCarriers4gVerifiesItsNumber() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        NvVerification v = verify(defaultHandle(s), s.msisdn(), context());
        assertTrue(v.result().verified());
        assertEquals(NvResult.Method.NETWORK_BASED, v.result().method());
        assertEquals(AccessNetwork.G4, v.network().accessNetwork());
        assertFalse(v.network().roaming());
        assertEquals(OptionalInt.empty(), v.network().visitedCountry());
    }

    /**
     * A phone holding another number of the same carrier gives verified=false: a result, not an error.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aPhoneHoldingAnotherNumberIsAFalseResultNotAnError() throws CarrierException {
        Subscriber claimed = subscriber(Scenario.ELIGIBLE);
        Subscriber held = subscriber(Scenario.PREPAID);
        assertFalse(verify(defaultHandle(held), claimed.msisdn(), context()).result().verified());
        assertTrue(verify(defaultHandle(claimed), claimed.msisdn(), context()).result().verified());
    }

    /**
     * The single-use token is obtained by one code exchange and calls verify, then roaming and network type, once each.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void theSingleUseTokenCallsVerifyThenRoamingAndNetworkTypeOnceEach() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        verify(defaultHandle(s), s.msisdn(), context());
        List<LoggedRequest> all = network.requests().all();
        List<LoggedRequest> exchanges = codeExchanges();
        assertEquals(1, exchanges.size(), "exactly one code exchange");
        assertTrue(exchanges.get(0).body().contains("code_verifier="), "the exchange sends the PKCE verifier");
        int exchange = all.indexOf(exchanges.get(0));
        int verify = indexOfOnly(all, Endpoint.NUMBER_VERIFY);
        int roaming = indexOfOnly(all, Endpoint.ROAMING_STATUS);
        int type = indexOfOnly(all, Endpoint.NETWORK_TYPE);
        assertTrue(exchange < verify && verify < roaming && verify < type,
                "order must be exchange, verify, then the status reads; was " + network.requests().endpoints(profile()));
        for (int i : new int[] {verify, roaming, type}) {
            assertEquals(200, all.get(i).responseStatus(), all.get(i).toString());
        }
        for (int i : new int[] {roaming, type}) {
            assertEquals("{}", all.get(i).body().strip(), all.get(i).endpoint() + " is retrieved with the body {} as"
                    + " application/json: the official definitions require a body, and the 3-legged token names the"
                    + " device (§2)");
        }
    }

    /**
     * Every request of a verification carries the context's correlator.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void everyVerificationRequestCarriesTheContextsCorrelator() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        CallContext ctx = context();
        verify(defaultHandle(s), s.msisdn(), ctx);
        for (LoggedRequest r : network.requests().all()) {
            if (r.endpoint() != Endpoint.AUTHORIZE) {
                assertEquals(Optional.of(ctx.correlator()), r.correlator(), r.toString());
            }
        }
    }

    // =================================================================== ID token: issuer, signature, keys, discovery

    /** OIDC Core 3.1.3.7: an ID token whose iss is not the carrier's issuer is refused; the token is never used. */
    @Test
    public final void anIdTokenFromAnotherIssuerIsAProtocolViolation() {
        idTokenRefused(Fault.idTokenWrongIssuer(), "an ID token of another issuer");
    }

    /** An unsigned ID token (alg none) is refused whatever the configuration: a signature is always required. */
    @Test
    public final void anUnsignedIdTokenIsAProtocolViolation() {
        idTokenRefused(Fault.idTokenUnsigned(), "an unsigned ID token (alg none)");
    }

    /** An ID token whose kid the carrier does not publish is refused, even after the adapter refreshes its keys. */
    @Test
    public final void anIdTokenWithAnUnknownKidIsAProtocolViolation() {
        idTokenRefused(Fault.idTokenUnknownKid(), "an ID token signed by an unpublished key");
    }

    /** When the carrier's JWK set lacks the signing key (here: it is empty), the ID token is refused. */
    @Test
    public final void anIdTokenWhoseKeyIsMissingFromTheJwkSetIsAProtocolViolation() {
        network.faults().inject(profile(), Endpoint.JWKS,
                Fault.rawResponse(200, "application/json", "{\"keys\":[]}").times(10));
        idTokenRefused(null, "an ID token whose key the JWK set lacks");
    }

    /**
     * The carrier rotates its key (new kid in the same JWK set): the next verification passes, no restart.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aRotatedKeyIsAcceptedWithoutARestart() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        assertTrue(verify(defaultHandle(s), s.msisdn(), context()).result().verified());
        network.rotateIdTokenKey(profile(), FakeCarrierNetworks.JwksRotation.SAME_JWKS_URI);
        assertTrue(verify(defaultHandle(s), s.msisdn(), context()).result().verified(),
                "a new kid in the carrier's JWK set must be picked up without a restart");
    }

    /**
     * The carrier rotates to a new jwks_uri: the adapter finds it by reading the discovery document again.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aRotatedJwksUriIsPickedUpThroughADiscoveryRefresh() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        assertTrue(verify(defaultHandle(s), s.msisdn(), context()).result().verified());
        int discoveries = network.requests().of(profile(), Endpoint.DISCOVERY).size();
        network.rotateIdTokenKey(profile(), FakeCarrierNetworks.JwksRotation.NEW_JWKS_URI);
        assertTrue(verify(defaultHandle(s), s.msisdn(), context()).result().verified(),
                "a key at a new jwks_uri must be found through the discovery document");
        assertTrue(network.requests().of(profile(), Endpoint.DISCOVERY).size() > discoveries,
                "the discovery document must be read again after an unknown kid");
    }

    /**
     * A carrier whose discovery document puts the authorization server on another loopback port
     * works end to end: the authorize URL, the code exchange and the client-credentials token all
     * go there, and nothing is sent to the API port's OAuth paths (which answer 404).
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anAuthorizationServerOnAnotherPortWorksEndToEnd() throws CarrierException {
        try (FakeCarrierNetworks split = FakeCarrierNetworks.builder().clock(clock).separateAuthorizationServer()
                .start()) {
            assertNotEquals(split.baseUri(profile()).getPort(), split.issuer(profile()).getPort());
            try (CarrierAdapter other = factory().create(configure(split.configFor(profile())).build())) {
                Subscriber s = split.subscribers().find(profile(), Scenario.ELIGIBLE);
                CallContext ctx = context();
                NvChallenge ch = other.startNumberVerification(ctx, s.msisdn(), CALLBACK);
                assertEquals(split.issuer(profile()).getPort(), ch.authorizeUri().getPort(),
                        "the authorize URL comes from the discovery document");
                Map<String, String> cb = split.phone(defaultHandle(s)).open(ch.authorizeUri());
                assertTrue(other.completeNumberVerification(ctx, ch, cb).result().verified());
                assertTrue(other.matchSubscriber(context(), s.msisdn(), claimsOf(s)).isFullMatch());
                assertTrue(split.requests().all().stream().filter(r -> r.endpoint() == Endpoint.OTHER).findAny()
                        .isEmpty(), "nothing was sent where the carrier serves nothing: " + split.requests().all());
            }
        }
    }

    /** One verification whose ID token {@code fault} spoils (or, with null, whose keys are spoilt already). */
    private void idTokenRefused(Fault fault, String what) {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        CallContext ctx = context();
        NvChallenge ch;
        Map<String, String> cb;
        try {
            ch = adapter.startNumberVerification(ctx, s.msisdn(), CALLBACK);
            cb = network.phone(defaultHandle(s)).open(ch.authorizeUri());
        } catch (CarrierException e) {
            throw new AssertionError("starting failed before the ID token was reached", e);
        }
        if (fault != null) {
            network.faults().inject(profile(), Endpoint.TOKEN, fault);
        }
        NvChallenge challenge = ch;
        CarrierException e = expectFailure(CarrierException.ProtocolViolation.class, ctx,
                () -> adapter.completeNumberVerification(ctx, challenge, cb));
        assertFalse(e.isRetryable(), what + " must never be retried");
        assertTrue(network.requests().of(profile(), Endpoint.NUMBER_VERIFY).isEmpty(),
                what + ": the token must not be used");
    }

    /**
     * A phone on Wi-Fi raises NotOnMobileNetwork (user action) without exchanging anything; on 4G it verifies.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aPhoneOnWifiRaisesNotOnMobileNetwork() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        String handle = attach(s.msisdn(), Access.wifi());
        CallContext ctx = context();
        CarrierException e = expectFailure(CarrierException.NotOnMobileNetwork.class, ctx,
                () -> verify(handle, s.msisdn(), ctx));
        assertEquals(CarrierException.Retry.AFTER_USER_ACTION, e.retry());
        assertTrue(codeExchanges().isEmpty(), "nothing to exchange after access_denied");
        network.attachments().attach(handle, s.msisdn(), Access.g4());
        assertTrue(verify(handle, s.msisdn(), context()).result().verified());
    }

    /** A phone whose data goes over another carrier's network raises NotOnMobileNetwork. */
    @Test
    public final void aPhoneOnAnotherCarriersNetworkRaisesNotOnMobileNetwork() {
        Subscriber own = subscriber(Scenario.ELIGIBLE);
        Subscriber foreign = network.subscribers().find(otherCarrier(), Scenario.ELIGIBLE);
        CallContext ctx = context();
        expectFailure(CarrierException.NotOnMobileNetwork.class, ctx,
                () -> verify(defaultHandle(foreign), foreign.msisdn(), ctx));
        String dualSim = attach(own.msisdn(), Access.otherCarrier(otherCarrier()));
        CallContext ctx2 = context();
        expectFailure(CarrierException.NotOnMobileNetwork.class, ctx2, () -> verify(dualSim, own.msisdn(), ctx2));
    }

    /**
     * Roaming is reported as a fact, with the visited country; it is not an error.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void roamingIsReportedWithTheVisitedCountry() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        NetworkStatus abroad = verify(attach(s.msisdn(), Access.roaming(VISITED_COUNTRY, false)), s.msisdn(),
                context()).network();
        assertTrue(abroad.roaming());
        assertEquals(OptionalInt.of(VISITED_COUNTRY), abroad.visitedCountry());
        assertEquals(AccessNetwork.G4, abroad.accessNetwork());
        NetworkStatus home = verify(defaultHandle(s), s.msisdn(), context()).network();
        assertFalse(home.roaming());
    }

    /**
     * 3G is reported as G3.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void threeGIsReportedAsG3() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        NvVerification v = verify(attach(s.msisdn(), Access.g3()), s.msisdn(), context());
        assertTrue(v.result().verified());
        assertEquals(AccessNetwork.G3, v.network().accessNetwork());
    }

    /**
     * 4G and 5G are reported as G4 and G5.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void fourGAndFiveGAreReportedAsSuch() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        assertEquals(AccessNetwork.G4, verify(attach(s.msisdn(), Access.g4()), s.msisdn(), context())
                .network().accessNetwork());
        assertEquals(AccessNetwork.G5, verify(attach(s.msisdn(), Access.g5()), s.msisdn(), context())
                .network().accessNetwork());
    }

    /**
     * A callback whose state is not the challenge's is a ProtocolViolation, and no code is exchanged.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aForeignStateInTheCallbackIsAProtocolViolation() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        network.faults().inject(profile(), Endpoint.AUTHORIZE, Fault.invalidState());
        CallContext ctx = context();
        expectFailure(CarrierException.ProtocolViolation.class, ctx, () -> verify(defaultHandle(s), s.msisdn(), ctx));
        NvChallenge ch = adapter.startNumberVerification(ctx, s.msisdn(), CALLBACK);
        Map<String, String> callback = new java.util.HashMap<>(network.phone(defaultHandle(s)).open(ch.authorizeUri()));
        callback.put("state", ch.state() + "x");
        expectFailure(CarrierException.ProtocolViolation.class, ctx,
                () -> adapter.completeNumberVerification(ctx, ch, Map.copyOf(callback)));
        assertTrue(codeExchanges().isEmpty(), "a code under a foreign state must never be exchanged");
    }

    /** consent_required, login_required and a plain access_denied in the callback raise ConsentRequired. */
    @Test
    public final void consentErrorsInTheCallbackRaiseConsentRequired() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        for (String error : List.of("consent_required", "login_required", "access_denied")) {
            network.faults().inject(profile(), Endpoint.AUTHORIZE, Fault.oauthError(400, error));
            CallContext ctx = context();
            CarrierException e = expectFailure(CarrierException.ConsentRequired.class, ctx,
                    () -> verify(defaultHandle(s), s.msisdn(), ctx));
            assertEquals(CarrierException.Retry.AFTER_USER_ACTION, e.retry(), error);
        }
    }

    /**
     * invalid_grant and invalid_client at the code exchange raise AuthenticationFailed that is
     * never retried (there is no token to renew and a refused code stays refused); the exchange is
     * not repeated.
     */
    @Test
    public final void aRefusedCodeExchangeRaisesAuthenticationFailedThatIsNeverRetried() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        for (String error : List.of("invalid_grant", "invalid_client")) {
            network.requests().clear();
            network.faults().inject(profile(), Endpoint.TOKEN, Fault.oauthError(error.equals("invalid_client")
                    ? 401 : 400, error));
            CallContext ctx = context();
            CarrierException e = expectFailure(CarrierException.AuthenticationFailed.class, ctx,
                    () -> verify(defaultHandle(s), s.msisdn(), ctx));
            assertEquals(error, e.code(), "the raw OAuth error is the code");
            assertEquals(CarrierException.Retry.NEVER, e.retry(), error + " at the code exchange: no new token helps");
            assertFalse(e.isRetryable());
            assertEquals(1, codeExchanges().size(), "a code is exchanged at most once");
        }
    }

    /** invalid_request and invalid_scope at the code exchange raise InvalidRequest. */
    @Test
    public final void aMalformedCodeExchangeRaisesInvalidRequest() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        for (String error : List.of("invalid_request", "invalid_scope")) {
            network.faults().inject(profile(), Endpoint.TOKEN, Fault.oauthError(400, error));
            CallContext ctx = context();
            CarrierException e = expectFailure(CarrierException.InvalidRequest.class, ctx,
                    () -> verify(defaultHandle(s), s.msisdn(), ctx));
            assertEquals(CarrierException.Retry.NEVER, e.retry());
        }
    }

    /**
     * An ID token whose nonce is not this verification's (a token minted for another one) is a
     * ProtocolViolation, and the 3-legged token is not used.
     */
    @Test
    public final void anIdTokenWithAnotherNonceIsAProtocolViolation() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        network.faults().inject(profile(), Endpoint.TOKEN, Fault.wrongNonce());
        CallContext ctx = context();
        expectFailure(CarrierException.ProtocolViolation.class, ctx, () -> verify(defaultHandle(s), s.msisdn(), ctx));
        assertTrue(network.requests().of(profile(), Endpoint.NUMBER_VERIFY).isEmpty(),
                "a token not bound to this verification's nonce must not be used");
    }

    /** A token answer without an id_token, although the scope has openid, is a ProtocolViolation. */
    @Test
    public final void aTokenAnswerWithoutAnIdTokenIsAProtocolViolation() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        network.faults().inject(profile(), Endpoint.TOKEN, Fault.rawResponse(200, Reply.JSON,
                "{\"access_token\":\"kit-no-id-token\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                        + "\"scope\":\"openid number-verification:verify\"}"));
        CallContext ctx = context();
        expectFailure(CarrierException.ProtocolViolation.class, ctx, () -> verify(defaultHandle(s), s.msisdn(), ctx));
        assertTrue(network.requests().of(profile(), Endpoint.NUMBER_VERIFY).isEmpty(),
                "without an id_token the answer is not bound to this verification");
    }

    /** 403 USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK from verify raises NotOnMobileNetwork. */
    @Test
    public final void verifyRefusedForTheMobileNetworkRaisesNotOnMobileNetwork() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        network.faults().inject(profile(), Endpoint.NUMBER_VERIFY,
                Fault.error(403, "NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK"));
        CallContext ctx = context();
        CarrierException e = expectFailure(CarrierException.NotOnMobileNetwork.class, ctx,
                () -> verify(defaultHandle(s), s.msisdn(), ctx));
        assertEquals(OptionalInt.of(403), e.httpStatus());
    }

    /** Malformed JSON, or JSON without devicePhoneNumberVerified, from verify is a ProtocolViolation. */
    @Test
    public final void aBrokenVerifyAnswerIsAProtocolViolation() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        for (Fault fault : List.of(Fault.malformedJson(), Fault.rawResponse(200, Reply.JSON, "{}"))) {
            network.faults().inject(profile(), Endpoint.NUMBER_VERIFY, fault);
            CallContext ctx = context();
            expectFailure(CarrierException.ProtocolViolation.class, ctx, () -> verify(defaultHandle(s), s.msisdn(), ctx));
        }
    }

    /** A wrong x-correlator echo on the verify leg is a ProtocolViolation. */
    @Test
    public final void aWrongCorrelatorOnTheVerifyLegIsAProtocolViolation() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        network.faults().inject(profile(), Endpoint.NUMBER_VERIFY, Fault.wrongCorrelator());
        CallContext ctx = context();
        expectFailure(CarrierException.ProtocolViolation.class, ctx, () -> verify(defaultHandle(s), s.msisdn(), ctx));
    }

    // =================================================================== KYC match

    /**
     * The holder's own claims match on every field, and the request forwards them as typed.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void theHoldersOwnClaimsMatchOnEveryField() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        KycMatchResult r = adapter.matchSubscriber(context(), s.msisdn(), claimsOf(s));
        assertTrue(r.isFullMatch(), r.toString());
        assertEquals(OptionalInt.empty(), r.nameScore());
        JsonNode body = lastKycBody();
        assertEquals(s.msisdn().e164(), body.path("phoneNumber").asText());
        assertEquals(s.holderId(), body.path("idDocument").asText());
        assertEquals("national_id_card", body.path("idDocumentType").asText());
        assertEquals(s.name(), body.path("name").asText());
        assertEquals(s.birthDate().toString(), body.path("birthdate").asText());
    }

    /**
     * A wrong ID is a NO_MATCH result; FET gates on the ID, so its other fields are NOT_AVAILABLE.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aWrongIdDocumentIsANoMatchResultNotAnError() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        String otherId = subscriber(Scenario.PREPAID).holderId();
        KycMatchResult r = adapter.matchSubscriber(context(), s.msisdn(),
                new SubscriberClaims(otherId, s.holderIdType(), s.name(), s.birthDate()));
        assertEquals(MatchOutcome.NO_MATCH, r.idDocument());
        MatchOutcome others = isFet() ? MatchOutcome.NOT_AVAILABLE : MatchOutcome.MATCH;
        assertEquals(others, r.name());
        assertEquals(others, r.birthDate());
        assertEquals(OptionalInt.empty(), r.nameScore());
    }

    /**
     * A wrong name is NO_MATCH with the carrier's score passed through; the other fields still match.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aWrongNameIsANoMatchWithTheCarriersScore() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        String wrong = replaceLast(s.name(), s.name().endsWith("同") ? "異" : "同");
        KycMatchResult r = adapter.matchSubscriber(context(), s.msisdn(),
                new SubscriberClaims(s.holderId(), s.holderIdType(), wrong, s.birthDate()));
        assertEquals(MatchOutcome.NO_MATCH, r.name());
        assertEquals(OptionalInt.of(NameKey.score(s.name(), wrong)), r.nameScore());
        assertEquals(MatchOutcome.MATCH, r.idDocument());
        assertEquals(MatchOutcome.MATCH, r.birthDate());
    }

    /**
     * A wrong birth date is NO_MATCH; the other fields still match.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aWrongBirthDateIsANoMatch() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        KycMatchResult r = adapter.matchSubscriber(context(), s.msisdn(),
                new SubscriberClaims(s.holderId(), s.holderIdType(), s.name(), s.birthDate().plusDays(1)));
        assertEquals(MatchOutcome.NO_MATCH, r.birthDate());
        assertEquals(MatchOutcome.MATCH, r.idDocument());
        assertEquals(MatchOutcome.MATCH, r.name());
    }

    /**
     * Names match by the comparison key: spaces, full-width spaces and every middle-dot variant are equal.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void namesMatchByTheComparisonKey() throws CarrierException {
        for (Scenario sc : List.of(Scenario.ELIGIBLE, Scenario.NAME_EXT_B, Scenario.NAME_COMPATIBILITY_IDEOGRAPH,
                Scenario.NAME_VARIANT_CHARACTER, Scenario.NAME_MIDDLE_DOT)) {
            Subscriber s = subscriber(sc);
            assertEquals(MatchOutcome.MATCH, nameOutcome(s, s.name()), sc + " as registered");
            assertEquals(MatchOutcome.MATCH, nameOutcome(s, " " + s.name() + "\u3000"), sc + " with spaces");
        }
        Subscriber dotted = subscriber(Scenario.NAME_MIDDLE_DOT);
        for (String dot : List.of("\u00b7", "\u2027", "\u30fb", "\uff65", "\uff0e", ".")) {
            String variant = dotted.name().replaceAll("[\u00b7\u2027\u30fb\uff65\uff0e.]", dot);
            assertEquals(MatchOutcome.MATCH, nameOutcome(dotted, variant), "middle dot U+"
                    + Integer.toHexString(dot.codePointAt(0)));
        }
    }

    /**
     * Variant characters, compatibility ideographs and Ext-B characters are never folded or normalised.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void variantsCompatibilityIdeographsAndExtBAreNeverFolded() throws CarrierException {
        Subscriber variant = subscriber(Scenario.NAME_VARIANT_CHARACTER);
        String folded = variant.name().replace('峯', '峰').replace('羣', '群');
        assertNotEquals(variant.name(), folded, "the fixture's variant name has 峯 or 羣");
        assertEquals(MatchOutcome.NO_MATCH, nameOutcome(variant, folded), "峯/羣 must not be folded to 峰/群");

        Subscriber compat = subscriber(Scenario.NAME_COMPATIBILITY_IDEOGRAPH);
        assertEquals(MatchOutcome.MATCH, nameOutcome(compat, compat.name()));
        assertEquals(compat.name(), lastKycBody().path("name").asText(), "U+FA0C must be forwarded, not normalised");
        String nfkc = java.text.Normalizer.normalize(compat.name(), java.text.Normalizer.Form.NFKC);
        assertNotEquals(compat.name(), nfkc);
        assertEquals(MatchOutcome.NO_MATCH, nameOutcome(compat, nfkc), "U+5140 is not the registered U+FA0C");

        Subscriber extB = subscriber(Scenario.NAME_EXT_B);
        assertEquals(MatchOutcome.MATCH, nameOutcome(extB, extB.name()));
        assertEquals(extB.name(), lastKycBody().path("name").asText(), "a surrogate pair must survive the wire");
        assertEquals(MatchOutcome.NO_MATCH, nameOutcome(extB, extB.name().replace("\uD840\uDC0B", "丁")),
                "a substitute for 𠀋 must not match");
    }

    /** A number another carrier serves raises SubscriberNotFound (404 IDENTIFIER_NOT_FOUND), never retried. */
    @Test
    public final void aNumberAtAnotherCarrierRaisesSubscriberNotFound() {
        Subscriber foreign = network.subscribers().find(otherCarrier(), Scenario.ELIGIBLE);
        CallContext ctx = context();
        CarrierException e = expectFailure(CarrierException.SubscriberNotFound.class, ctx,
                () -> adapter.matchSubscriber(ctx, foreign.msisdn(), claimsOf(foreign)));
        assertHttp(e, 404, "IDENTIFIER_NOT_FOUND");
        assertEquals(CarrierException.Retry.NEVER, e.retry());
        CallContext ctx2 = context();
        expectFailure(CarrierException.SubscriberNotFound.class, ctx2,
                () -> adapter.subscriptionAttributes(ctx2, foreign.msisdn(), claimsOf(foreign)));
        CallContext ctx3 = context();
        expectFailure(CarrierException.SubscriberNotFound.class, ctx3, () -> adapter.simSwapInfo(ctx3, foreign.msisdn()));
    }

    /**
     * A suspended line raises ServiceNotApplicable with the carrier's 422 code (CHT.SUBSCRIBER_SUSPENDED at CHT).
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aSuspendedLineRaisesServiceNotApplicable() throws CarrierException {
        Subscriber s = subscriber(Scenario.SUSPENDED);
        CallContext ctx = context();
        CarrierException e = expectFailure(CarrierException.ServiceNotApplicable.class, ctx,
                () -> adapter.matchSubscriber(ctx, s.msisdn(), claimsOf(s)));
        assertHttp(e, 422, Profiles.suspendedCode(profile()));
        assertEquals(CarrierException.Retry.NEVER, e.retry());
        CallContext ctx2 = context();
        expectFailure(CarrierException.ServiceNotApplicable.class, ctx2,
                () -> adapter.subscriptionAttributes(ctx2, s.msisdn(), claimsOf(s)));
        Subscriber fine = subscriber(Scenario.ELIGIBLE);
        assertTrue(adapter.matchSubscriber(context(), fine.msisdn(), claimsOf(fine)).isFullMatch());
    }

    // =================================================================== subscription attributes

    /**
     * An eligible line is postpaid, personal (or unknown where the wire is silent), primary and not MVNO.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anEligibleLineIsPostpaidPersonalPrimaryAndNotMvno() throws CarrierException {
        assertAttributes(Scenario.ELIGIBLE);
    }

    /**
     * A prepaid line is reported PREPAID.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aPrepaidLineIsReportedPrepaid() throws CarrierException {
        assertEquals(ContractType.PREPAID, assertAttributes(Scenario.PREPAID).contractType());
    }

    /**
     * A business contract is reported as an enterprise line, never as personal.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aBusinessContractIsReportedAsEnterprise() throws CarrierException {
        assertEnterprise(assertAttributes(Scenario.BUSINESS));
    }

    /**
     * An enterprise holder is reported as an enterprise line, never as personal.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anEnterpriseHolderIsReportedAsEnterprise() throws CarrierException {
        assertEnterprise(assertAttributes(Scenario.ENTERPRISE_HOLDER));
    }

    /**
     * A parent-child line is reported PARENT_CHILD.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aParentChildLineIsReportedParentChild() throws CarrierException {
        assertEquals(tw.mobileauth.carrier.spi.LineRole.PARENT_CHILD, assertAttributes(Scenario.PARENT_CHILD).lineRole());
    }

    /**
     * A family plan's member line is reported FAMILY_SUB_LINE.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aFamilySubLineIsReportedFamilySubLine() throws CarrierException {
        assertEquals(tw.mobileauth.carrier.spi.LineRole.FAMILY_SUB_LINE,
                assertAttributes(Scenario.FAMILY_SUB_LINE).lineRole());
    }

    /**
     * An MVNO line is reported MVNO YES, with its brand where the wire carries one (CHT, FET).
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anMvnoLineIsReportedWithItsBrand() throws CarrierException {
        assertEquals(MvnoStatus.YES, assertAttributes(Scenario.MVNO).mvno());
    }

    /**
     * Every call goes to a path the profile defines, and a carrier extension to exactly the
     * carrier's base URI plus its documented path, e.g. {@code {base}/cht/line-profile/v1/retrieve}.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void extensionsAreCalledAtTheBaseUriPlusTheirDocumentedPath() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        adapter.subscriptionAttributes(context(), s.msisdn(), claimsOf(s));
        String base = network.baseUri(profile()).getPath();
        for (LoggedRequest r : network.requests().all()) {
            assertNotEquals(Endpoint.OTHER, r.endpoint(), "a path the profile does not define: " + r.path());
        }
        for (Endpoint extension : List.of(Endpoint.CHT_LINE_PROFILE, Endpoint.TWM_SUBSCRIPTION)) {
            if (extension.servedBy(profile())) {
                List<LoggedRequest> calls = network.requests().of(profile(), extension);
                assertFalse(calls.isEmpty(), extension + " carries attributes at " + profile());
                calls.forEach(r -> assertEquals(base + extension.path(), r.path()));
            }
        }
    }

    // =================================================================== SIM swap

    /**
     * A SIM change 20 hours ago is reported as a change within 72 hours (TWM: at least within 720 hours).
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aRecentSimSwapIsReportedAsRecent() throws CarrierException {
        Subscriber s = subscriber(Scenario.RECENT_SIM_SWAP);
        SimSwapInfo info = adapter.simSwapInfo(context(), s.msisdn());
        Instant now = clock.instant();
        assertConsistent(info, s, now);
        if (isTwm()) {
            assertEquals(Optional.of(true), info.changedWithin(Duration.ofHours(720), now), info.toString());
        } else {
            assertEquals(Optional.of(true), info.changedWithin(Duration.ofHours(72), now), info.toString());
            assertEquals(s.lastSimChange().map(t -> t.truncatedTo(ChronoUnit.SECONDS)), info.latestSimChange());
        }
    }

    /**
     * A SIM change 400 days ago is reported as no change within 72 hours.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anOldSimChangeIsNotReportedAsRecent() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        SimSwapInfo info = adapter.simSwapInfo(context(), s.msisdn());
        Instant now = clock.instant();
        assertConsistent(info, s, now);
        assertEquals(Optional.of(false), info.changedWithin(Duration.ofHours(72), now), info.toString());
    }

    // =================================================================== error rows of §1 (on KYC match, an idempotent call)

    /**
     * 400 INVALID_ARGUMENT and KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION (on KYC match) and 400
     * OUT_OF_RANGE (on SIM swap, whose definition declares it; KYC Match 0.4.0 does not) raise
     * InvalidRequest and are never retried.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void badRequestsRaiseInvalidRequestAndAreNeverRetried() throws CarrierException {
        for (String code : List.of("INVALID_ARGUMENT", "KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION")) {
            CarrierException e = failsOnKycOnce(CarrierException.InvalidRequest.class, Fault.error(400, code));
            assertHttp(e, 400, code);
            assertEquals(CarrierException.Retry.NEVER, e.retry());
        }
        CarrierException e = failsOnSimSwapOnce(CarrierException.InvalidRequest.class, Fault.error(400, "OUT_OF_RANGE"));
        assertHttp(e, 400, "OUT_OF_RANGE");
        assertEquals(CarrierException.Retry.NEVER, e.retry());
        assertKycSucceeds();
    }

    /**
     * A single 401 UNAUTHENTICATED is retried once with a new token and the call succeeds.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aRefusedTokenIsRetriedOnceWithANewToken() throws CarrierException {
        network.faults().inject(profile(), Endpoint.KYC_MATCH, Fault.error(401, "UNAUTHENTICATED"));
        assertKycSucceeds();
        List<LoggedRequest> all = network.requests().all();
        List<LoggedRequest> kyc = kycCalls();
        assertEquals(2, kyc.size(), "one retry");
        boolean newToken = all.subList(all.indexOf(kyc.get(0)), all.indexOf(kyc.get(1))).stream()
                .anyMatch(r -> r.endpoint() == Endpoint.TOKEN && r.responseStatus() == 200);
        assertTrue(newToken, "the retry uses a new token: " + network.requests().endpoints(profile()));
    }

    /** A persistent 401 UNAUTHENTICATED raises AuthenticationFailed after exactly one retry. */
    @Test
    public final void aPersistentlyRefusedTokenRaisesAuthenticationFailed() {
        network.faults().inject(profile(), Endpoint.KYC_MATCH, Fault.error(401, "UNAUTHENTICATED").times(5));
        CarrierException e = kycFails(CarrierException.AuthenticationFailed.class, context());
        assertHttp(e, 401, "UNAUTHENTICATED");
        assertEquals(CarrierException.Retry.WITH_NEW_TOKEN, e.retry());
        assertEquals(2, kycCalls().size(), "retried once, with a new token");
    }

    /**
     * A client assertion signed with an unregistered key raises AuthenticationFailed (invalid_client).
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aRefusedClientAssertionRaisesAuthenticationFailed() throws CarrierException {
        CarrierConfig config = configure(network.configFor(profile())).clientSigningKey(unregisteredKey()).build();
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        try (CarrierAdapter stranger = factory().create(config)) {
            CallContext ctx = context();
            CarrierException e = expectFailure(CarrierException.AuthenticationFailed.class, ctx,
                    () -> stranger.matchSubscriber(ctx, s.msisdn(), claimsOf(s)));
            assertEquals("invalid_client", e.code());
        }
        assertKycSucceeds();
    }

    /**
     * After the 300 s token lifetime the adapter gets a new token without the caller noticing.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anExpiredTokenIsReplacedWithoutTheCallerNoticing() throws CarrierException {
        assertKycSucceeds();
        clock.advance(Duration.ofSeconds(OAuthServer.TOKEN_LIFETIME_SECONDS + 1));
        assertKycSucceeds();
    }

    /**
     * 403 PERMISSION_DENIED and INVALID_TOKEN_CONTEXT raise PermissionDenied and are never retried.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void permissionDeniedIsNeverRetried() throws CarrierException {
        for (String code : List.of("PERMISSION_DENIED", "INVALID_TOKEN_CONTEXT")) {
            assertHttp(failsOnKycOnce(CarrierException.PermissionDenied.class, Fault.error(403, code)), 403, code);
        }
        assertKycSucceeds();
    }

    /**
     * 404 NOT_FOUND raises SubscriberNotFound and is never retried.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void notFoundRaisesSubscriberNotFound() throws CarrierException {
        assertHttp(failsOnKycOnce(CarrierException.SubscriberNotFound.class, Fault.error(404, "NOT_FOUND")),
                404, "NOT_FOUND");
        assertKycSucceeds();
    }

    /**
     * 422 SERVICE_NOT_APPLICABLE raises ServiceNotApplicable and is never retried.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void serviceNotApplicableIsNeverRetried() throws CarrierException {
        assertHttp(failsOnKycOnce(CarrierException.ServiceNotApplicable.class,
                Fault.error(422, "SERVICE_NOT_APPLICABLE")), 422, "SERVICE_NOT_APPLICABLE");
        assertKycSucceeds();
    }

    /**
     * A 429 with Retry-After: 1 once is honoured: the adapter waits at least 1 s, retries and succeeds.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aRateLimitOnceIsHonouredAndTheCallSucceeds() throws CarrierException {
        network.faults().inject(profile(), Endpoint.KYC_MATCH, Fault.rateLimited(Duration.ofSeconds(1)));
        assertKycSucceeds();
        List<LoggedRequest> kyc = kycCalls();
        assertEquals(2, kyc.size());
        Duration waited = Duration.between(kyc.get(0).at(), kyc.get(1).at());
        assertTrue(waited.compareTo(Duration.ofMillis(950)) >= 0, "Retry-After: 1 was not honoured, waited " + waited);
    }

    /** A Retry-After beyond the deadline raises retryable RateLimited with the carrier's retryAfter, without waiting. */
    @Test
    public final void aRateLimitBeyondTheDeadlineRaisesRateLimitedWithRetryAfter() {
        network.faults().inject(profile(), Endpoint.KYC_MATCH, Fault.rateLimited(Duration.ofSeconds(30)).times(3));
        long start = System.nanoTime();
        CarrierException e = kycFails(CarrierException.RateLimited.class, context(SHORT_DEADLINE));
        assertWithinDeadline(start);
        assertHttp(e, 429, "TOO_MANY_REQUESTS");
        assertTrue(e.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter());
    }

    /**
     * 429 QUOTA_EXCEEDED raises RateLimited that is not retryable, and is never retried.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void quotaExceededIsRateLimitedAndNeverRetried() throws CarrierException {
        CarrierException e = failsOnKycOnce(CarrierException.RateLimited.class, Fault.error(429, "QUOTA_EXCEEDED"));
        assertHttp(e, 429, "QUOTA_EXCEEDED");
        assertFalse(e.isRetryable());
        assertKycSucceeds();
    }

    /**
     * A single 503 is retried and the call succeeds.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aServerErrorOnceIsRetriedAndSucceeds() throws CarrierException {
        network.faults().inject(profile(), Endpoint.KYC_MATCH, Fault.status(503));
        assertKycSucceeds();
        assertEquals(2, kycCalls().size());
    }

    /**
     * Latency within the deadline is simply waited for.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void latencyWithinTheDeadlineIsWaitedFor() throws CarrierException {
        network.faults().inject(profile(), Endpoint.KYC_MATCH, Fault.latency(Duration.ofMillis(300)));
        assertKycSucceeds();
    }

    /**
     * An error body that is not ErrorInfo (an HTML page) is a ProtocolViolation.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anErrorBodyThatIsNotErrorInfoIsAProtocolViolation() throws CarrierException {
        failsOnKycOnce(CarrierException.ProtocolViolation.class,
                Fault.rawResponse(400, "text/html", "<html><body><h1>400 Bad Request</h1></body></html>"));
        assertKycSucceeds();
    }

    /**
     * An unknown code falls back to its status: 403 → PermissionDenied, 404 → SubscriberNotFound.
     * Not 422: an unknown 422 code is a ProtocolViolation, because only SERVICE_NOT_APPLICABLE and
     * the profile's documented codes may become a policy outcome.
     */
    @Test
    public final void anUnknownCodeFallsBackToItsStatus() {
        // Codes no definition lists: off-spec on purpose, so schema validation counts them as fault-injected.
        assertHttp(failsOnKycOnce(CarrierException.PermissionDenied.class, Fault.error(403, "KIT.UNKNOWN").offSpec()),
                403, "KIT.UNKNOWN");
        assertHttp(failsOnKycOnce(CarrierException.SubscriberNotFound.class, Fault.error(404, "KIT.UNKNOWN").offSpec()),
                404, "KIT.UNKNOWN");
        assertHttp(failsOnKycOnce(CarrierException.ProtocolViolation.class, Fault.error(422, "KIT.UNKNOWN").offSpec()),
                422, "KIT.UNKNOWN");
    }

    /**
     * 422 MISSING_IDENTIFIER, UNNECESSARY_IDENTIFIER and UNSUPPORTED_IDENTIFIER mean the adapter
     * sent the wrong identifier: InvalidRequest (alert), never ServiceNotApplicable, which a
     * portal would show a person as a policy outcome.
     */
    @Test
    public final void identifierErrorsAreInvalidRequestNeverAPolicyOutcome() {
        // Each where its definition declares it: KYC Match 0.4.0 has only MISSING_IDENTIFIER, SIM Swap
        // 2.1.0 adds UNNECESSARY_IDENTIFIER, only the device-status APIs have UNSUPPORTED_IDENTIFIER.
        assertHttp(failsOnKycOnce(CarrierException.InvalidRequest.class, Fault.error(422, "MISSING_IDENTIFIER")),
                422, "MISSING_IDENTIFIER");
        assertHttp(failsOnSimSwapOnce(CarrierException.InvalidRequest.class, Fault.error(422, "UNNECESSARY_IDENTIFIER")),
                422, "UNNECESSARY_IDENTIFIER");
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        network.faults().inject(profile(), Endpoint.ROAMING_STATUS, Fault.error(422, "UNSUPPORTED_IDENTIFIER"));
        CallContext ctx = context();
        assertHttp(expectFailure(CarrierException.InvalidRequest.class, ctx,
                () -> verify(defaultHandle(s), s.msisdn(), ctx)), 422, "UNSUPPORTED_IDENTIFIER");
        assertEquals(1, network.requests().of(profile(), Endpoint.ROAMING_STATUS).size(), "never retried");
    }

    /**
     * An unknown code on a status the profile never uses (418, or a 5xx other than 500, 502, 503
     * and 504) is a ProtocolViolation, never retried.
     */
    @Test
    public final void anUnknownCodeOnAnUnexpectedStatusIsAProtocolViolation() {
        failsOnKycOnce(CarrierException.ProtocolViolation.class, Fault.error(418, "KIT.TEAPOT").offSpec());
        failsOnKycOnce(CarrierException.ProtocolViolation.class, Fault.error(501, "NOT_IMPLEMENTED"));
        failsOnKycOnce(CarrierException.ProtocolViolation.class, Fault.error(507, "KIT.INSUFFICIENT_STORAGE").offSpec());
    }

    /** Connection resets that persist raise retryable CarrierUnavailable (no HTTP status) within the deadline. */
    @Test
    public final void persistentConnectionResetsRaiseRetryableCarrierUnavailable() {
        network.faults().inject(profile(), Endpoint.KYC_MATCH, Fault.connectionReset().times(50));
        long start = System.nanoTime();
        CarrierException e = kycFails(CarrierException.CarrierUnavailable.class, context(MATRIX_RETRY_DEADLINE));
        assertWithinDeadline(start);
        assertTrue(e.isRetryable());
        assertEquals(OptionalInt.empty(), e.httpStatus());
    }

    /**
     * A wrong x-correlator echo is a ProtocolViolation and is never retried.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aWrongCorrelatorEchoIsAProtocolViolation() throws CarrierException {
        failsOnKycOnce(CarrierException.ProtocolViolation.class, Fault.wrongCorrelator());
        assertKycSucceeds();
    }

    /**
     * An answer without any x-correlator echo is a ProtocolViolation and is never retried.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aMissingCorrelatorEchoIsAProtocolViolation() throws CarrierException {
        failsOnKycOnce(CarrierException.ProtocolViolation.class, Fault.missingCorrelator());
        assertKycSucceeds();
    }

    /**
     * Every KYC request carries the context's correlator.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void everyCallCarriesTheContextsCorrelator() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        CallContext ctx = context();
        adapter.matchSubscriber(ctx, s.msisdn(), claimsOf(s));
        for (LoggedRequest r : kycCalls()) {
            assertEquals(Optional.of(ctx.correlator()), r.correlator(), r.toString());
        }
        for (LoggedRequest r : network.requests().all()) {
            assertTrue(r.correlator().isPresent(), "every request carries x-correlator: " + r);
        }
    }

    // =================================================================== faults on every endpoint the adapter uses

    /**
     * {@return every injectable fault on every endpoint the adapter uses, through the SPI call that uses it}
     * The number-verification legs (the code exchange, then verify, roaming status and network type
     * with the single-use token) are never repeated and every transient failure there advises
     * {@link CarrierException.Retry#RESTART_VERIFICATION}, after which a new verification
     * succeeds; the look-ups (the client-credentials token, KYC match, CHT KYC Tenure and line
     * profile, TWM subscription query, SIM swap) are idempotent, so a failure that happens once is
     * retried away and one that persists is retryable. See the README's coverage table.
     */
    @TestFactory
    public final Stream<DynamicTest> everyFaultOnEveryEndpointTheAdapterUses() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Endpoint> legs = List.of(Endpoint.TOKEN, Endpoint.NUMBER_VERIFY, Endpoint.ROAMING_STATUS,
                Endpoint.NETWORK_TYPE);
        for (int i = 0; i < legs.size(); i++) {
            Endpoint endpoint = legs.get(i);
            int status = SERVER_ERRORS[i % SERVER_ERRORS.length];
            for (MatrixFault fault : MatrixFault.values()) {
                tests.add(DynamicTest.dynamicTest("verification " + endpoint + ": " + fault.describe(status),
                        () -> verificationFault(endpoint, fault, status)));
            }
        }
        List<Endpoint> lookups = lookupEndpoints();
        for (int i = 0; i < lookups.size(); i++) {
            Endpoint endpoint = lookups.get(i);
            int status = SERVER_ERRORS[(i + 2) % SERVER_ERRORS.length];
            for (MatrixFault fault : MatrixFault.values()) {
                if (fault == MatrixFault.LATENCY_AFTER_PROCESSING && endpoint != Endpoint.KYC_MATCH) {
                    continue; // for an idempotent read the same as LATENCY: checked once, on KYC match
                }
                tests.add(DynamicTest.dynamicTest("look-up " + lookupName(endpoint) + ": " + fault.describe(status),
                        () -> lookupFault(endpoint, fault, status)));
            }
        }
        return tests.stream();
    }

    /** The faults of the matrix. */
    private enum MatrixFault {
        LATENCY, LATENCY_AFTER_PROCESSING, SERVER_ERROR, RATE_LIMITED, MALFORMED_JSON, CONNECTION_RESET,
        RESET_AFTER_PROCESSING;

        String describe(int status) {
            switch (this) {
                case SERVER_ERROR:
                    return "status " + status;
                case RATE_LIMITED:
                    return "429 with Retry-After 30 s";
                case LATENCY:
                    return "latency past the deadline";
                case LATENCY_AFTER_PROCESSING:
                    return "processed, then answered after the deadline";
                case RESET_AFTER_PROCESSING:
                    return "processed, then the connection reset";
                default:
                    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
            }
        }

        /** The fault, applying to {@code times} calls. */
        Fault fault(int status, int times) {
            switch (this) {
                case LATENCY:
                    return Fault.latency(MATRIX_LATENCY).times(times);
                case LATENCY_AFTER_PROCESSING:
                    return Fault.latencyAfterProcessing(MATRIX_LATENCY).times(times);
                case SERVER_ERROR:
                    return Fault.status(status).times(times);
                case RATE_LIMITED:
                    return Fault.rateLimited(Duration.ofSeconds(30)).times(times);
                case MALFORMED_JSON:
                    return Fault.malformedJson().times(times);
                case CONNECTION_RESET:
                    return Fault.connectionReset().times(times);
                default:
                    return Fault.resetAfterProcessing().times(times);
            }
        }

        boolean isLatency() {
            return this == LATENCY || this == LATENCY_AFTER_PROCESSING;
        }

        boolean noAnswer() {
            return isLatency() || this == CONNECTION_RESET || this == RESET_AFTER_PROCESSING;
        }

        Class<? extends CarrierException> expected() {
            return this == MALFORMED_JSON ? CarrierException.ProtocolViolation.class : this == RATE_LIMITED
                    ? CarrierException.RateLimited.class : CarrierException.CarrierUnavailable.class;
        }
    }

    /**
     * One fault on one leg of number verification. The phone has opened the authorize URL; the
     * fault is armed three times (so a repeat would meet it again), and {@code complete} runs
     * under a short deadline for the latency faults.
     */
    private void verificationFault(Endpoint endpoint, MatrixFault fault, int status) throws CarrierException {
        network.faults().clear();
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        // Warm-up: the discovery document and the JWK set are cached, as in a running portal, so
        // the timed call below spends its deadline on the legs, not on first fetches.
        assertTrue(verify(defaultHandle(s), s.msisdn(), context()).result().verified(), "warm-up verification");
        network.requests().clear();
        NvChallenge challenge = adapter.startNumberVerification(context(), s.msisdn(), CALLBACK);
        Map<String, String> callback = network.phone(defaultHandle(s)).open(challenge.authorizeUri());
        network.faults().inject(profile(), endpoint, fault.fault(status, 3));
        Duration deadline = fault.isLatency() ? MATRIX_VERIFY_DEADLINE : TIMEOUT;
        CallContext ctx = context(deadline);
        String what = endpoint + " " + fault.describe(status);
        long start = System.nanoTime();
        CarrierException e = expectFailure(fault.expected(), ctx,
                () -> adapter.completeNumberVerification(ctx, challenge, callback));
        assertWithin(deadline, start, what);
        if (fault == MatrixFault.MALFORMED_JSON) {
            assertEquals(CarrierException.Retry.NEVER, e.retry(), what);
        } else {
            assertEquals(CarrierException.Retry.RESTART_VERIFICATION, e.retry(),
                    what + ": the code may be redeemed or the single-use token spent");
            assertFalse(e.isRetryable(), what + ": the same callback cannot pass");
        }
        if (fault == MatrixFault.SERVER_ERROR) {
            assertEquals(OptionalInt.of(status), e.httpStatus(), what);
        }
        if (fault == MatrixFault.RATE_LIMITED) {
            assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter(), what);
        }
        if (fault.noAnswer()) {
            assertEquals(OptionalInt.empty(), e.httpStatus(), what + ": no answer arrived");
        }
        assertEquals(1, codeExchanges().size(), "a code is exchanged once: " + what);
        assertEquals(1, network.requests().of(profile(), endpoint).stream()
                .filter(r -> endpoint != Endpoint.TOKEN || r.body().contains("grant_type=authorization_code")).count(),
                "called exactly once, never repeated: " + what);
        if (fault == MatrixFault.RESET_AFTER_PROCESSING) {
            network.faults().clear();
            assertTrue(verify(defaultHandle(s), s.msisdn(), context()).result().verified(),
                    "a new verification succeeds after " + what);
        }
    }

    /** One fault on one endpoint of an idempotent look-up. */
    private void lookupFault(Endpoint endpoint, MatrixFault fault, int status) throws CarrierException {
        network.faults().clear();
        network.requests().clear();
        if (endpoint == Endpoint.TOKEN) {
            clock.advance(Duration.ofSeconds(OAuthServer.TOKEN_LIFETIME_SECONDS + 1)); // no cached token is live
        }
        boolean once = fault == MatrixFault.CONNECTION_RESET || fault == MatrixFault.RESET_AFTER_PROCESSING;
        network.faults().inject(profile(), endpoint, fault.fault(status, once ? 1 : 10));
        Duration deadline = fault.isLatency() ? MATRIX_LOOKUP_DEADLINE : fault == MatrixFault.SERVER_ERROR
                ? MATRIX_RETRY_DEADLINE : TIMEOUT;
        CallContext ctx = context(deadline);
        SpiCall call = lookup(endpoint, ctx);
        String what = lookupName(endpoint) + " " + fault.describe(status);
        if (once) {
            call.run();
            assertEquals(2, network.requests().of(profile(), endpoint).size(),
                    "a failure that happens once is retried and the call succeeds: " + what);
            return;
        }
        long start = System.nanoTime();
        CarrierException e = expectFailure(fault.expected(), ctx, call);
        assertWithin(deadline, start, what);
        int calls = network.requests().of(profile(), endpoint).size();
        assertTrue(calls >= 1, "the fault must be met: " + what);
        switch (fault) {
            case MALFORMED_JSON:
                assertEquals(CarrierException.Retry.NEVER, e.retry(), what);
                assertEquals(1, calls, "a protocol violation is never retried: " + what);
                break;
            case RATE_LIMITED:
                assertTrue(e.isRetryable(), what);
                assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter(), what);
                assertEquals(OptionalInt.of(429), e.httpStatus(), what);
                break;
            case SERVER_ERROR:
                assertTrue(e.isRetryable(), what);
                assertEquals(OptionalInt.of(status), e.httpStatus(), what);
                assertTrue(calls <= 10, "backoff must be bounded: " + calls + " calls, " + what);
                break;
            default:
                assertTrue(e.isRetryable(), what);
                assertEquals(OptionalInt.empty(), e.httpStatus(), what + ": no answer arrived");
                break;
        }
    }

    /** The look-up endpoints of this profile, each reached by one SPI call. */
    private List<Endpoint> lookupEndpoints() {
        List<Endpoint> out = new ArrayList<>(List.of(Endpoint.TOKEN, Endpoint.KYC_MATCH));
        for (Endpoint e : List.of(Endpoint.KYC_TENURE, Endpoint.CHT_LINE_PROFILE, Endpoint.TWM_SUBSCRIPTION)) {
            if (e.servedBy(profile())) {
                out.add(e);
            }
        }
        out.add(adapter.capabilities().contains(Capability.SIM_SWAP_DATE) && Endpoint.SIM_SWAP_DATE.servedBy(profile())
                ? Endpoint.SIM_SWAP_DATE : Endpoint.SIM_SWAP_CHECK);
        return out;
    }

    private static String lookupName(Endpoint endpoint) {
        return endpoint == Endpoint.TOKEN ? "TOKEN (client credentials)" : endpoint.name();
    }

    /** The SPI call that reaches {@code endpoint} for an eligible line. */
    private SpiCall lookup(Endpoint endpoint, CallContext ctx) {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        switch (endpoint) {
            case KYC_TENURE:
            case CHT_LINE_PROFILE:
            case TWM_SUBSCRIPTION:
                return () -> adapter.subscriptionAttributes(ctx, s.msisdn(), claimsOf(s));
            case SIM_SWAP_DATE:
            case SIM_SWAP_CHECK:
                return () -> adapter.simSwapInfo(ctx, s.msisdn());
            default:
                return () -> adapter.matchSubscriber(ctx, s.msisdn(), claimsOf(s));
        }
    }

    private static void assertWithin(Duration deadline, long startNanos, String what) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        assertTrue(took.compareTo(deadline.plus(SLACK)) < 0, "the deadline must bound the call (" + what + "), took "
                + took);
    }

    // =================================================================== helpers

    /** {@return a context with the kit's default 5 s deadline} */
    protected final CallContext context() {
        return context(TIMEOUT);
    }

    /**
     * {@return a context whose deadline is {@code timeout} from now by the networks' clock}
     *
     * @param timeout the longest the call may take
     */
    protected final CallContext context(Duration timeout) {
        return CallContext.withTimeout(timeout, clock);
    }

    /**
     * {@return this profile's fixture subscriber for {@code scenario}}
     *
     * @param scenario the scenario value
     */
    protected final Subscriber subscriber(Scenario scenario) {
        return network.subscribers().find(profile(), scenario);
    }

    /**
     * {@return the claims a subscriber's holder would make: exactly the fixture's record}
     *
     * @param s the s value
     */
    protected static SubscriberClaims claimsOf(Subscriber s) {
        return new SubscriberClaims(s.holderId(), s.holderIdType(), s.name(), s.birthDate());
    }

    /**
     * {@return the whole number verification: start, the phone opens the URL over its attachment, complete}
     *
     * @param deviceHandle the device handle
     * @param number the number value
     * @param ctx the call context: deadline, correlator and retry budget
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    protected final NvVerification verify(String deviceHandle, Msisdn number, CallContext ctx)
            throws CarrierException {
        NvChallenge challenge = adapter.startNumberVerification(ctx, number, CALLBACK);
        Map<String, String> callback = network.phone(deviceHandle).open(challenge.authorizeUri());
        return adapter.completeNumberVerification(ctx, challenge, callback);
    }

    /**
     * Attaches a new device holding {@code number} over {@code access}; returns its handle.
     *
     * @param number the number value
     * @param access the access value
     * @return the string
     */
    protected final String attach(Msisdn number, Access access) {
        String handle = "kit-device-" + handles.incrementAndGet();
        network.attachments().attach(handle, number, access);
        return handle;
    }

    private static String defaultHandle(Subscriber s) {
        return NetworkAttachments.defaultHandle(s.msisdn());
    }

    /** A call through the SPI that may fail with a {@link CarrierException}. */
    @FunctionalInterface
    protected interface SpiCall {
        /**
         * Makes the call.
         *
         * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
         */
        void run() throws CarrierException;
    }

    /**
     * Asserts that {@code call} fails with {@code type}, carrying this adapter's carrier id and the
     * context's correlator.
     *
     * @param <T> the type of the value
     * @param type the type value
     * @param ctx the call context: deadline, correlator and retry budget
     * @param call the call value
     * @return the t
     */
    protected final <T extends CarrierException> T expectFailure(Class<T> type, CallContext ctx, SpiCall call) {
        CarrierException caught = null;
        try {
            call.run();
        } catch (CarrierException e) {
            caught = e;
        }
        if (caught == null) {
            fail("expected " + type.getSimpleName() + " but the call succeeded");
        }
        if (!type.isInstance(caught)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got "
                    + caught.getClass().getSimpleName() + ": " + caught.getMessage(), caught);
        }
        assertEquals(adapter.carrierId(), caught.carrierId(), "the exception names the carrier");
        assertEquals(ctx.correlator(), caught.correlator(), "the exception carries the call's correlator");
        return type.cast(caught);
    }

    private <T extends CarrierException> T kycFails(Class<T> type, CallContext ctx) {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        return expectFailure(type, ctx, () -> adapter.matchSubscriber(ctx, s.msisdn(), claimsOf(s)));
    }

    /** Arms {@code fault} three times, expects {@code type} after exactly one KYC call, then disarms. */
    private <T extends CarrierException> T failsOnKycOnce(Class<T> type, Fault fault) {
        int before = kycCalls().size();
        network.faults().inject(profile(), Endpoint.KYC_MATCH, fault.times(3));
        T e = kycFails(type, context());
        assertEquals(before + 1, kycCalls().size(), type.getSimpleName() + " must not be retried (" + fault + ")");
        network.faults().clear();
        return e;
    }

    /** Arms {@code fault} three times on the SIM swap endpoint the adapter uses, expects {@code type} after exactly one call. */
    private <T extends CarrierException> T failsOnSimSwapOnce(Class<T> type, Fault fault) {
        Endpoint endpoint = adapter.capabilities().contains(Capability.SIM_SWAP_DATE)
                && Endpoint.SIM_SWAP_DATE.servedBy(profile()) ? Endpoint.SIM_SWAP_DATE : Endpoint.SIM_SWAP_CHECK;
        int before = network.requests().of(profile(), endpoint).size();
        network.faults().inject(profile(), endpoint, fault.times(3));
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        CallContext ctx = context();
        T e = expectFailure(type, ctx, () -> adapter.simSwapInfo(ctx, s.msisdn()));
        assertEquals(before + 1, network.requests().of(profile(), endpoint).size(),
                type.getSimpleName() + " must not be retried (" + fault + " on " + endpoint + ")");
        network.faults().clear();
        return e;
    }

    private void assertKycSucceeds() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        assertTrue(adapter.matchSubscriber(context(), s.msisdn(), claimsOf(s)).isFullMatch());
    }

    private MatchOutcome nameOutcome(Subscriber s, String name) throws CarrierException {
        return adapter.matchSubscriber(context(), s.msisdn(),
                new SubscriberClaims(s.holderId(), s.holderIdType(), name, s.birthDate())).name();
    }

    private List<LoggedRequest> kycCalls() {
        return network.requests().of(profile(), Endpoint.KYC_MATCH);
    }

    private JsonNode lastKycBody() {
        List<LoggedRequest> kyc = kycCalls();
        assertFalse(kyc.isEmpty(), "no KYC match request was made");
        return Json.parseObject(kyc.get(kyc.size() - 1).body())
                .orElseThrow(() -> new AssertionError("the KYC match body is not a JSON object"));
    }

    private List<LoggedRequest> codeExchanges() {
        return network.requests().of(profile(), Endpoint.TOKEN).stream()
                .filter(r -> r.body().contains("grant_type=authorization_code"))
                .collect(java.util.stream.Collectors.toList());
    }

    private int indexOfOnly(List<LoggedRequest> all, Endpoint endpoint) {
        List<LoggedRequest> hits = network.requests().of(profile(), endpoint);
        assertEquals(1, hits.size(), endpoint + " must be called exactly once with the single-use token");
        return all.indexOf(hits.get(0));
    }

    private static void assertHttp(CarrierException e, int status, String code) {
        assertEquals(OptionalInt.of(status), e.httpStatus(), "HTTP status of " + e);
        assertEquals(code, e.code(), "the carrier's raw code");
    }

    private static void assertWithinDeadline(long startNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        assertTrue(took.compareTo(SHORT_DEADLINE.plus(SLACK)) < 0, "the deadline must bound the call, took " + took);
    }

    private static void assertEnterprise(SubscriptionAttributes a) {
        assertTrue(a.contractType() == ContractType.BUSINESS || a.holderType() == HolderType.ENTERPRISE,
                "an enterprise line must show BUSINESS or ENTERPRISE: " + a);
        assertNotEquals(HolderType.PERSONAL, a.holderType());
    }

    /**
     * Asserts the attributes the profile's wire carries for {@code scenario}'s subscriber, per the
     * mappings of docs/carrier-contract.md §3. CHT and FET carry no holder field; their profile rule is
     * that every business line is reported as Business/BIZ (holder ENTERPRISE) and every other line
     * is a personal contract (holder PERSONAL).
     */
    private SubscriptionAttributes assertAttributes(Scenario scenario) throws CarrierException {
        Subscriber s = subscriber(scenario);
        SubscriptionAttributes a = adapter.subscriptionAttributes(context(), s.msisdn(), claimsOf(s));
        ContractType contract;
        Set<HolderType> holders;
        String wire;
        switch (profile()) {
            case "cht":
                wire = Profiles.chtContractType(s);
                contract = wire.equals("Business") ? ContractType.BUSINESS
                        : wire.equals("PAYG") ? ContractType.PREPAID : ContractType.POSTPAID;
                holders = wire.equals("Business") ? EnumSet.of(HolderType.ENTERPRISE)
                        : EnumSet.of(HolderType.PERSONAL);
                wire = "contractType " + wire;
                break;
            case "twm":
                contract = Profiles.twmBillingType(s).equals("PREPAID") ? ContractType.PREPAID : ContractType.POSTPAID;
                holders = Profiles.twmCustomerType(s).equals("CORPORATE") ? EnumSet.of(HolderType.ENTERPRISE)
                        : EnumSet.of(HolderType.PERSONAL);
                wire = "billingType " + Profiles.twmBillingType(s) + ", customerType " + Profiles.twmCustomerType(s);
                break;
            default:
                wire = Profiles.fetSegment(s);
                contract = wire.equals("BIZ") ? ContractType.BUSINESS
                        : wire.equals("PAYG") ? ContractType.PREPAID : ContractType.POSTPAID;
                holders = wire.equals("BIZ") ? EnumSet.of(HolderType.ENTERPRISE)
                        : EnumSet.of(HolderType.PERSONAL);
                wire = "segment " + wire;
                break;
        }
        String why = scenario + " at " + profile() + " (wire: " + wire + "): " + a;
        assertEquals(contract, a.contractType(), why);
        assertTrue(holders.contains(a.holderType()), "holderType must be one of " + holders + " for " + why);
        assertEquals(s.lineRole(), a.lineRole(), why);
        assertEquals(s.isMvno() ? MvnoStatus.YES : MvnoStatus.NO, a.mvno(), why);
        assertEquals(isTwm() ? Optional.empty() : s.mvnoBrand(), a.mvnoBrand(),
                "the brand, where the wire carries one: " + why);
        return a;
    }

    /** Whatever the answer's precision, every certain answer it gives about a window is true. */
    private static void assertConsistent(SimSwapInfo info, Subscriber s, Instant now) {
        for (long hours : new long[] {1, 24, 72, 168, 720, 2160}) {
            Duration window = Duration.ofHours(hours);
            boolean truth = s.lastSimChange().map(t -> !t.isBefore(now.minus(window))).orElse(false);
            Optional<Boolean> said = info.changedWithin(window, now);
            said.ifPresent(v -> assertEquals(truth, v, "changed within " + hours + " h? " + info));
        }
    }

    private boolean isTwm() {
        return profile().equals("twm");
    }

    private boolean isFet() {
        return profile().equals("fet");
    }

    private String otherCarrier() {
        return profile().equals("cht") ? "twm" : "cht";
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Forms.parse(uri.getRawQuery()).forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

    private static String replaceLast(String name, String replacement) {
        int last = name.offsetByCodePoints(name.length(), -1);
        return name.substring(0, last) + replacement;
    }

    private static PrivateKey unregisteredKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC P-256 keys", e);
        }
    }
}
