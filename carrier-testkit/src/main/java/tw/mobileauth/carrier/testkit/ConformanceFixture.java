package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.carrier.spi.NvVerification;
import tw.mobileauth.carrier.spi.SubscriberClaims;

/**
 * The fixture under {@link CarrierConformanceKit}: the fake networks of the test class, a fresh
 * adapter per test, the hooks an adapter's test overrides, and the helpers every group of checks
 * shares. The checks themselves are in the classes between this one and the kit, a group each:
 * {@link VerificationChecks}, {@link LookupChecks}, {@link ErrorRowChecks} and
 * {@link FaultMatrixChecks}. Only the kit is public; its Javadoc documents what this class holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConformanceFixture {

    /** Where the portal's callback would be; the simulated phone never follows the redirect. */
    protected static final URI CALLBACK = URI.create("https://portal.example.test/mobileauth/callback");
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration SHORT_DEADLINE = Duration.ofMillis(1500);
    static final Duration SLACK = Duration.ofMillis(1500);
    /** A look-up under a persistent 5xx: room for a few retries with backoff. */
    static final Duration MATRIX_RETRY_DEADLINE = Duration.ofMillis(500);

    final AtomicInteger handles = new AtomicInteger();
    MutableClock clock;
    FakeCarrierNetworks network;
    CarrierAdapter adapter;

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
     * validated ({@link CarrierConformanceKit#everyExchangeIsValidatedAgainstTheOfficialDefinitions()} is then
     * skipped).
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

    static String defaultHandle(Subscriber s) {
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

    List<LoggedRequest> kycCalls() {
        return network.requests().of(profile(), Endpoint.KYC_MATCH);
    }

    List<LoggedRequest> codeExchanges() {
        return network.requests().of(profile(), Endpoint.TOKEN).stream()
                .filter(r -> r.body().contains("grant_type=authorization_code"))
                .collect(java.util.stream.Collectors.toList());
    }

    static void assertHttp(CarrierException e, int status, String code) {
        assertEquals(OptionalInt.of(status), e.httpStatus(), "HTTP status of " + e);
        assertEquals(code, e.code(), "the carrier's raw code");
    }

    boolean isTwm() {
        return profile().equals("twm");
    }

    String otherCarrier() {
        return profile().equals("cht") ? "twm" : "cht";
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Forms.parse(uri.getRawQuery()).forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

}
