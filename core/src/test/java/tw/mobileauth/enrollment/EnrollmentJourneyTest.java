package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.LoggedRequest;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.store.CredentialRecord;

/** docs/journey.md: the whole journey for each device route, against the fake carrier networks. */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class EnrollmentJourneyTest {

    static final Set<Endpoint> SUBSCRIBER_LOOKUPS = EnumSet.of(Endpoint.KYC_MATCH, Endpoint.KYC_TENURE,
            Endpoint.SIM_SWAP_DATE, Endpoint.SIM_SWAP_CHECK, Endpoint.CHT_LINE_PROFILE, Endpoint.TWM_SUBSCRIPTION);

    private static Harness h;

    @BeforeAll
    static void start(Harness shared) {
        h = shared;
    }


    @BeforeEach
    void clearLog() {
        h.networks.requests().clear();
    }

    private Subscriber eligible(String carrier) {
        return h.networks.subscribers().find(carrier, Scenario.ELIGIBLE);
    }

    private X509Certificate completed(Harness.Journey j) throws Exception {
        VerificationOutcome.Issued done = assertInstanceOf(VerificationOutcome.Issued.class, j.outcome());
        EnrollmentStatus.Completed status = assertInstanceOf(EnrollmentStatus.Completed.class, h.status(j.applied()));
        assertEquals(done.credentialId(), status.credentialId());
        return status.certificate();
    }

    @Test
    void desktopHandsOffToAPhoneByQrCodeAndEndsCompletedWithACertificate() throws Exception {
        Harness.Applied applied = h.apply(eligible("cht"), DeviceClass.DESKTOP);
        assertInstanceOf(NextStep.ShowQrCode.class, applied.begun().next());
        assertInstanceOf(EnrollmentStatus.AwaitingDevice.class, h.status(applied));

        DeviceSession phone = h.scan(applied);
        EnrollmentStatus.InProgress connected = assertInstanceOf(EnrollmentStatus.InProgress.class, h.status(applied));
        assertTrue(connected.pairingCode().matches("[0-9]{6}"), "the desktop shows a pairing code");
        assertTrue(phone.summary().pairingCodeRequired(), "the phone must type it");
        assertTrue(phone.summary().pairingCode().isEmpty(), "the phone is not given it");
        assertEquals("王○明", phone.summary().maskedName());
        assertEquals("中華電信", phone.summary().carrierName().zhTw());

        VerificationOutcome outcome = h.verifyOn(h.phoneOf(eligible("cht")), phone);
        completed(new Harness.Journey(applied, outcome));
    }

    @Test
    void tabletWithoutSimGoesThroughTheQrCode() throws Exception {
        Harness.Applied applied = h.apply(eligible("twm"), DeviceClass.TABLET_WITHOUT_SIM);
        assertInstanceOf(NextStep.ShowQrCode.class, applied.begun().next());
        VerificationOutcome outcome = h.verifyOn(h.phoneOf(eligible("twm")), h.scan(applied));
        completed(new Harness.Journey(applied, outcome));
    }

    @Test
    void tabletWithSimContinuesOnTheSameDevice() throws Exception {
        Harness.Journey j = h.journey(eligible("fet"), DeviceClass.TABLET_WITH_SIM);
        assertInstanceOf(NextStep.ContinueHere.class, j.applied().begun().next());
        completed(j);
    }

    @Test
    void phoneContinuesOnTheSameDevice() throws Exception {
        Harness.Journey j = h.journey(eligible("cht"), DeviceClass.SMARTPHONE);
        NextStep.ContinueHere here = assertInstanceOf(NextStep.ContinueHere.class, j.applied().begun().next());
        assertEquals("A12****789".length(), here.device().summary().maskedNationalId().length());
        completed(j);
    }

    @Test
    void theCertificateParsesVerifiesAgainstTheCaCarriesTheDeviceKeyAndNoPersonalData() throws Exception {
        Subscriber s = eligible("twm");
        Harness.Journey j = h.journey(s, DeviceClass.SMARTPHONE);
        X509Certificate issued = completed(j);

        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(issued.getEncoded()));
        parsed.verify(h.ca.certificate().getPublicKey());
        assertArrayEquals(j.applied().deviceKey().publicKeySpki(), parsed.getPublicKey().getEncoded());
        String credentialId = ((VerificationOutcome.Issued) j.outcome()).credentialId();
        assertTrue(parsed.getSubjectX500Principal().getName().contains("CN=" + credentialId));

        Harness other = null;
        try {
            other = new Harness();
            X509Certificate foreignCa = other.ca.certificate();
            assertThrows(SignatureException.class, () -> parsed.verify(foreignCa.getPublicKey()),
                    "a certificate does not verify against another CA");
        } finally {
            if (other != null) {
                other.close();
            }
        }

        byte[] der = parsed.getEncoded();
        String text = parsed.toString();
        for (String pii : PiiSpellings.of(s)) {
            assertFalse(contains(der, pii.getBytes(StandardCharsets.UTF_8)), "DER holds " + pii);
            assertFalse(contains(der, pii.getBytes(StandardCharsets.UTF_16BE)), "DER holds BMP " + pii);
            assertFalse(text.contains(pii), "certificate text holds " + pii);
        }
        CredentialRecord record = h.credentials.find(credentialId).orElseThrow();
        assertArrayEquals(der, java.util.Base64.getDecoder().decode(record.certificate()));
    }

    @Test
    void noSubscriberLookUpHappensBeforeNumberVerificationSucceeded() throws Exception {
        Subscriber s = eligible("fet");
        Harness.Applied applied = h.apply(s, DeviceClass.DESKTOP);
        DeviceSession session = h.scan(applied);
        h.startVerification(session);
        assertTrue(h.networks.requests().all().isEmpty(), "begin, the claim and consent call no carrier");

        VerificationRedirect redirect = h.startVerification(session);
        VerificationOutcome outcome = h.complete(h.phoneOf(s).open(redirect.carrierUri()));
        assertInstanceOf(VerificationOutcome.Issued.class, outcome);

        List<LoggedRequest> log = h.networks.requests().all();
        int verified = indexOf(log, Endpoint.NUMBER_VERIFY);
        assertTrue(verified >= 0, "number verification was called: " + log);
        assertEquals(200, log.get(verified).responseStatus());
        int firstLookUp = -1;
        for (int i = 0; i < log.size(); i++) {
            if (SUBSCRIBER_LOOKUPS.contains(log.get(i).endpoint())) {
                firstLookUp = i;
                break;
            }
        }
        assertTrue(firstLookUp > verified, "first subscriber look-up at " + firstLookUp + " after NV at " + verified);
    }

    @Test
    void noSubscriberLookUpHappensWhenNumberVerificationRunsAndFailsAtAnyCarrier() throws Exception {
        for (String carrier : List.of("cht", "twm", "fet")) {
            Subscriber applicant = eligible(carrier);
            // The QR code is scanned by a phone that holds another subscriber's SIM of the same carrier.
            Subscriber other = h.networks.subscribers().find(carrier, Scenario.PREPAID);
            h.networks.requests().clear();
            Harness.Applied applied = h.apply(applicant, DeviceClass.DESKTOP);

            VerificationOutcome outcome = h.verifyOn(h.phoneOf(other), h.scan(applied));

            Harness.assertReasons(outcome, "verification.NUMBER_NOT_VERIFIED");
            List<LoggedRequest> log = h.networks.requests().all();
            int verified = indexOf(log, Endpoint.NUMBER_VERIFY);
            assertTrue(verified >= 0, carrier + ": number verification ran: " + log);
            assertEquals(200, log.get(verified).responseStatus(), carrier + ": and answered (not verified)");
            assertEquals(List.of(), log.stream().map(LoggedRequest::endpoint).filter(SUBSCRIBER_LOOKUPS::contains)
                    .toList(), carrier + ": no KYC, attributes or SIM swap after a failed verification");
            assertInstanceOf(EnrollmentStatus.Rejected.class, h.status(applied));
        }
    }

    static int indexOf(List<LoggedRequest> log, Endpoint e) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).endpoint() == e) {
                return i;
            }
        }
        return -1;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
