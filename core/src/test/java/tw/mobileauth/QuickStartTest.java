package tw.mobileauth;

import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.CarrierSettings;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.registry.FakeRegistry;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.enrollment.Consent;
import tw.mobileauth.enrollment.EnrollmentApplication;
import tw.mobileauth.enrollment.EnrollmentStatus;
import tw.mobileauth.enrollment.NextStep;
import tw.mobileauth.enrollment.PortalUrls;
import tw.mobileauth.enrollment.VerificationCallback;
import tw.mobileauth.enrollment.VerificationOutcome;
import tw.mobileauth.login.AssuranceLevel;
import tw.mobileauth.login.LoginAttempt;
import tw.mobileauth.registry.spi.IdentityRegistries;
import tw.mobileauth.registry.spi.IdentityRegistry;
import tw.mobileauth.testsupport.KnownAnswerCaptcha;

/**
 * The README's quick start, compiled and run: wire {@link MobileAuth} once, enrol on a desktop
 * through a QR code and a phone on the fake carrier networks, then log in with the four fields.
 * What the browser does (WebCrypto, posting JSON) is simulated with {@link DeviceKey} and Jackson.
 */
class QuickStartTest {

    private static final String ORIGIN = "https://portal.example.tw";
    private static final ObjectMapper BROWSER_JSON = new ObjectMapper();

