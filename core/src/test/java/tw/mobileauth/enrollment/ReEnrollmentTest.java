package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.store.CredentialRecord;

/** docs/journey.md: every re-enrolment binds a new credential; the binding policy decides about the old ones. */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class ReEnrollmentTest {

    private static String enrol(Harness h, Subscriber s, DeviceClass device) throws Exception {
        return assertInstanceOf(VerificationOutcome.Issued.class, h.journey(s, device).outcome()).credentialId();
    }

    private static List<String> active(Harness h, String subjectKey) {
        return h.credentials.listBySubject(subjectKey).stream().filter(CredentialRecord::isActive)
                .map(CredentialRecord::credentialId).toList();
    }

    /** The whole journey of {@code s} on {@code device} with {@code password} as the 憑證密碼. */
    private static String enrol(Harness h, Subscriber s, DeviceClass device, String password) throws Exception {
        Harness.Applied applied = h.apply(Harness.formOf(s).password(password.toCharArray())
                .passwordConfirmation(password.toCharArray()).build(), device);
        DeviceSession session = applied.begun().next() instanceof NextStep.ContinueHere here ? here.device()
                : h.scan(applied);
        return assertInstanceOf(VerificationOutcome.Issued.class, h.verifyOn(h.phoneOf(s), session))
                .credentialId();
    }

    private static boolean passwordOpens(Harness h, String credentialId, String password) throws Exception {
        return Argon2idPasswordHasher.withDefaults().verify(password.toCharArray(),
                h.credentials.find(credentialId).orElseThrow().passwordHash());
    }

    @Test
    void replaceAllRevokesEveryEarlierCredentialOnForgottenPasswordNewBrowserAndNewPhone(Harness h) throws Exception {
        Subscriber s = h.networks.subscribers().find("twm", Scenario.ELIGIBLE);
        String first = enrol(h, s, DeviceClass.DESKTOP);
        String subject = h.credentials.find(first).orElseThrow().subjectKey();
        h.advance(java.time.Duration.ofSeconds(1));
        // Forgotten password: the person enrols again with a new password.
        String newPassword = "Otter-Compass-5719!";
        String forgottenPassword = enrol(h, s, DeviceClass.DESKTOP, newPassword);
        assertEquals(List.of(forgottenPassword), active(h, subject));
        assertTrue(passwordOpens(h, forgottenPassword, newPassword), "the new credential takes the new password");
        assertFalse(passwordOpens(h, forgottenPassword, Harness.PASSWORD), "and not the forgotten one");
        assertTrue(passwordOpens(h, first, Harness.PASSWORD), "the old password belonged only to the old ...");
        assertTrue(h.credentials.find(first).orElseThrow().revokedAt().isPresent(), "... credential, now revoked");
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

    /**
     * {@code n} enrolments of one person, each up to its callback; then all callbacks at once, with
     * every credential inserted before any binding policy runs. @return the active credential ids
     */
    private static List<String> completeAtOnce(BindingPolicy policy, int n) throws Exception {
        InstrumentedCredentialStore store = new InstrumentedCredentialStore(n);
        try (Harness h = new Harness(b -> {
            b.stores(new tw.mobileauth.store.InMemoryEnrollmentStore(), new tw.mobileauth.store.InMemoryOneTimeTokenStore(),
                    store);
            return b.bindingPolicy(policy);
        })) {
            Subscriber s = h.networks.subscribers().find("twm", Scenario.ELIGIBLE);
            List<VerificationCallback> callbacks = new java.util.ArrayList<>();
            List<PhoneSession> phones = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                DeviceSession d = assertInstanceOf(NextStep.ContinueHere.class,
                        h.apply(s, DeviceClass.SMARTPHONE).begun().next()).device();
                callbacks.add(new VerificationCallback(h.phoneOf(s).open(h.startVerification(d).carrierUri())));
                phones.add(d.session());
            }
            store.arm(true);
            List<VerificationOutcome> outcomes = tw.mobileauth.store.Races.race(n,
                    i -> () -> h.service.completeVerification(phones.get(i), callbacks.get(i)));
            store.arm(false);
            List<String> issued = outcomes.stream()
                    .map(o -> assertInstanceOf(VerificationOutcome.Issued.class, o).credentialId()).toList();
            String subject = store.find(issued.get(0)).orElseThrow().subjectKey();
            List<CredentialRecord> all = store.listBySubject(subject);
            assertEquals(n, all.size());
            List<String> newest = all.stream().skip(n - policy.keep()).map(CredentialRecord::credentialId).toList();
            List<String> active = all.stream().filter(CredentialRecord::isActive).map(CredentialRecord::credentialId)
                    .toList();
            assertEquals(newest, active, "the newest " + policy.keep() + " by (issuedAt, id) survive");
            return active;
        }
    }

    @Test
    void twoEnrollmentsOfOnePersonCompletingAtOnceLeaveExactlyTheNewestActiveUnderReplaceAll() throws Exception {
        assertEquals(1, completeAtOnce(BindingPolicy.replaceAll(), 2).size());
    }

    @Test
    void threeEnrollmentsCompletingAtOnceLeaveTheTwoNewestActiveUnderKeepLatestTwo() throws Exception {
        assertEquals(2, completeAtOnce(BindingPolicy.keepLatest(2), 3).size());
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
