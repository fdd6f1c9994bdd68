package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.Fault;
import tw.mobileauth.carrier.testkit.LoggedRequest;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;

/**
 * docs/journey.md: a carrier failure leaves the enrolment recoverable. A look-up failure is retried
 * with the same callback; a failure once the code exchange was sent needs a new verification,
 * which succeeds within the window.
 */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class CarrierFailureTest {

    private static Harness h;

    @BeforeAll
    static void start(Harness shared) {
        h = shared;
    }


    @BeforeEach
    void reset() {
        h.networks.reset();
    }

    private Map<String, String> callbackFor(Harness.Applied a, Subscriber s) throws Exception {
        DeviceSession session = ((NextStep.ContinueHere) a.begun().next()).device();
        VerificationRedirect redirect = h.service.startVerification(session.session(),
                Consent.accepted(session.summary().termsVersion()));
        return h.phoneOf(s).open(redirect.carrierUri());
    }

    @Test
    void a503DuringTheLookUpsIsRetryableAndTheSameCallbackThenSucceedsWithoutASecondCodeExchange()
            throws Exception {
        Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
        Harness.Applied a = h.apply(s, DeviceClass.SMARTPHONE);
        Map<String, String> callback = callbackFor(a, s);
        h.networks.faults().inject("cht", Endpoint.KYC_MATCH, Fault.status(503).times(5));

        EnrollmentUnavailableException e = assertThrows(EnrollmentUnavailableException.class,
                () -> h.complete(callback));
        assertTrue(e.isRetryable());
        assertEquals(EnrollmentUnavailableException.Source.CARRIER, e.source());
        Harness.assertLocalised(e.text());
        EnrollmentStatus.InProgress during = assertInstanceOf(EnrollmentStatus.InProgress.class, h.status(a));
        assertEquals(EnrollmentState.VERIFYING, during.state());
        assertTrue(during.lastError().isPresent());

        h.networks.faults().clear();
        h.advance(Duration.ofSeconds(30));
        long verifications = h.networks.requests().endpoints("cht").stream()
                .filter(x -> x == Endpoint.NUMBER_VERIFY).count();
        assertEquals(1, verifications);
        VerificationOutcome retried = h.complete(callback);
        assertInstanceOf(VerificationOutcome.Issued.class, retried);
        assertEquals(verifications, h.networks.requests().endpoints("cht").stream()
                .filter(x -> x == Endpoint.NUMBER_VERIFY).count(),
                "the verified number was checkpointed: no second number verification");
        assertInstanceOf(EnrollmentStatus.Completed.class, h.status(a));
        assertEquals(retried, h.complete(callback),
                "a repeated callback is idempotent");
    }

    @Test
    void aResetAtTheCodeExchangeIsNotRetryableWithTheSameCallbackAndARestartedVerificationCompletes()
            throws Exception {
        Subscriber s = h.networks.subscribers().find("twm", Scenario.ELIGIBLE);
        Harness.Applied a = h.apply(s, DeviceClass.SMARTPHONE);
        DeviceSession session = ((NextStep.ContinueHere) a.begun().next()).device();
        Map<String, String> callback = h.startAndOpen(session, s);
        h.networks.faults().inject("twm", Endpoint.TOKEN, Fault.connectionReset());

        EnrollmentUnavailableException e = assertThrows(EnrollmentUnavailableException.class,
                () -> h.complete(callback));
        assertFalse(e.isRetryable(), "the code may be redeemed: the same callback must not be sent again");
        assertEquals(EnrollmentUnavailableException.Source.CARRIER, e.source());
        assertEquals(EnrollmentTexts.get("unavailable.restart"), e.text(), "the phone is told to start again");
        EnrollmentStatus.InProgress during = assertInstanceOf(EnrollmentStatus.InProgress.class, h.status(a));
        assertEquals(EnrollmentState.VERIFYING, during.state(), "the enrolment stays recoverable");
        assertEquals(Optional.of(CarrierCalls.RESTART), during.lastError());

        h.advance(Duration.ofSeconds(30));
        Map<String, String> restarted = h.startAndOpen(session, s);
        assertNotEquals(callback.get("state"), restarted.get("state"), "a new verification, a new callback");
        VerificationOutcome outcome = h.complete(restarted);
        assertInstanceOf(VerificationOutcome.Issued.class, outcome);
        assertInstanceOf(EnrollmentStatus.Completed.class, h.status(a));
        assertEquals(2, h.codeExchanges("twm").size(), "one exchange per callback, none repeated");
    }

    @Test
    void aCodeExchangeWhoseAnswerIsLostAfterTheCarrierRedeemedTheCodeIsRestartedNotRepeated() throws Exception {
        Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
        Harness.Applied a = h.apply(s, DeviceClass.SMARTPHONE);
        DeviceSession session = ((NextStep.ContinueHere) a.begun().next()).device();
        Map<String, String> callback = h.startAndOpen(session, s);
        h.networks.faults().inject("cht", Endpoint.TOKEN, Fault.resetAfterProcessing());

        EnrollmentUnavailableException e = assertThrows(EnrollmentUnavailableException.class,
                () -> h.complete(callback));
        assertFalse(e.isRetryable());
        // What a portal that repeated the same callback would meet: the carrier already redeemed the code.
        EnrollmentUnavailableException repeated = assertThrows(EnrollmentUnavailableException.class,
                () -> h.complete(callback));
        assertFalse(repeated.isRetryable());
        assertEquals(List.of(0, 400), h.codeExchanges("cht").stream().map(LoggedRequest::responseStatus).toList(),
                "the first exchange was processed and its answer lost; the same code was then refused");
        assertEquals(EnrollmentState.VERIFYING, h.status(a).state());

        VerificationOutcome outcome = h.complete(h.startAndOpen(session, s));
        assertInstanceOf(VerificationOutcome.Issued.class, outcome, "the restarted verification completes");
        assertInstanceOf(EnrollmentStatus.Completed.class, h.status(a));
    }

    @Test
    void aCarrierThatAnswersTooLateIsATimeoutThatLosesNothingAndARetrySucceeds() throws Exception {
        // The fake network really sleeps here: latency is wall-clock, unlike the injected clock.
        try (Harness slow = new Harness(b -> b.carrierTimeout(Duration.ofMillis(1500)))) {
            Subscriber s = slow.networks.subscribers().find("fet", Scenario.ELIGIBLE);
            Harness.Applied a = slow.apply(s, DeviceClass.SMARTPHONE);
            DeviceSession session = ((NextStep.ContinueHere) a.begun().next()).device();
            VerificationRedirect redirect = slow.service.startVerification(session.session(),
                    Consent.accepted(session.summary().termsVersion()));
            Map<String, String> callback = slow.phoneOf(s).open(redirect.carrierUri());
            // FET answers both the KYC match and the attributes at this endpoint, and step 5 asks them side
            // by side: every attempt of either (3 each) answers too late.
            slow.networks.faults().inject("fet", Endpoint.KYC_MATCH, Fault.latency(Duration.ofMillis(2500)).times(6));

            EnrollmentUnavailableException e = assertThrows(EnrollmentUnavailableException.class,
                    () -> slow.complete(callback));
            assertTrue(e.isRetryable());
            assertEquals(EnrollmentUnavailableException.Source.CARRIER, e.source());
            assertInstanceOf(EnrollmentStatus.InProgress.class, slow.status(a));

            slow.networks.faults().clear();
            VerificationOutcome retried = slow.complete(callback);
            assertInstanceOf(VerificationOutcome.Issued.class, retried);
            assertInstanceOf(EnrollmentStatus.Completed.class, slow.status(a));
        }
    }

    @Test
    void aForeignOrReplayedStateIsRefused() throws Exception {
        Subscriber s = h.networks.subscribers().find("fet", Scenario.ELIGIBLE);
        Harness.Applied a = h.apply(s, DeviceClass.SMARTPHONE);
        Map<String, String> callback = callbackFor(a, s);
        assertEquals(EnrollmentException.Reason.STATE_UNKNOWN, assertThrows(EnrollmentException.class,
                () -> h.complete(Map.of("code", "x", "state", "forged")))
                .reason());
        assertInstanceOf(VerificationOutcome.Issued.class,
                h.complete(callback));
        Map<String, String> replay = new java.util.HashMap<>(callback);
        replay.put("code", "another-code");
        assertEquals(EnrollmentException.Reason.STATE_REPLAYED, assertThrows(EnrollmentException.class,
                () -> h.complete(replay)).reason());
    }
}