    @Test
    void aDesktopEnrolsThroughAPhoneAndThenLogsInWithFourFields() throws Exception {
        try (FakeCarrierNetworks networks = FakeCarrierNetworks.start(); FakeRegistry nhi = FakeRegistry.start()) {
            // --- wiring, once per portal ------------------------------------------------------------
            // A real portal: CarrierSettings.fromProperties(props) with mobileauth.carrier.<id>.*,
            // keys from its secret store, EnrollmentCa.fromPkcs12(…), and persistent Stores.
            CarrierSettings carrierSettings = CarrierSettings.of(FakeCarrierNetworks.carrierIds().stream()
                    .collect(toMap(Function.identity(), id -> networks.configFor(id).build())));
            SecureRandom random = new SecureRandom();
            KnownAnswerCaptcha captcha = new KnownAnswerCaptcha(); // a test captcha whose answers the test knows
            var person = networks.subscribers().find("cht", Scenario.ELIGIBLE);
            String nhiCard = "000012345678";
            nhi.cards().add(person.holderId(), nhiCard, Set.of(), Set.of()); // the registry knows this person's card
            IdentityRegistry registry = IdentityRegistries.discover(QuickStartTest.class.getClassLoader())
                    .connect("nhi", nhi.configFor().build()); // a real portal: its NHI endpoint, key and TLS
            try (MobileAuth auth = MobileAuth.builder()
                    .carriers(carrierSettings)
                    .stores(Stores.inMemory(Clock.systemUTC()))
                    .secrets(HmacKey.generate(random), AeadKey.generate(random))
                    .certificateAuthority(EnrollmentCa.generateDevelopmentCa("Quick start CA", Clock.systemUTC()))
                    .portal(new PortalUrls(ORIGIN, URI.create(ORIGIN + "/mobile/h"),
                            URI.create(ORIGIN + "/mobile/callback")))
                    .identityRegistry(registry)
                    .enrollmentOptions(options -> options.captcha(captcha))
                    .build()) {
                var enrollment = auth.enrollment();
                var login = auth.login();
                String password = "Kiwi-Lantern-8462!";

                // --- 1–2. the desktop checks the ID and shows the form --------------------------------
                enrollment.checkNationalId(person.holderId());
                var form = enrollment.prepareApplication();
                DeviceKey browserKey = DeviceKey.generate(random); // the browser: WebCrypto, non-extractable
                byte[] spki = browserKey.publicKeySpki();
                byte[] proof = browserKey.sign(SignedMessages.enrollment(
                        Base64.getUrlDecoder().decode(form.challenge()), spki, ORIGIN));

                // --- 3. the browser posts the form as JSON; the desktop gets a QR code ----------------
                Map<String, String> posted = new LinkedHashMap<>();
                posted.put("nationalId", person.holderId());
                posted.put("carrierId", "cht");
                posted.put("mobileNumber", "0" + person.msisdn().e164().substring(4));
                posted.put("nhiCardNumber", nhiCard);
                posted.put("birthDate", (person.birthDate().getYear() - 1911)
                        + person.birthDate().toString().substring(4).replace('-', '/')); // ROC, e.g. 75/03/14
                posted.put("name", person.name());
                posted.put("password", password);
                posted.put("passwordConfirmation", password);
                posted.put("challenge", form.challenge());
                posted.put("captchaId", form.captcha().id());
                posted.put("captchaAnswer", captcha.answerFor(form.captcha().id()));
                posted.put("devicePublicKey", Base64.getUrlEncoder().encodeToString(spki));
                posted.put("proofOfPossession", Base64.getUrlEncoder().encodeToString(proof));
                var begun = enrollment.begin(EnrollmentApplication.fromJson(BROWSER_JSON.writeValueAsString(posted)),
                        ClientContext.of(DeviceClass.DESKTOP));
                var qr = assertInstanceOf(NextStep.ShowQrCode.class, begun.next());
                assertTrue(qr.svg().contains("<svg"));

                // --- 4. the phone opens the QR code's URL, types the desktop's pairing code, consents -
                var phone = enrollment.openOnDevice(qr.handoffUrl(), ClientContext.of(DeviceClass.SMARTPHONE));
                assertEquals(DeviceClass.DESKTOP, phone.summary().applyingDevice().deviceClass());
                String pairingCode = assertInstanceOf(EnrollmentStatus.InProgress.class,
                        enrollment.status(begun.enrollmentId(), begun.desktopSecret())).pairingCode();
                var redirect = enrollment.startVerification(phone.session(),
                        Consent.accepted(phone.summary().termsVersion()), pairingCode);

                // --- 5. over its mobile data; the carrier sends the same browser back ------------------
                Map<String, String> callback = networks.phone(NetworkAttachments.defaultHandle(person.msisdn()))
                        .open(redirect.carrierUri());
                assertInstanceOf(VerificationOutcome.Issued.class,
                        enrollment.completeVerification(phone.session(), new VerificationCallback(callback)));

                // --- 6. the desktop picks up its credential -------------------------------------------
                var done = assertInstanceOf(EnrollmentStatus.Completed.class,
                        enrollment.status(begun.enrollmentId(), begun.desktopSecret()));

                // --- 7. later logins: four fields plus the bound browser's signature, posted as JSON --
                var challenge = login.beginLogin(ClientContext.of(DeviceClass.DESKTOP));
                byte[] signature = browserKey.sign(SignedMessages.login(challenge.nonce(), done.credentialId(), ORIGIN));
                Map<String, String> attempt = new LinkedHashMap<>();
                attempt.put("nationalId", person.holderId());
                attempt.put("birthDate", person.birthDate().toString());
                attempt.put("name", person.name());
                attempt.put("password", password);
                attempt.put("credentialId", done.credentialId());
                attempt.put("challengeId", challenge.id());
                attempt.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
                var authentication = login.finishLogin(LoginAttempt.fromJson(BROWSER_JSON.writeValueAsString(attempt)),
                        ClientContext.of(DeviceClass.DESKTOP));

                assertEquals(AssuranceLevel.QUERY_ONLY, authentication.assurance());
                assertTrue(authentication.noticeAcknowledgementRequired(), "the first login shows the 個資告知");
                authentication = login.acknowledgeNotice(authentication, authentication.noticeVersion());
                assertFalse(authentication.noticeAcknowledgementRequired());
            } finally {
                registry.close();
            }
        }
    }
}
