package tw.mobileauth;

import tw.mobileauth.testsupport.KnownAnswerCaptcha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.CarrierAdapters;
import tw.mobileauth.carrier.Carriers;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.credential.TrustedCas;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.eligibility.DeviceClass;
import tw.mobileauth.enrollment.Begun;
import tw.mobileauth.enrollment.ClientContext;
import tw.mobileauth.enrollment.Consent;
import tw.mobileauth.enrollment.DeviceSession;
import tw.mobileauth.enrollment.EnrollmentApplication;
import tw.mobileauth.enrollment.EnrollmentService;
import tw.mobileauth.enrollment.EnrollmentStatus;
import tw.mobileauth.enrollment.FormChallenge;
import tw.mobileauth.enrollment.NextStep;
import tw.mobileauth.enrollment.PortalUrls;
import tw.mobileauth.enrollment.VerificationCallback;
import tw.mobileauth.enrollment.VerificationOutcome;
import tw.mobileauth.enrollment.VerificationRedirect;
import tw.mobileauth.identity.ApplicationForm;
import tw.mobileauth.login.AssuranceLevel;
import tw.mobileauth.login.Authentication;
import tw.mobileauth.login.LoginAttempt;
import tw.mobileauth.login.LoginChallenge;
import tw.mobileauth.login.LoginService;
import tw.mobileauth.store.InMemoryCounterStore;
import tw.mobileauth.store.InMemoryCredentialStore;
import tw.mobileauth.store.InMemoryEnrollmentStore;
import tw.mobileauth.store.InMemoryOneTimeTokenStore;

/**
 * The README's walk-through, compiled and run: wire both services, enrol on a desktop through a
 * QR code and a phone on the fake carrier networks, then log in with the four fields.
 */
class QuickStartTest {

    private static final String ORIGIN = "https://portal.example.tw";

