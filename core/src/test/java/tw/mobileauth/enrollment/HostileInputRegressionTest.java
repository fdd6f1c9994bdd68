package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;

/**
 * The bugs the entry-point fuzzing ({@code EntryPointFuzzProperties}) found, each pinned as an
 * example: what hostile input got, and what it gets now.
 */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class HostileInputRegressionTest {

    private static final String TERMS = EnrollmentService.DEFAULT_TERMS_VERSION;

    private static Harness h;

    @BeforeAll
    static void start(Harness shared) {
        h = shared;
    }


    private static DeviceSession sameDevice(Subscriber s) throws Exception {
        return assertInstanceOf(NextStep.ContinueHere.class, h.apply(s, DeviceClass.SMARTPHONE).begun().next()).device();
    }

    @Test
    void aConsentWithoutATermsVersionIsRefusedAsConsentRequiredAndTheRealOneIsAccepted() throws Exception {
        DeviceSession session = sameDevice(h.networks.subscribers().find("cht", Scenario.ELIGIBLE));
        // The portal builds the consent from the form post; a missing field is null.
        Consent missing = new Consent(null, true);
        assertEquals("", missing.termsVersion());
        assertEquals(EnrollmentException.Reason.CONSENT_REQUIRED, assertThrows(EnrollmentException.class,
                () -> h.service.startVerification(session.session(), missing)).reason());
        assertEquals(EnrollmentException.Reason.CONSENT_REQUIRED, assertThrows(EnrollmentException.class,
                () -> h.service.startVerification(session.session(), Consent.accepted(null))).reason());

        VerificationRedirect redirect = h.service.startVerification(session.session(), Consent.accepted(TERMS));
        assertTrue(redirect.carrierUri().isAbsolute());
    }

    @Test
    void aCarrierErrorInsideTheCallbackIsNotRetryableWithThatCallbackButANewVerificationSucceeds() throws Exception {
        notRetryableUntilVerifiedAgain(h.networks.subscribers().find("twm", Scenario.ELIGIBLE),
                genuine -> Map.of("state", genuine.get("state"), "error", "server_error"));
    }

    @Test
    void aRefusedCodeIsNotRetryableWithThatCallbackButANewVerificationSucceeds() throws Exception {
        // The carrier answers invalid_grant, which the SPI files under "retry with a new token".
        notRetryableUntilVerifiedAgain(h.networks.subscribers().find("cht", Scenario.ELIGIBLE),
                genuine -> Map.of("state", genuine.get("state"), "code", "forged-" + genuine.get("code")));
    }

    /**
     * The forged callback fails, twice, as not retryable (the same callback can never pass, so a
     * portal that retries retryable errors must not loop on it); the enrolment is kept, and a new
     * verification with the genuine callback completes.
     */
    private static void notRetryableUntilVerifiedAgain(Subscriber s,
            java.util.function.UnaryOperator<Map<String, String>> forge) throws Exception {
        DeviceSession session = sameDevice(s);
        VerificationRedirect redirect = h.service.startVerification(session.session(), Consent.accepted(TERMS));
        VerificationCallback forged = new VerificationCallback(forge.apply(h.phoneOf(s).open(redirect.carrierUri())));

        for (int repeat = 0; repeat < 2; repeat++) {
            EnrollmentUnavailableException e = assertThrows(EnrollmentUnavailableException.class,
                    () -> h.complete(forged));
            assertFalse(e.isRetryable(), "the same callback fails the same way on every repeat");
            assertTrue(e.retryAfter().isEmpty());
            assertEquals(EnrollmentTexts.get("unavailable.restart"), e.text());
        }
        List<EnrollmentEvent.CarrierFailed> failed = h.audit.ofType(EnrollmentEvent.CarrierFailed.class);
        assertFalse(failed.get(failed.size() - 1).retryable(), "the audit log says what the caller was told");

        VerificationRedirect again = h.service.startVerification(session.session(), Consent.accepted(TERMS));
        Map<String, String> genuine = h.phoneOf(s).open(again.carrierUri());
        assertInstanceOf(VerificationOutcome.Issued.class,
                h.complete(genuine));
    }

    @Test
    void aForgedCarrierErrorCodeIsNeverEchoedButARealOneIsReported() throws Exception {
        Subscriber s = h.networks.subscribers().find("fet", Scenario.ELIGIBLE);
        String forged = "\u202Eadmin logged in\n" + "A".repeat(1500);
        List<String> forgedFields = failWith(s, forged);
        assertTrue(forgedFields.get(0).endsWith(" UNRECOGNISED_CODE"), forgedFields.get(0));
        assertTrue(forgedFields.get(1).endsWith("/UNRECOGNISED_CODE"), forgedFields.get(1));
        forgedFields.forEach(text -> assertFalse(text.contains("admin logged in") || text.contains("AAAAAAAA"), text));

        List<String> realFields = failWith(s, "temporarily_unavailable");
        assertTrue(realFields.get(0).endsWith(" temporarily_unavailable"), realFields.get(0));
        assertEquals("CarrierUnavailable/temporarily_unavailable", realFields.get(1));
    }

    /** The exception message and the audited error of a callback carrying {@code error}. */
    private static List<String> failWith(Subscriber s, String error) throws Exception {
        DeviceSession session = sameDevice(s);
        VerificationRedirect redirect = h.service.startVerification(session.session(), Consent.accepted(TERMS));
        String state = h.phoneOf(s).open(redirect.carrierUri()).get("state");
        EnrollmentUnavailableException e = assertThrows(EnrollmentUnavailableException.class,
                () -> h.complete(Map.of("state", state, "error", error)));
        List<EnrollmentEvent.CarrierFailed> failed = h.audit.ofType(EnrollmentEvent.CarrierFailed.class);
        return List.of(e.getMessage(), failed.get(failed.size() - 1).error());
    }
}
