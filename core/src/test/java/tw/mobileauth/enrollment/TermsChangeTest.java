package tw.mobileauth.enrollment;

import tw.mobileauth.client.ClientContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;

/**
 * The portal may publish new terms while enrolments are pending. A phone consents to the terms it
 * was shown (or to the new ones), never gets stuck, and the consent record names what it accepted.
 */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class TermsChangeTest {

    private static final String OLD = EnrollmentService.DEFAULT_TERMS_VERSION;
    private static final String NEW = "2025-06";

    @Test
    void aPhoneShownTheOldTermsMayConsentToThemOrTheNewOnesAfterAChangeButToNoOtherVersion(Harness h) throws Exception {
        Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
        DeviceSession shownOld = assertInstanceOf(NextStep.ContinueHere.class,
                h.apply(s, DeviceClass.SMARTPHONE).begun().next()).device();
        DeviceSession alsoShownOld = assertInstanceOf(NextStep.ContinueHere.class,
                h.apply(s, DeviceClass.SMARTPHONE).begun().next()).device();
        assertEquals(OLD, shownOld.summary().termsVersion());

        EnrollmentService updated = h.sibling(Set.of("cht", "twm", "fet"), b -> b.termsVersion(NEW));
        assertEquals(EnrollmentException.Reason.CONSENT_REQUIRED, assertThrows(EnrollmentException.class,
                () -> updated.startVerification(shownOld.session(), Consent.accepted("2024-12"))).reason());
        updated.startVerification(shownOld.session(), Consent.accepted(OLD));
        updated.startVerification(alsoShownOld.session(), Consent.accepted(NEW));

        List<String> recorded = h.audit.ofType(EnrollmentEvent.ConsentRecorded.class).stream()
                .map(EnrollmentEvent.ConsentRecorded::termsVersion).toList();
        assertEquals(List.of(OLD, NEW), recorded, "each consent names the version accepted");
    }

    @Test
    void aQrCodeScannedAfterTheChangeShowsTheNewTermsAndOnlyVersionsShownOrCurrentAreAccepted(Harness h) throws Exception {
        Subscriber s = h.networks.subscribers().find("twm", Scenario.ELIGIBLE);
        Harness.Applied a = h.apply(s, DeviceClass.DESKTOP);
        EnrollmentService updated = h.sibling(Set.of("cht", "twm", "fet"), b -> b.termsVersion(NEW));
        NextStep.ShowQrCode qr = assertInstanceOf(NextStep.ShowQrCode.class, a.begun().next());
        DeviceSession phone = updated.openOnDevice(Harness.token(qr),
                ClientContext.of(DeviceClass.SMARTPHONE));
        assertEquals(NEW, phone.summary().termsVersion(), "the phone is shown the terms in force when it opens");
        String code = h.desktopPairingCode(a.begun().enrollmentId());
        assertEquals(EnrollmentException.Reason.CONSENT_REQUIRED, assertThrows(EnrollmentException.class,
                () -> updated.startVerification(phone.session(), Consent.accepted(OLD), code)).reason(),
                "never shown, not current");
        updated.startVerification(phone.session(), Consent.accepted(NEW), code);
    }
}