    @Test
    void aDesktopEnrolsThroughAPhoneAndThenLogsInWithFourFields() throws Exception {
        try (FakeCarrierNetworks networks = FakeCarrierNetworks.start()) {
            // --- wiring, once per portal -------------------------------------------------------
            Map<String, CarrierConfig> carrierConfigs = new LinkedHashMap<>();
            for (String id : FakeCarrierNetworks.carrierIds()) {
                carrierConfigs.put(id, networks.configFor(id).build()); // a real portal: CarrierSettings.fromProperties
            }
            Carriers carriers = Carriers.discover(QuickStartTest.class.getClassLoader());
            CarrierAdapters adapters = carriers.connect(carrierConfigs);

            SecureRandom random = new SecureRandom();
            HmacKey hmacKey = HmacKey.generate(random); // a real portal loads these from its secret store
            AeadKey pendingDataKey = AeadKey.generate(random);
            EnrollmentCa ca = EnrollmentCa.generateDevelopmentCa("Quick start CA", java.time.Clock.systemUTC());
            PasswordHasher hasher = Argon2idPasswordHasher.builder().memoryKiB(1024).iterations(1).build();
            InMemoryEnrollmentStore enrollments = new InMemoryEnrollmentStore();
            InMemoryOneTimeTokenStore tokens = new InMemoryOneTimeTokenStore();
            InMemoryCredentialStore credentials = new InMemoryCredentialStore();
            KnownAnswerCaptcha captcha = new KnownAnswerCaptcha();

            EnrollmentService enrolment = EnrollmentService.builder()
                    .carriers(carriers, adapters)
                    .stores(enrollments, tokens, credentials)
                    .certificateIssuer(CertificateIssuer.builder(ca).build())
                    .secrets(hmacKey, pendingDataKey)
                    .portalUrls(new PortalUrls(ORIGIN, URI.create(ORIGIN + "/mobile/h"),
                            URI.create(ORIGIN + "/mobile/callback")))
                    .captcha(captcha)
                    .passwordHasher(hasher)
                    .build();
            LoginService login = LoginService.builder()
                    .stores(enrollments, tokens, credentials, new InMemoryCounterStore()) // the same three, plus counters
                    .secrets(hmacKey)
                    .trustedCas(TrustedCas.of(ca.certificate()))
                    .origin(ORIGIN)
                    .passwordHasher(hasher)
                    .build();

            // --- step 1-2: the desktop checks the ID and fills in the form --------------------
            Subscriber person = networks.subscribers().find("cht", Scenario.ELIGIBLE);
            enrolment.checkNationalId(person.holderId());
            FormChallenge form = enrolment.prepareApplication();
            DeviceKey browserKey = DeviceKey.generate(random); // the browser: WebCrypto, non-extractable
            byte[] challenge = Base64.getUrlDecoder().decode(form.challenge());
            String password = "Kiwi-Lantern-8462!";
            EnrollmentApplication application = EnrollmentApplication.builder()
                    .form(ApplicationForm.builder()
                            .nationalId(person.holderId())
                            .carrierId("cht")
                            .mobileNumber("0" + person.msisdn().e164().substring(4))
                            .nhiCardNumber("000012345678")
                            .birthDate((person.birthDate().getYear() - 1911) + person.birthDate().toString().substring(4)
                                    .replace('-', '/')) // ROC calendar, e.g. 75/03/14
                            .name(person.name())
                            .password(password.toCharArray())
                            .passwordConfirmation(password.toCharArray())
                            .build())
                    .challenge(form.challenge())
                    .captcha(form.captcha().id(), captcha.answerFor(form.captcha().id()))
                    .devicePublicKey(browserKey.publicKeySpki())
                    .proofOfPossession(browserKey.sign(
                            SignedMessages.enrolment(challenge, browserKey.publicKeySpki(), ORIGIN)))
                    .build();

            // --- step 3-4: a desktop gets a QR code ----------------------------------------------
            Begun begun = enrolment.begin(application, ClientContext.of(DeviceClass.DESKTOP));
            NextStep.ShowQrCode qr = assertInstanceOf(NextStep.ShowQrCode.class, begun.next());
            assertTrue(qr.svg().startsWith("<svg") || qr.svg().startsWith("<?xml"));

            // --- step 5: the phone scans, consents and verifies over its mobile data -------------
            String handoffToken = qr.handoffUrl().getQuery().substring(qr.handoffUrl().getQuery().indexOf("t=") + 2);
            DeviceSession phone = enrolment.openOnDevice(handoffToken, ClientContext.of(DeviceClass.SMARTPHONE));
            // The desktop shows a pairing code; the person types it on the phone.
            String pairingCode = assertInstanceOf(EnrollmentStatus.InProgress.class,
                    enrolment.status(begun.enrollmentId(), begun.desktopSecret())).pairingCode();
            VerificationRedirect redirect = enrolment.startVerification(phone.session(),
                    Consent.accepted(phone.summary().termsVersion()), pairingCode);
            Map<String, String> callback = networks.phone(NetworkAttachments.defaultHandle(person.msisdn()))
                    .open(redirect.carrierUri());
            assertInstanceOf(VerificationOutcome.Completed.class,
                    enrolment.completeVerification(phone.session(), new VerificationCallback(callback)));

            // --- step 6: the desktop picks up its credential -------------------------------------
            EnrollmentStatus.Completed done = assertInstanceOf(EnrollmentStatus.Completed.class,
                    enrolment.status(begun.enrollmentId(), begun.desktopSecret()));

            // --- step 7: later logins, four fields plus the bound browser's signature ------------
            LoginChallenge loginChallenge = login.beginLogin(ClientContext.of(DeviceClass.DESKTOP));
            Authentication authentication = login.finishLogin(LoginAttempt.builder()
                    .nationalId(person.holderId())
                    .birthDate(person.birthDate().toString())
                    .name(person.name())
                    .password(password.toCharArray())
                    .credentialId(done.credentialId())
                    .challengeId(loginChallenge.id())
                    .signature(browserKey.sign(SignedMessages.login(loginChallenge.nonce(), done.credentialId(), ORIGIN)))
                    .build(), ClientContext.of(DeviceClass.DESKTOP));

            assertEquals(AssuranceLevel.QUERY_ONLY, authentication.assurance());
            assertTrue(authentication.noticeAcknowledgementRequired(), "the first login shows the 個資告知");
            authentication = login.acknowledgeNotice(authentication, authentication.noticeVersion());
            assertTrue(!authentication.noticeAcknowledgementRequired());
            adapters.close();
        }
    }
}
