package tw.mobileauth.carrier.testkit.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException.Retry;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.registry.spi.CardCheck;
import tw.mobileauth.registry.spi.CardClaim;
import tw.mobileauth.registry.spi.IdentityRegistry;
import tw.mobileauth.registry.spi.IdentityRegistryFactory;
import tw.mobileauth.registry.spi.RegistryConfig;
import tw.mobileauth.registry.spi.RegistryException;

/**
 * The conformance kit every identity registry adapter's tests extend. It starts one
 * {@link FakeRegistry} per test class, builds a fresh adapter for every test from
 * {@code registry.configFor()}, and drives it through every answer, every error row and every
 * fault on every endpoint of the NHI reference profile, through the SPI only.
 *
 * <pre>{@code
 * class NhiRegistryConformanceTest extends RegistryConformanceKit {
 *     @Override protected IdentityRegistryFactory factory() { return new NhiRegistryFactory(); }
 * }
 * }</pre>
 *
 * <p>What the kit holds adapters to, beyond the SPI Javadoc:
 * <ul>
 *   <li>Each answer of the profile maps to its {@link CardCheck}; a non-match is a result.</li>
 *   <li>One signed JSON {@code POST} per attempt, carrying the context's correlator; every attempt
 *       is signed afresh, so a retry is never a replay.</li>
 *   <li>A card check is idempotent: an outage that happens once (5xx, reset, even after the
 *       registry processed the request) is retried away; one that persists raises a retryable
 *       {@link RegistryException.Timeout} or {@link RegistryException.Unavailable} within the
 *       deadline (plus {@value #SLACK_MS} ms), after at most 10 calls. A {@code Retry-After} that
 *       fits before the deadline is waited for; one that does not is raised at once.</li>
 *   <li>Everything else (400, 401, 403, 404, unknown statuses, bodies that are not the profile's,
 *       a wrong or missing {@code x-correlator} echo, an oversized answer) is raised typed, with
 *       advice {@link Retry#NEVER}, after exactly one call.</li>
 *   <li>Every exception carries the adapter's registry id and the context's correlator, and
 *       neither its message, its {@code toString()} nor any cause's contains the ID or the card
 *       number (nor the card number's last 8 digits).</li>
 * </ul>
 *
 * <p>Runs in about 5 s: the matrix waits out deadlines of 250-500 ms and one test waits for a
 * 1 s {@code Retry-After}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RegistryConformanceKit {

    /** The default deadline of a call: 5 s. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final long SLACK_MS = 1500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private MutableClock clock;
    private FakeRegistry registry;
    private IdentityRegistry adapter;

    /** {@return the factory of the adapter under test} */
    protected abstract IdentityRegistryFactory factory();

    /**
     * {@return a hook to change every configuration the kit builds (e.g. registry properties)} Default: unchanged.
     *
     * @param builder the builder value
     */
    protected RegistryConfig.Builder configure(RegistryConfig.Builder builder) {
        return builder;
    }

    /** {@return the fake registry of this test class} */
    protected final FakeRegistry registry() {
        return registry;
    }

    /** {@return the adapter of the current test, fresh for each test (shared by the fault matrix's cases)} */
    protected final IdentityRegistry adapter() {
        return adapter;
    }

    /** {@return the registry's clock: ticking with real time, movable with {@link MutableClock#advance}} */
    protected final MutableClock clock() {
        return clock;
    }

    /** Starts the fake registry once for the test class. */
    @BeforeAll
    protected final void startFakeRegistry() {
        clock = MutableClock.ticking();
        registry = FakeRegistry.builder().clock(clock).start();
    }

    /** Stops the fake registry. */
    @AfterAll
    protected final void stopFakeRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    /** Clears faults and the log, and builds a fresh adapter. */
    @BeforeEach
    protected final void freshAdapter() {
        registry.reset();
        adapter = factory().create(configure(registry.configFor()).build());
    }

    /** Closes the adapter of the test. */
    @AfterEach
    protected final void closeAdapter() {
        if (adapter != null) {
            adapter.close();
        }
    }

    // =================================================================== discovery

    /** The adapter reports its factory's id, and the factory names the registry in zh-TW and English. */
    @Test
    public final void theAdapterReportsItsFactorysIdAndTheFactoryNamesTheRegistryInBothLanguages() {
        assertEquals(factory().id(), adapter.registryId());
        assertTrue(factory().id().matches("[a-z0-9-]+"), "ids are lower case: " + factory().id());
        assertFalse(factory().displayName(Locale.TAIWAN).isBlank(), "displayName(zh-TW) must not be blank");
        assertFalse(factory().displayName(Locale.ENGLISH).isBlank(), "displayName(en) must not be blank");
        assertNotEquals(factory().displayName(Locale.TAIWAN), factory().displayName(Locale.ENGLISH));
    }

    /**
     * The profile signs every request: a configuration with only a TLS client certificate is not enough.
     *
     * @throws Exception if the step fails
     */
    @Test
    public final void theFactorySupportsASigningKeyAndRefusesAConfigurationWithout() throws Exception {
        assertTrue(factory().isSupported(configure(registry.configFor()).build()));
        RegistryConfig unsigned = configure(RegistryConfig.builder(registry.baseUri(), "portal")
                .sslContext(SSLContext.getDefault())).build();
        assertFalse(factory().isSupported(unsigned));
        assertThrows(IllegalArgumentException.class, () -> factory().create(unsigned));
    }

    // =================================================================== answers

    /**
     * A person's current card is a MATCH, for a national ID and for a resident certificate number.
     *
     * @throws RegistryException if the registry call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aCurrentCardMatches() throws RegistryException {
        assertEquals(CardCheck.MATCH, check(registry.cards().claimFor(CardCheck.MATCH)));
        assertEquals(CardCheck.MATCH, check(registry.cards().residentMatch()));
    }

    /**
     * Another card number for a known ID is NO_MATCH: a result, not an exception.
     *
     * @throws RegistryException if the registry call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aWrongCardNumberIsANoMatchResultNotAnError() throws RegistryException {
        assertEquals(CardCheck.NO_MATCH, check(registry.cards().claimFor(CardCheck.NO_MATCH)));
    }

    /**
     * An ID the registry does not know is NO_MATCH, even with a card number someone else holds.
     *
     * @throws RegistryException if the registry call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anUnknownPersonIsANoMatch() throws RegistryException {
        assertEquals(CardCheck.NO_MATCH, check(registry.cards().unknownPerson()));
    }

    /**
     * A card reported lost is CARD_REPORTED_LOST.
     *
     * @throws RegistryException if the registry call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aCardReportedLostIsReportedLost() throws RegistryException {
        assertEquals(CardCheck.CARD_REPORTED_LOST, check(registry.cards().claimFor(CardCheck.CARD_REPORTED_LOST)));
    }

    /**
     * A card superseded by a newer one is CARD_REPLACED.
     *
     * @throws RegistryException if the registry call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aReplacedCardIsReportedReplaced() throws RegistryException {
        assertEquals(CardCheck.CARD_REPLACED, check(registry.cards().claimFor(CardCheck.CARD_REPLACED)));
    }

    // =================================================================== the request

    /**
     * One signed JSON POST to the profile's path, carrying exactly the claim and the context's correlator.
     *
     * @throws Exception if the step fails
     */
    @Test
    public final void aCheckIsOneSignedJsonPostOfTheClaimWithTheContextsCorrelator() throws Exception {
        CardClaim claim = registry.cards().claimFor(CardCheck.MATCH);
        CallContext ctx = context();
        adapter.checkCard(ctx, claim);
        List<RegistryRequest> all = registry.requests().all();
        assertEquals(1, all.size(), "one request: " + all);
        RegistryRequest r = all.get(0);
        assertEquals(RegistryEndpoint.CARD_CHECKS, r.endpoint(), "the path " + r.path());
        assertEquals("POST", r.method());
        assertEquals(Optional.of(ctx.correlator()), r.correlator(), "x-correlator is the context's");
        assertEquals("application/json", r.contentType().map(t -> t.split(";", 2)[0].trim()).orElse(""));
        JsonNode body = JSON.readTree(r.body());
        assertEquals(2, body.size(), "the body is exactly {nationalId, cardNumber}: " + body.fieldNames());
        assertEquals(claim.nationalId(), body.path("nationalId").asText());
        assertEquals(claim.cardNumber(), body.path("cardNumber").asText());
        assertEquals(Optional.empty(), r.rejection(), "the signature is accepted");
        assertTrue(r.jti().isPresent(), "the request is signed");
        assertEquals(200, r.responseStatus());
    }

    /**
     * Each request carries a signature of its own: two checks, two {@code jti}s, neither refused.
     *
     * @throws RegistryException if the registry call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void everyRequestIsSignedAfresh() throws RegistryException {
        check(registry.cards().claimFor(CardCheck.MATCH));
        check(registry.cards().claimFor(CardCheck.MATCH));
        List<RegistryRequest> all = registry.requests().all();
        assertEquals(2, all.size());
        assertNotEquals(all.get(0).jti(), all.get(1).jti(), "a jti is never reused");
        assertTrue(all.stream().allMatch(r -> r.rejection().isEmpty()), all.toString());
    }

    /**
     * The registry processed the first attempt and the answer was lost: the retry is signed anew, not replayed.
     *
     * @throws RegistryException if the registry call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aRetryIsSignedAnewSoItIsNeverAReplay() throws RegistryException {
        registry.faults().inject(RegistryEndpoint.CARD_CHECKS, RegistryFault.resetAfterProcessing());
        assertEquals(CardCheck.MATCH, check(registry.cards().claimFor(CardCheck.MATCH)));
        List<RegistryRequest> all = registry.requests().all();
        assertEquals(2, all.size(), all.toString());
        assertNotEquals(all.get(0).jti(), all.get(1).jti());
        assertEquals(200, all.get(1).responseStatus(), all.toString());
    }

    // =================================================================== client authentication

    /**
     * A key the registry does not know is refused (401): AuthenticationFailed, never retried.
     *
     * @throws Exception if the step fails
     */
    @Test
    public final void anUnregisteredClientIsAuthenticationFailedAndNeverRetried() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        RegistryConfig stranger = configure(RegistryConfig.builder(registry.baseUri(), "unregistered-portal")
                .clientSigningKey(g.generateKeyPair().getPrivate()).clock(clock).callTimeout(Duration.ofSeconds(2)))
                .build();
        try (IdentityRegistry other = factory().create(stranger)) {
            CallContext ctx = context();
            RegistryException e = expectFailure(RegistryException.AuthenticationFailed.class, ctx,
                    () -> other.checkCard(ctx, registry.cards().claimFor(CardCheck.MATCH)));
            assertNever(e, "an unregistered client");
            assertEquals(OptionalInt.of(401), e.httpStatus());
        }
        assertEquals(1, registry.requests().all().size(), "a refused signature is never retried");
        assertTrue(registry.requests().all().get(0).rejection().isPresent());
    }

    /**
     * The portal's clock is ten minutes slow: its signatures have expired on arrival; AuthenticationFailed.
     *
     * @throws RegistryException if the registry call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aSignatureFromASlowClockIsRefusedAsAuthenticationFailed() throws RegistryException {
        Clock slow = Clock.offset(clock, Duration.ofMinutes(-10));
        try (IdentityRegistry skewed = factory().create(configure(registry.configFor()).clock(slow).build())) {
            CallContext ctx = CallContext.withTimeout(TIMEOUT, slow);
            RegistryException e = expectFailure(RegistryException.AuthenticationFailed.class, ctx,
                    () -> skewed.checkCard(ctx, registry.cards().claimFor(CardCheck.MATCH)));
            assertNever(e, "a slow clock");
        }
        List<RegistryRequest> all = registry.requests().all();
        assertEquals(1, all.size());
        assertEquals(Optional.of("the signature expired"), all.get(0).rejection());
    }

    // =================================================================== error rows

    /** The error table: each status is its type, with advice NEVER, after exactly one call. */
    @Test
    public final void errorAnswersAreTypedAndNeverRetried() {
        failsOnce(RegistryException.ProtocolViolation.class, RegistryFault.error(400, "INVALID_ARGUMENT"), 400);
        failsOnce(RegistryException.AuthenticationFailed.class, RegistryFault.error(401, "UNAUTHENTICATED"), 401);
        failsOnce(RegistryException.Misconfigured.class, RegistryFault.error(403, "PERMISSION_DENIED"), 403);
        failsOnce(RegistryException.Misconfigured.class, RegistryFault.error(404, "NOT_FOUND"), 404);
        failsOnce(RegistryException.ProtocolViolation.class, RegistryFault.error(418, "TEAPOT"), 418);
        failsOnce(RegistryException.ProtocolViolation.class, RegistryFault.error(501, "NOT_IMPLEMENTED"), 501);
        failsOnce(RegistryException.ProtocolViolation.class, RegistryFault.error(507, "INSUFFICIENT_STORAGE"), 507);
    }

    /** An error answer that is not {@code {"status","code","message"}} (a proxy's page) is a ProtocolViolation. */
    @Test
    public final void anErrorBodyThatIsNotTheProfilesIsAProtocolViolation() {
        failsOnce(RegistryException.ProtocolViolation.class, RegistryFault.raw(403, "text/html",
                "<html><body>Forbidden</body></html>"), 403);
        failsOnce(RegistryException.ProtocolViolation.class, RegistryFault.raw(400, "application/json",
                "{\"error\":\"invalid_request\"}"), 400);
    }

    /** A 200 without a result, with an unknown one, or not as JSON is a ProtocolViolation, never a guess. */
    @Test
    public final void aSuccessAnswerThatIsNotAKnownResultIsAProtocolViolation() {
        failsOnce(RegistryException.ProtocolViolation.class, RegistryFault.raw(200, "application/json", "{}"), 200);
        failsOnce(RegistryException.ProtocolViolation.class, RegistryFault.raw(200, "application/json",
                "{\"result\":\"PROBABLY\"}"), 200);
        failsOnce(RegistryException.ProtocolViolation.class, RegistryFault.raw(200, "application/json",
                "{\"result\":true}"), 200);
        failsOnce(RegistryException.ProtocolViolation.class, RegistryFault.raw(200, "text/plain", "MATCH"), 200);
    }

    /** An answer far longer than any of the profile is not read: a ProtocolViolation. */
    @Test
    public final void anOversizedAnswerIsAProtocolViolation() {
        String huge = "{\"result\":\"MATCH\",\"padding\":\"" + "x".repeat(1024 * 1024) + "\"}";
        failsOnce(RegistryException.ProtocolViolation.class, RegistryFault.raw(200, "application/json", huge), 200);
    }

    /**
     * A {@code Retry-After: 1} once is waited for (at least 1 s between the calls), then the check succeeds.
     *
     * @throws RegistryException if the registry call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aRateLimitThatFitsTheDeadlineIsWaitedForAndTheCallSucceeds() throws RegistryException {
        registry.faults().inject(RegistryEndpoint.CARD_CHECKS, RegistryFault.rateLimited(Duration.ofSeconds(1)));
        assertEquals(CardCheck.MATCH, check(registry.cards().claimFor(CardCheck.MATCH)));
        List<RegistryRequest> all = registry.requests().all();
        assertEquals(2, all.size());
        Duration between = Duration.between(all.get(0).at(), all.get(1).at());
        assertTrue(between.compareTo(Duration.ofMillis(950)) >= 0, "Retry-After 1 s honoured, waited " + between);
    }

    /**
     * Latency well inside the deadline is simply waited for: one call, the answer.
     *
     * @throws RegistryException if the registry call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void latencyWithinTheDeadlineIsWaitedFor() throws RegistryException {
        registry.faults().inject(RegistryEndpoint.CARD_CHECKS, RegistryFault.latency(Duration.ofMillis(300)));
        assertEquals(CardCheck.MATCH, check(registry.cards().claimFor(CardCheck.MATCH)));
        assertEquals(1, registry.requests().all().size());
    }

    /** A deadline that already passed is a Timeout, and nothing is sent. */
    @Test
    public final void aDeadlineThatAlreadyPassedIsATimeoutWithoutARequest() {
        CallContext ctx = new CallContext("kit-expired", clock.instant().minusMillis(1), Locale.TAIWAN);
        RegistryException e = expectFailure(RegistryException.Timeout.class, ctx,
                () -> adapter.checkCard(ctx, registry.cards().claimFor(CardCheck.MATCH)));
        assertTrue(e.isRetryable());
        assertEquals(0, registry.requests().all().size(), "nothing is sent past the deadline");
    }

    // =================================================================== the fault matrix

    /**
     * {@return every fault on every endpoint of the profile, through {@code checkCard}} See the class
     * Javadoc: a fault that happens once is retried away; one that persists is a retryable
     * Timeout or Unavailable inside the deadline; malformed answers and correlator faults are
     * ProtocolViolations after one call.
     */
    @TestFactory
    public final Stream<DynamicTest> everyFaultOnEveryEndpoint() {
        List<DynamicTest> tests = new ArrayList<>();
        for (RegistryEndpoint endpoint : RegistryEndpoint.served()) {
            for (RegistryFaultCell cell : RegistryFaultCell.all()) {
                tests.add(DynamicTest.dynamicTest(endpoint + ": " + cell.name(), () -> run(endpoint, cell)));
            }
        }
        return tests.stream();
    }

    private void run(RegistryEndpoint endpoint, RegistryFaultCell cell) throws RegistryException {
        registry.faults().clear();
        registry.requests().clear();
        registry.faults().inject(endpoint, cell.fault());
        CallContext ctx = context(cell.deadline());
        CardClaim claim = registry.cards().claimFor(CardCheck.CARD_REPORTED_LOST);
        String what = endpoint + " " + cell.name();
        if (cell.outcome() == RegistryFaultCell.Outcome.SUCCEEDS_AFTER_ONE_RETRY) {
            assertEquals(CardCheck.CARD_REPORTED_LOST, adapter.checkCard(ctx, claim),
                    "a failure that happens once is retried and the call succeeds: " + what);
            assertEquals(2, registry.requests().of(endpoint).size(), "exactly one retry: " + what);
            return;
        }
        long start = System.nanoTime();
        RegistryException e = expectFailure(cell.expected(), ctx, () -> adapter.checkCard(ctx, claim));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < cell.deadline().toMillis() + SLACK_MS, "the deadline bounds the call (" + what
                + "), took " + tookMs + " ms");
        int calls = registry.requests().of(endpoint).size();
        assertTrue(calls >= 1, "the fault must be met: " + what);
        assertEquals(cell.status(), e.httpStatus(), "HTTP status: " + what);
        switch (cell.outcome()) {
            case PROTOCOL_VIOLATION -> {
                assertNever(e, what);
                assertEquals(1, calls, "a protocol violation is never retried: " + what);
            }
            case RATE_LIMITED -> {
                assertRetryable(e, what);
                assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter(), what);
                assertEquals(1, calls, "a Retry-After past the deadline is raised at once: " + what);
            }
            default -> {
                assertRetryable(e, what);
                assertTrue(calls <= 10, "retries are bounded: " + calls + " calls, " + what);
            }
        }
    }

    // =================================================================== helpers

    /** {@return a context with the kit's default 5 s deadline} */
    protected final CallContext context() {
        return context(TIMEOUT);
    }

    /**
     * {@return a context whose deadline is {@code timeout} from now by the registry's clock}
     *
     * @param timeout the longest the call may take
     */
    protected final CallContext context(Duration timeout) {
        return CallContext.withTimeout(timeout, clock);
    }

    private CardCheck check(CardClaim claim) throws RegistryException {
        return adapter.checkCard(context(), claim);
    }

    /** A call through the SPI that may fail with a {@link RegistryException}. */
    @FunctionalInterface
    protected interface SpiCall {
        /**
         * Makes the call.
         *
         * @throws RegistryException if the registry call fails; the permitted subclass says why and whether to retry
         */
        void run() throws RegistryException;
    }

    /**
     * Asserts that {@code call} fails with {@code type}, carrying the adapter's registry id and the
     * context's correlator, and that no ID or card number of the fixture appears in its message,
     * its {@code toString()} or any cause's.
     *
     * @param <T> the type of the value
     * @param type the type value
     * @param ctx the call context: deadline, correlator and retry budget
     * @param call the call value
     * @return the t
     */
    protected final <T extends RegistryException> T expectFailure(Class<T> type, CallContext ctx, SpiCall call) {
        RegistryException caught = null;
        try {
            call.run();
        } catch (RegistryException e) {
            caught = e;
        }
        if (caught == null) {
            fail("expected " + type.getSimpleName() + " but the call succeeded");
        }
        if (!type.isInstance(caught)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got "
                    + caught.getClass().getSimpleName() + ": " + caught.getMessage(), caught);
        }
        assertEquals(factory().id(), caught.registryId(), "the exception names the registry");
        assertEquals(ctx.correlator(), caught.correlator(), "the exception carries the call's correlator");
        assertNoPersonalData(caught);
        return type.cast(caught);
    }

    /** No fixture ID, card number or card number tail in the exception or its causes. */
    private void assertNoPersonalData(Throwable e) {
        List<String> secrets = new ArrayList<>();
        for (CardClaim c : List.of(registry.cards().claimFor(CardCheck.MATCH), registry.cards().claimFor(
                CardCheck.NO_MATCH), registry.cards().claimFor(CardCheck.CARD_REPORTED_LOST),
                registry.cards().claimFor(CardCheck.CARD_REPLACED), registry.cards().residentMatch(),
                registry.cards().unknownPerson())) {
            secrets.add(c.nationalId());
            secrets.add(c.cardNumber());
            secrets.add(c.cardNumber().substring(4));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t + " " + t.getMessage();
            for (String s : secrets) {
                assertFalse(text.contains(s), "an exception must never hold an ID or card number: " + text);
            }
        }
    }

    private void failsOnce(Class<? extends RegistryException> type, RegistryFault fault, int status) {
        registry.requests().clear();
        registry.faults().clear();
        registry.faults().inject(RegistryEndpoint.CARD_CHECKS, fault.times(3));
        CallContext ctx = context();
        RegistryException e = expectFailure(type, ctx,
                () -> adapter.checkCard(ctx, registry.cards().claimFor(CardCheck.MATCH)));
        assertNever(e, fault.toString());
        assertEquals(OptionalInt.of(status), e.httpStatus(), fault.toString());
        assertEquals(1, registry.requests().all().size(), type.getSimpleName() + " must not be retried (" + fault
                + ")");
        registry.faults().clear();
    }

    private static void assertNever(RegistryException e, String what) {
        assertEquals(Retry.NEVER, e.retry(), what);
        assertFalse(e.isRetryable(), what);
        assertTrue(e.alertsOperator(), what + ": an operator must act");
    }

    private static void assertRetryable(RegistryException e, String what) {
        assertEquals(Retry.WITH_BACKOFF, e.retry(), what);
        assertTrue(e.isRetryable(), what);
        assertFalse(e.alertsOperator(), what);
    }
}
