package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.Fault;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;

/**
 * docs/journey.md: a number-verification checkpoint lets a retry of the <em>same</em> callback skip the
 * code exchange; it never carries over to a restarted verification, which must prove possession
 * again.
 */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class VerificationRestartTest {

    private static Harness h;

    @BeforeAll
    static void start(Harness shared) {
        h = shared;
    }


    @BeforeEach
    void reset() {
        h.networks.reset();
    }

    static String stateOf(URI authorizeUri) {
        for (String kv : authorizeUri.getRawQuery().split("&")) {
            if (kv.startsWith("state=")) {
                return URLDecoder.decode(kv.substring("state=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no state in " + authorizeUri.getPath());
    }

    private static long numberVerifications(String carrier) {
        return h.networks.requests().endpoints(carrier).stream().filter(e -> e == Endpoint.NUMBER_VERIFY).count();
    }

    @Test
    void afterACheckpointARestartedVerificationWithAForgedCodeNeverCompletesButItsGenuineCallbackDoes()
            throws Exception {
        Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
        DeviceSession session = assertInstanceOf(NextStep.ContinueHere.class,
                h.apply(s, DeviceClass.SMARTPHONE).begun().next()).device();
        Consent consent = Consent.accepted(session.summary().termsVersion());

        // The number is verified, then the KYC match fails: the checkpoint is written.
        Map<String, String> first = h.phoneOf(s).open(h.service.startVerification(session.session(), consent)
                .carrierUri());
        h.networks.faults().inject("cht", Endpoint.KYC_MATCH, Fault.status(503).times(5));
        assertThrows(EnrollmentUnavailableException.class,
                () -> h.complete(first));
        h.networks.faults().clear();
        assertEquals(1, numberVerifications("cht"));

        // The phone restarts verification; a callback with the new state but a code the carrier
        // never issued must not ride on the old checkpoint.
        VerificationRedirect restarted = h.service.startVerification(session.session(), consent);
        VerificationCallback forged = new VerificationCallback(
                Map.of("state", stateOf(restarted.carrierUri()), "code", "never-issued"));
        Object outcome;
        try {
            outcome = h.complete(forged);
        } catch (EnrollmentUnavailableException | EnrollmentException e) {
            outcome = e;
        }
        assertFalse(outcome instanceof VerificationOutcome.Issued, "a forged code completed the enrolment");
        assertEquals(1, numberVerifications("cht"), "the forged code got no further than the code exchange");

        // A fresh, genuine verification completes, verifying the number again.
        Map<String, String> genuine = h.phoneOf(s).open(h.service.startVerification(session.session(), consent)
                .carrierUri());
        assertInstanceOf(VerificationOutcome.Issued.class,
                h.complete(genuine));
        assertEquals(2, numberVerifications("cht"), "possession was proven again for the new state");
    }
}
