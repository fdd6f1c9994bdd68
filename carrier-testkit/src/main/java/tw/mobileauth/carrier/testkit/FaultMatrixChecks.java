package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.NvChallenge;

/**
 * {@link CarrierConformanceKit}'s fault matrix: every injectable fault on every endpoint the adapter
 * uses, through the SPI call that uses it.
 */
abstract class FaultMatrixChecks extends ErrorRowChecks {

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

    private static final int[] SERVER_ERRORS = {500, 502, 503, 504};

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
}
