package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.eligibility.DeviceClass;
import tw.mobileauth.store.CredentialRecord;

/** DESIGN §5.4: every re-enrolment binds a new credential; the binding policy decides about the old ones. */
class ReEnrollmentTest {

    private static String enrol(Harness h, Subscriber s, DeviceClass device) throws Exception {
        return assertInstanceOf(VerificationOutcome.Completed.class, h.journey(s, device).outcome()).credentialId();
    }

    private static List<String> active(Harness h, String subjectKey) {
        return h.credentials.listBySubject(subjectKey).stream().filter(CredentialRecord::isActive)
                .map(CredentialRecord::credentialId).toList();
    }

    @Test
    void replaceAllRevokesEveryEarlierCredentialOnForgottenPasswordNewBrowserAndNewPhone() throws Exception {
        try (Harness h = new Harness()) {
            Subscriber s = h.networks.subscribers().find("twm", Scenario.ELIGIBLE);
            String first = enrol(h, s, DeviceClass.DESKTOP);
            String subject = h.credentials.find(first).orElseThrow().subjectKey();
            h.advance(java.time.Duration.ofSeconds(1));
            String forgottenPassword = enrol(h, s, DeviceClass.DESKTOP);
            assertEquals(List.of(forgottenPassword), active(h, subject));
            h.advance(java.time.Duration.ofSeconds(1));
            String newBrowser = enrol(h, s, DeviceClass.TABLET_WITHOUT_SIM);
            h.advance(java.time.Duration.ofSeconds(1));
            String newPhone = enrol(h, s, DeviceClass.SMARTPHONE);
            assertEquals(List.of(newPhone), active(h, subject));
            assertEquals(4, h.credentials.listBySubject(subject).size(), "revoked credentials stay listed");
            assertEquals(3, h.audit.ofType(tw.mobileauth.audit.EnrollmentEvent.CredentialRevoked.class).size());
            assertEquals(List.of(first, forgottenPassword, newBrowser, newPhone),
                    h.credentials.listBySubject(subject).stream().map(CredentialRecord::credentialId).toList());
        }
    }

    @Test
    void keepLatestTwoKeepsTheTwoNewestCredentials() throws Exception {
        try (Harness h = new Harness(b -> b.bindingPolicy(BindingPolicy.keepLatest(2)))) {
            Subscriber s = h.networks.subscribers().find("fet", Scenario.ELIGIBLE);
            String first = enrol(h, s, DeviceClass.SMARTPHONE);
            String subject = h.credentials.find(first).orElseThrow().subjectKey();
            h.advance(java.time.Duration.ofSeconds(1));
            String second = enrol(h, s, DeviceClass.SMARTPHONE);
            assertEquals(List.of(first, second), active(h, subject));
            h.advance(java.time.Duration.ofSeconds(1));
            String third = enrol(h, s, DeviceClass.SMARTPHONE);
            assertEquals(List.of(second, third), active(h, subject));
        }
    }
}
