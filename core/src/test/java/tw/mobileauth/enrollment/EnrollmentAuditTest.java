package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.crypto.DeviceKey;

/**
 * The audit trail of refused and restarted enrolment steps (issue 15, mutation testing): every
 * refusal at step 1, at the form, at the device key, at the handoff and every restart leaves one
 * event naming the step and its causes, and never the raw identifier the applicant typed.
 */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class EnrollmentAuditTest {

    private static Harness h;
    private static Subscriber alice;

    @BeforeAll
    static void start(Harness shared) {
        h = shared;
        alice = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
    }

    @BeforeEach
    void forget() {
        h.networks.reset();
        h.audit.clear();
    }

    private static List<EnrollmentEvent.InputRejected> rejected() {
        return h.audit.ofType(EnrollmentEvent.InputRejected.class);
    }

    private static List<EnrollmentEvent.HandoffRefused> refusedHandoffs() {
        return h.audit.ofType(EnrollmentEvent.HandoffRefused.class);
    }

    private static NextStep.ShowQrCode qr(Harness.Applied a) {
        return assertInstanceOf(NextStep.ShowQrCode.class, a.begun().next());
    }

    private static EnrollmentException.Reason open(String token) {
        return assertThrows(EnrollmentException.class,
                () -> h.service.openOnDevice(token, ClientContext.of(DeviceClass.SMARTPHONE))).reason();
    }

    @Test
    void aMalformedNationalIdAtStepOneIsAuditedByFieldAndReasonWithoutTheInput() {
        String typed = "A123456788"; // checksum wrong
        assertThrows(InvalidInputException.class, () -> h.service.checkNationalId(typed));
        List<EnrollmentEvent.InputRejected> events = rejected();
        assertEquals(1, events.size(), h.audit.names().toString());
        assertEquals("checkNationalId", events.get(0).step());
        assertFalse(events.get(0).causes().isEmpty());
        for (String cause : events.get(0).causes()) {
            assertTrue(cause.matches("nationalId:[A-Z_]+"), cause);
        }
        h.audit.events().forEach(e -> assertFalse(e.fields().values().toString().contains(typed)));
    }

    @Test
    void anIneligibleIdClassAtStepOneIsAuditedWithTheEligibilityCode() {
        String resident = TestIds.residentNumber();
        assertThrows(EnrollmentException.class, () -> h.service.checkNationalId(resident));
        List<EnrollmentEvent.InputRejected> events = rejected();
        assertEquals(1, events.size(), h.audit.names().toString());
        assertEquals("checkNationalId", events.get(0).step());
        assertEquals(List.of("eligibility:ID_NOT_CITIZEN"), events.get(0).causes());
        h.audit.events().forEach(e -> assertFalse(e.fields().values().toString().contains(resident)));
    }

    @Test
    void anIneligibleIdClassOnTheFormIsAuditedAtBegin() {
        assertThrows(EnrollmentException.class,
                () -> h.apply(Harness.formOf(alice).nationalId(TestIds.residentNumber()).build(), DeviceClass.DESKTOP));
        List<EnrollmentEvent.InputRejected> events = rejected();
        assertEquals(1, events.size(), h.audit.names().toString());
        assertEquals("begin", events.get(0).step());
        assertEquals(List.of("eligibility:ID_NOT_CITIZEN"), events.get(0).causes());
        assertTrue(h.audit.ofType(EnrollmentEvent.Started.class).isEmpty(), "nothing started");
    }

    @Test
    void anInvalidFormIsAuditedAtBeginByFieldAndReason() {
        assertThrows(InvalidInputException.class,
                () -> h.apply(Harness.formOf(alice).mobileNumber("12345").build(), DeviceClass.DESKTOP));
        List<EnrollmentEvent.InputRejected> events = rejected();
        assertEquals(1, events.size(), h.audit.names().toString());
        assertEquals("begin", events.get(0).step());
        assertFalse(events.get(0).causes().isEmpty());
        for (String cause : events.get(0).causes()) {
            assertTrue(cause.matches("[A-Za-z]+:[A-Z_]+"), cause);
        }
        assertTrue(events.get(0).causes().stream().anyMatch(c -> c.startsWith("mobileNumber:")),
                events.get(0).causes().toString());
    }

    @Test
    void aWrongCaptchaIsAuditedAtBegin() throws Exception {
        FormChallenge fc = h.service.prepareApplication();
        EnrollmentApplication app = EnrollmentApplication.builder()
                .form(Harness.formOf(alice).build())
                .challenge(fc.challenge())
                .captcha(fc.captcha().id(), "not the answer")
                .build();
        EnrollmentException e = assertThrows(EnrollmentException.class,
                () -> h.service.begin(app, ClientContext.of(DeviceClass.DESKTOP)));
        assertEquals(EnrollmentException.Reason.CAPTCHA_INCORRECT, e.reason());
        assertEquals(List.of("captcha:INCORRECT"), rejected().get(0).causes());
        assertEquals("begin", rejected().get(0).step());
        assertEquals(1, rejected().size());
    }

    @Test
    void anUnreadableDeviceKeyAndAProofOverSomethingElseAreAuditedAtBegin() throws Exception {
        FormChallenge fc = h.service.prepareApplication();
        EnrollmentApplication badKey = EnrollmentApplication.builder()
                .form(Harness.formOf(alice).build())
                .challenge(fc.challenge())
                .captcha(fc.captcha().id(), h.captcha.answerFor(fc.captcha().id()))
                .devicePublicKey(new byte[] {1, 2, 3})
                .proofOfPossession(new byte[] {4, 5, 6})
                .build();
        assertEquals(EnrollmentException.Reason.DEVICE_KEY_INVALID, assertThrows(EnrollmentException.class,
                () -> h.service.begin(badKey, ClientContext.of(DeviceClass.DESKTOP))).reason());
        assertEquals(List.of("deviceKey:INVALID"), rejected().get(0).causes());

        FormChallenge fc2 = h.service.prepareApplication();
        DeviceKey key = DeviceKey.generate(h.random);
        EnrollmentApplication badProof = EnrollmentApplication.builder()
                .form(Harness.formOf(alice).build())
                .challenge(fc2.challenge())
                .captcha(fc2.captcha().id(), h.captcha.answerFor(fc2.captcha().id()))
                .devicePublicKey(key.publicKeySpki())
                .proofOfPossession(key.sign(new byte[] {7, 8, 9}))
                .build();
        assertEquals(EnrollmentException.Reason.PROOF_OF_POSSESSION_INVALID, assertThrows(EnrollmentException.class,
                () -> h.service.begin(badProof, ClientContext.of(DeviceClass.DESKTOP))).reason());
        assertEquals(2, rejected().size(), h.audit.names().toString());
        assertEquals(List.of("deviceKey:PROOF_INVALID"), rejected().get(1).causes());
        assertEquals("begin", rejected().get(1).step());
    }

    @Test
    void theSameDeviceRouteIsAuditedAsStartedAndConnected() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.SMARTPHONE);
        String id = a.begun().enrollmentId();
        List<EnrollmentEvent.DeviceConnected> connected = h.audit.ofType(EnrollmentEvent.DeviceConnected.class);
        assertEquals(1, connected.size(), h.audit.names().toString());
        assertEquals(id, connected.get(0).enrollmentId());
        assertEquals("SMARTPHONE", connected.get(0).deviceClass());
        assertEquals(id, h.audit.ofType(EnrollmentEvent.Started.class).get(0).enrollmentId());
    }

    @Test
    void anEmptyOrUnknownHandoffTokenIsAuditedAsUnknown() {
        assertEquals(EnrollmentException.Reason.HANDOFF_INVALID, open(""));
        assertEquals(1, refusedHandoffs().size(), h.audit.names().toString());
        assertEquals("UNKNOWN", refusedHandoffs().get(0).outcome());
        assertEquals(EnrollmentException.Reason.HANDOFF_INVALID, open("no-such-token-0123456789abcdef"));
        assertEquals(2, refusedHandoffs().size(), h.audit.names().toString());
        assertEquals("UNKNOWN", refusedHandoffs().get(1).outcome());
        assertEquals("-", refusedHandoffs().get(1).enrollmentId());
    }

    @Test
    void anExpiredAndAnAlreadyClaimedHandoffAreAuditedForTheirEnrolment() throws Exception {
        Harness.Applied late = h.apply(alice, DeviceClass.DESKTOP);
        h.advance(Duration.ofMinutes(6));
        assertEquals(EnrollmentException.Reason.HANDOFF_EXPIRED, open(Harness.token(qr(late))));
        assertEquals(1, refusedHandoffs().size(), h.audit.names().toString());
        assertEquals("EXPIRED", refusedHandoffs().get(0).outcome());
        assertEquals(late.begun().enrollmentId(), refusedHandoffs().get(0).enrollmentId());

        Harness.Applied twice = h.apply(alice, DeviceClass.DESKTOP);
        h.scan(twice);
        assertEquals(EnrollmentException.Reason.HANDOFF_ALREADY_CLAIMED, open(Harness.token(qr(twice))));
        assertEquals(2, refusedHandoffs().size(), h.audit.names().toString());
        assertEquals("ALREADY_CLAIMED", refusedHandoffs().get(1).outcome());
        assertEquals(twice.begun().enrollmentId(), refusedHandoffs().get(1).enrollmentId());
    }

    @Test
    void aDeviceThatCannotVerifyIsRefusedAndAuditedWithoutSpendingTheCode() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        String token = Harness.token(qr(a));
        EnrollmentException e = assertThrows(EnrollmentException.class,
                () -> h.service.openOnDevice(token, ClientContext.of(DeviceClass.DESKTOP)));
        assertEquals(EnrollmentException.Reason.INELIGIBLE, e.reason());
        assertEquals(1, refusedHandoffs().size(), h.audit.names().toString());
        assertEquals("DEVICE_CANNOT_VERIFY", refusedHandoffs().get(0).outcome());
        h.service.openOnDevice(token, ClientContext.of(DeviceClass.SMARTPHONE));
    }

    @Test
    void aRegeneratedQrCodeIsAuditedWithItsCountAndOnlyWhileAwaitingTheDevice() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        String id = a.begun().enrollmentId();
        NextStep.ShowQrCode fresh = h.service.regenerateQr(id, a.begun().desktopSecret());
        List<EnrollmentEvent.HandoffIssued> issued = h.audit.ofType(EnrollmentEvent.HandoffIssued.class);
        assertEquals(2, issued.size(), h.audit.names().toString());
        assertEquals(0, issued.get(0).regeneration());
        assertEquals(1, issued.get(1).regeneration());
        assertEquals(id, issued.get(1).enrollmentId());
        assertEquals(fresh.expiresAt(), issued.get(1).expiresAt());
        EnrollmentStatus.AwaitingDevice waiting = assertInstanceOf(EnrollmentStatus.AwaitingDevice.class, h.status(a));
        assertEquals(EnrollmentService.DEFAULT_MAX_REGENERATIONS - 1, waiting.regenerationsLeft());

        h.service.openOnDevice(Harness.token(fresh), ClientContext.of(DeviceClass.SMARTPHONE));
        assertEquals(EnrollmentException.Reason.WRONG_STEP, assertThrows(EnrollmentException.class,
                () -> h.service.regenerateQr(id, a.begun().desktopSecret())).reason());
        assertEquals(2, h.audit.ofType(EnrollmentEvent.HandoffIssued.class).size());
    }

    @Test
    void aRestartCancelsOnceIsAuditedOnceAndNeedsTheDesktopSecret() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        String id = a.begun().enrollmentId();
        assertEquals(EnrollmentException.Reason.ACCESS_DENIED, assertThrows(EnrollmentException.class,
                () -> h.service.restart(id, DesktopSecret.fromTransport("guess"))).reason());
        assertInstanceOf(EnrollmentStatus.AwaitingDevice.class, h.status(a));
        assertTrue(h.audit.ofType(EnrollmentEvent.Cancelled.class).isEmpty());

        h.service.restart(id, a.begun().desktopSecret());
        assertInstanceOf(EnrollmentStatus.Cancelled.class, h.status(a));
        List<EnrollmentEvent.Cancelled> cancelled = h.audit.ofType(EnrollmentEvent.Cancelled.class);
        assertEquals(1, cancelled.size(), h.audit.names().toString());
        assertEquals(id, cancelled.get(0).enrollmentId());
        assertEquals(EnrollmentEvent.Cancelled.BY_APPLICANT, cancelled.get(0).cause());

        h.service.restart(id, a.begun().desktopSecret()); // already cancelled: nothing more to do
        assertEquals(1, h.audit.ofType(EnrollmentEvent.Cancelled.class).size());
        assertInstanceOf(EnrollmentStatus.Cancelled.class, h.status(a));
    }

    @Test
    void aCompletedEnrolmentCannotBeRestarted() throws Exception {
        Harness.Journey done = h.journey(alice, DeviceClass.DESKTOP);
        assertInstanceOf(EnrollmentStatus.Completed.class, h.status(done.applied()));
        assertEquals(EnrollmentException.Reason.ENROLLMENT_ENDED, assertThrows(EnrollmentException.class,
                () -> h.service.restart(done.applied().begun().enrollmentId(),
                        done.applied().begun().desktopSecret())).reason());
        assertInstanceOf(EnrollmentStatus.Completed.class, h.status(done.applied()));
        assertTrue(h.audit.ofType(EnrollmentEvent.Cancelled.class).isEmpty());
    }
}
