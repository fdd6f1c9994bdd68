package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;

/**
 * QR-jacking (SECURITY.md): a phone that got the QR code without seeing the applying device's
 * screen cannot start verification, because the person must type the pairing code that screen
 * shows; a few wrong codes cancel the enrolment.
 */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class PairingCodeTest {

    private static final String TERMS = EnrollmentService.DEFAULT_TERMS_VERSION;

    private static Harness h;
    private static Subscriber alice;

    @BeforeAll
    static void start(Harness shared) {
        h = shared;
        alice = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
    }


    @BeforeEach
    void clearLog() {
        h.networks.requests().clear();
    }

    private static EnrollmentException.Reason refused(DeviceSession phone, String code) {
        return assertThrows(EnrollmentException.class,
                () -> h.service.startVerification(phone.session(), Consent.accepted(TERMS), code)).reason();
    }

    /** A six-digit code that is not {@code right}. */
    private static String wrong(String right, int n) {
        String guess = String.format("%06d", (Integer.parseInt(right) + 1 + n) % 1_000_000);
        assertFalse(guess.equals(right));
        return guess;
    }

    @Test
    void aPhoneWithTheQrCodeButNotTheDesktopsPairingCodeCannotStartVerificationButTheRightCodeCan()
            throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        DeviceSession thief = h.scan(a);
        assertTrue(thief.summary().pairingCodeRequired());
        assertTrue(thief.summary().pairingCode().isEmpty(), "the phone is never told the code");
        String shown = h.desktopPairingCode(a.begun().enrollmentId());

        assertEquals(EnrollmentException.Reason.PAIRING_CODE_INCORRECT, refused(thief, wrong(shown, 0)));
        assertEquals(EnrollmentException.Reason.PAIRING_CODE_REQUIRED, assertThrows(EnrollmentException.class,
                () -> h.service.startVerification(thief.session(), Consent.accepted(TERMS))).reason(), "no code");
        assertEquals(EnrollmentException.Reason.PAIRING_CODE_REQUIRED, refused(thief, null));
        assertEquals(EnrollmentState.DEVICE_CONNECTED, h.status(a).state());
        assertTrue(h.networks.requests().all().isEmpty(), "no carrier call without the code");

        VerificationRedirect redirect = h.service.startVerification(thief.session(), Consent.accepted(TERMS), shown);
        assertTrue(redirect.carrierUri().isAbsolute());
        assertEquals(EnrollmentState.VERIFYING, h.status(a).state());
        // Paired for good: restarting the verification needs no code again.
        h.service.startVerification(thief.session(), Consent.accepted(TERMS), "");
    }

    @Test
    void callingWithoutACodeOrWithAnEmptyFieldIsFreeAndNeverSpendsOneOfTheFiveAttempts() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        DeviceSession phone = h.scan(a);
        String shown = h.desktopPairingCode(a.begun().enrollmentId());
        for (int i = 0; i < 2 * EnrollmentService.MAX_PAIRING_ATTEMPTS; i++) {
            assertEquals(EnrollmentException.Reason.PAIRING_CODE_REQUIRED, assertThrows(EnrollmentException.class,
                    () -> h.service.startVerification(phone.session(), Consent.accepted(TERMS))).reason());
            assertEquals(EnrollmentException.Reason.PAIRING_CODE_REQUIRED, refused(phone, i % 2 == 0 ? "" : " - "));
        }
        for (int i = 1; i < EnrollmentService.MAX_PAIRING_ATTEMPTS; i++) {
            assertEquals(EnrollmentException.Reason.PAIRING_CODE_INCORRECT, refused(phone, wrong(shown, i)), "try " + i);
        }
        assertTrue(h.service.startVerification(phone.session(), Consent.accepted(TERMS), shown).carrierUri()
                .isAbsolute(), "four wrong codes and twenty empty calls: the right code still pairs");
    }

    @Test
    void theFifthWrongCodeCancelsTheEnrollmentAndThenEvenTheRightCodeIsRefused() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        DeviceSession thief = h.scan(a);
        String shown = h.desktopPairingCode(a.begun().enrollmentId());
        for (int i = 1; i < EnrollmentService.MAX_PAIRING_ATTEMPTS; i++) {
            assertEquals(EnrollmentException.Reason.PAIRING_CODE_INCORRECT, refused(thief, wrong(shown, i)), "try " + i);
        }
        EnrollmentException last = assertThrows(EnrollmentException.class,
                () -> h.service.startVerification(thief.session(), Consent.accepted(TERMS), wrong(shown, 0)));
        assertEquals(EnrollmentException.Reason.PAIRING_CODE_LIMIT, last.reason());
        Harness.assertLocalised(last.remedy());

        assertInstanceOf(EnrollmentStatus.Cancelled.class, h.status(a));
        assertEquals(EnrollmentException.Reason.ENROLLMENT_ENDED, refused(thief, shown));
        assertTrue(h.networks.requests().all().isEmpty(), "no carrier was ever called");
        String id = a.begun().enrollmentId();
        List<EnrollmentEvent.PairingChecked> checks = h.audit.ofType(EnrollmentEvent.PairingChecked.class).stream()
                .filter(e -> e.enrollmentId().equals(id)).toList();
        assertEquals(EnrollmentService.MAX_PAIRING_ATTEMPTS, checks.size());
        assertTrue(checks.stream().noneMatch(EnrollmentEvent.PairingChecked::matched));
        assertEquals(List.of(EnrollmentEvent.Cancelled.PAIRING_CODE), h.audit.ofType(EnrollmentEvent.Cancelled.class)
                .stream().filter(e -> e.enrollmentId().equals(id)).map(EnrollmentEvent.Cancelled::cause).toList());
    }

    @Test
    void theRightCodeAfterFourWrongOnesStillPairsAndIsReadWithSpacesHyphensAndFullWidthDigits() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        DeviceSession phone = h.scan(a);
        String shown = h.desktopPairingCode(a.begun().enrollmentId());
        assertEquals(EnrollmentException.Reason.PAIRING_CODE_INCORRECT, refused(phone, shown + "0"), "seven digits");
        assertEquals(EnrollmentException.Reason.PAIRING_CODE_INCORRECT, refused(phone, shown.substring(1) + "a"),
                "a letter");
        for (int i = 3; i < EnrollmentService.MAX_PAIRING_ATTEMPTS; i++) {
            refused(phone, wrong(shown, i));
        }
        h.service.startVerification(phone.session(), Consent.accepted(TERMS), shown);
        assertEquals(EnrollmentState.VERIFYING, h.status(a).state());

        Harness.Applied b = h.apply(alice, DeviceClass.DESKTOP);
        DeviceSession other = h.scan(b);
        String otherCode = h.desktopPairingCode(b.begun().enrollmentId());
        StringBuilder fullWidth = new StringBuilder();
        otherCode.chars().forEach(ch -> fullWidth.append((char) ('\uFF10' + (ch - '0'))));
        String typed = " " + fullWidth.substring(0, 3) + "-" + fullWidth.substring(3) + "\u3000";
        h.service.startVerification(other.session(), Consent.accepted(TERMS), typed);
        assertEquals(EnrollmentState.VERIFYING, h.status(b).state());
    }

    @Test
    void theSameDeviceRouteNeedsNoPairingCode() throws Exception {
        DeviceSession here = assertInstanceOf(NextStep.ContinueHere.class,
                h.apply(alice, DeviceClass.SMARTPHONE).begun().next()).device();
        assertFalse(here.summary().pairingCodeRequired());
        assertTrue(here.summary().pairingCode().isEmpty());
        assertTrue(h.service.startVerification(here.session(), Consent.accepted(TERMS)).carrierUri().isAbsolute());
    }

    @Test
    void relaxedThePhoneIsShownTheCodeAndAnyCodeIsAcceptedButTheDesktopLearnsNoPerFieldMismatch() throws Exception {
        try (Harness relaxed = new Harness(b -> b.requirePairingCode(false))) {
            Subscriber s = relaxed.networks.subscribers().find("twm", Scenario.ELIGIBLE);
            Harness.Applied a = relaxed.apply(Harness.formOf(s).name("王小明").build(), DeviceClass.DESKTOP);
            DeviceSession phone = relaxed.scan(a);
            assertFalse(phone.summary().pairingCodeRequired());
            assertEquals(relaxed.desktopPairingCode(a.begun().enrollmentId()), phone.summary().pairingCode().orElseThrow());

            VerificationRedirect redirect = relaxed.service.startVerification(phone.session(),
                    Consent.accepted(TERMS), "000000 is not the code");
            VerificationOutcome outcome = relaxed.complete(relaxed.phoneOf(s).open(redirect.carrierUri()));
            Harness.assertReasons(outcome, "verification.NAME_MISMATCH");
            EnrollmentStatus.Rejected desktop = assertInstanceOf(EnrollmentStatus.Rejected.class, relaxed.status(a));
            assertEquals(List.of("verification.HOLDER_MISMATCH"),
                    desktop.reasons().stream().map(RejectionReason::code).toList());
            Harness.assertLocalised(desktop.reasons().get(0).remedy());
        }
    }

    @Test
    void aPairedDesktopSeesThePerFieldMismatch() throws Exception {
        Subscriber s = h.networks.subscribers().find("fet", Scenario.ELIGIBLE);
        Harness.Applied a = h.apply(Harness.formOf(s).birthDate("1986-03-15").build(), DeviceClass.DESKTOP);
        Harness.assertReasons(h.verifyOn(h.phoneOf(s), h.scan(a)), "verification.BIRTH_DATE_MISMATCH");
        EnrollmentStatus.Rejected desktop = assertInstanceOf(EnrollmentStatus.Rejected.class, h.status(a));
        assertEquals(List.of("verification.BIRTH_DATE_MISMATCH"),
                desktop.reasons().stream().map(RejectionReason::code).toList());
    }
}
