package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;

/**
 * {@link CarrierConformanceKit}'s checks of every error row of docs/carrier-contract.md §1, on KYC
 * match (an idempotent call): what is retried, what is never retried, and what each becomes.
 */
abstract class ErrorRowChecks extends LookupChecks {
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

    // =================================================================== helpers of these checks

    private void assertKycSucceeds() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        assertTrue(adapter.matchSubscriber(context(), s.msisdn(), claimsOf(s)).isFullMatch());
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

    private <T extends CarrierException> T kycFails(Class<T> type, CallContext ctx) {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        return expectFailure(type, ctx, () -> adapter.matchSubscriber(ctx, s.msisdn(), claimsOf(s)));
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

    private static void assertWithinDeadline(long startNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        assertTrue(took.compareTo(SHORT_DEADLINE.plus(SLACK)) < 0, "the deadline must bound the call, took " + took);
    }
}
