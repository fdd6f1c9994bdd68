package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.eligibility.DeviceClass;

/**
 * The bugs the entry-point fuzzing ({@code EntryPointFuzzProperties}) found, each pinned as an
 * example: what hostile input got, and what it gets now.
 */
class HostileInputRegressionTest {

    private static final String TERMS = EnrollmentService.DEFAULT_TERMS_VERSION;

    private static Harness h;

    @BeforeAll
    static void start() {
        h = new Harness();
    }

    @AfterAll
    static void stop() {
        h.close();
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
}
