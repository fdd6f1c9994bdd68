package tw.mobileauth.consumer;

import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.Stores;
import tw.mobileauth.carrier.CarrierSettings;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.carrier.testkit.registry.FakeRegistry;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.SignedMessages;
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
import tw.mobileauth.testing.TestCaptcha;

/**
 * The README's quick start (core's QuickStartTest), compiled against the published jars and run as a
 * portal's own test would: the SDK from the BOM, the fake carrier networks and NHI registry from
 * carrier-testkit, the captcha from the testing module. After the whole journey, BouncyCastle must
 * not have been registered as a global JCA provider: the SDK uses it privately, and a portal's
 * other libraries must not start resolving algorithms through it.
 */
class QuickStartJourneyTest {

    private static final String ORIGIN = "https://portal.example.tw";
    private static final ObjectMapper BROWSER_JSON = new ObjectMapper();
    private static final String PASSWORD = "Kiwi-Lantern-8462!";

    @Test
    void aDesktopEnrolsThroughAPhoneLogsInWithFourFieldsAndNoProviderIsRegisteredGlobally() throws Exception {
        assertNull(Security.getProvider("BC"), "nothing registers BouncyCastle before the journey either");
        try (FakeCarrierNetworks networks = FakeCarrierNetworks.start(); FakeRegistry nhi = FakeRegistry.start()) {
            CarrierSettings carrierSettings = CarrierSettings.of(FakeCarrierNetworks.carrierIds().stream()
                    .collect(toMap(Function.identity(), id -> networks.configFor(id).build())));
            SecureRandom random = new SecureRandom();
            TestCaptcha captcha = new TestCaptcha();
            var person = networks.subscribers().find("cht", Scenario.ELIGIBLE);
            String nhiCard = "000012345678";
            nhi.cards().add(person.holderId(), nhiCard, Set.of(), Set.of());
            IdentityRegistry registry = IdentityRegistries.discover(getClass().getClassLoader())
                    .connect("nhi", nhi.configFor().build());
            try (MobileAuth auth = MobileAuth.builder()
                    .carriers(carrierSettings)
                    .stores(Stores.inMemory(Clock.systemUTC()))
                    .secrets(HmacKey.generate(random), AeadKey.generate(random))
                    .certificateAuthority(EnrollmentCa.generateDevelopmentCa("Consumer CA", Clock.systemUTC()))
                    .portal(new PortalUrls(ORIGIN, URI.create(ORIGIN + "/mobile/h"),
                            URI.create(ORIGIN + "/mobile/callback")))
                    .identityRegistry(registry)
                    .enrollmentOptions(options -> options.captcha(captcha))
                    .build()) {
                journey(auth, networks, captcha, person, nhiCard, random);
            } finally {
                registry.close();
            }
        }
        assertNull(Security.getProvider("BC"), "the SDK must not register BouncyCastle globally");
        assertNull(Security.getProvider("BCFIPS"), "nor the FIPS provider");
    }

    private static void journey(MobileAuth auth, FakeCarrierNetworks networks, TestCaptcha captcha,
            Subscriber person, String nhiCard, SecureRandom random) throws Exception {
        DeviceKey browserKey = DeviceKey.generate(random); // the browser: WebCrypto, non-extractable
        String credentialId = enrol(auth, networks, captcha, person, nhiCard, browserKey);
        logIn(auth, person, credentialId, browserKey);
    }

    private static String enrol(MobileAuth auth, FakeCarrierNetworks networks, TestCaptcha captcha,
            Subscriber person, String nhiCard, DeviceKey browserKey) throws Exception {
        var enrollment = auth.enrollment();
        enrollment.checkNationalId(person.holderId());
        var form = enrollment.prepareApplication();
        byte[] spki = browserKey.publicKeySpki();
        byte[] proof = browserKey.sign(SignedMessages.enrollment(
                Base64.getUrlDecoder().decode(form.challenge()), spki, ORIGIN));

        Map<String, String> posted = new LinkedHashMap<>();
        posted.put("nationalId", person.holderId());
        posted.put("carrierId", "cht");
        posted.put("mobileNumber", "0" + person.msisdn().e164().substring(4));
        posted.put("nhiCardNumber", nhiCard);
        posted.put("birthDate", (person.birthDate().getYear() - 1911)
                + person.birthDate().toString().substring(4).replace('-', '/'));
        posted.put("name", person.name());
        posted.put("password", PASSWORD);
        posted.put("passwordConfirmation", PASSWORD);
        posted.put("challenge", form.challenge());
        posted.put("captchaId", form.captcha().id());
        posted.put("captchaAnswer", captcha.answerFor(form.captcha().id()).orElseThrow());
        posted.put("devicePublicKey", Base64.getUrlEncoder().encodeToString(spki));
        posted.put("proofOfPossession", Base64.getUrlEncoder().encodeToString(proof));
        var begun = enrollment.begin(EnrollmentApplication.fromJson(BROWSER_JSON.writeValueAsString(posted)),
                ClientContext.of(DeviceClass.DESKTOP));
        var qr = assertInstanceOf(NextStep.ShowQrCode.class, begun.next());
        assertTrue(qr.svg().contains("<svg"));

        var phone = enrollment.openOnDevice(qr.handoffUrl(), ClientContext.of(DeviceClass.SMARTPHONE));
        String pairingCode = assertInstanceOf(EnrollmentStatus.InProgress.class,
                enrollment.status(begun.enrollmentId(), begun.desktopSecret())).pairingCode();
        var redirect = enrollment.startVerification(phone.session(),
                Consent.accepted(phone.summary().termsVersion()), pairingCode);
        Map<String, String> callback = networks.phone(NetworkAttachments.defaultHandle(person.msisdn()))
                .open(redirect.carrierUri());
        assertInstanceOf(VerificationOutcome.Issued.class,
                enrollment.completeVerification(phone.session(), new VerificationCallback(callback)));
        return assertInstanceOf(EnrollmentStatus.Completed.class,
                enrollment.status(begun.enrollmentId(), begun.desktopSecret())).credentialId();
    }

    private static void logIn(MobileAuth auth, Subscriber person, String credentialId, DeviceKey browserKey)
            throws Exception {
        var login = auth.login();
        var challenge = login.beginLogin(ClientContext.of(DeviceClass.DESKTOP));
        byte[] signature = browserKey.sign(SignedMessages.login(challenge.nonce(), credentialId, ORIGIN));
        Map<String, String> attempt = new LinkedHashMap<>();
        attempt.put("nationalId", person.holderId());
        attempt.put("birthDate", person.birthDate().toString());
        attempt.put("name", person.name());
        attempt.put("password", PASSWORD);
        attempt.put("credentialId", credentialId);
        attempt.put("challengeId", challenge.id());
        attempt.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        var authentication = login.finishLogin(LoginAttempt.fromJson(BROWSER_JSON.writeValueAsString(attempt)),
                ClientContext.of(DeviceClass.DESKTOP));
        assertEquals(AssuranceLevel.QUERY_ONLY, authentication.assurance());
        assertTrue(authentication.noticeAcknowledgementRequired(), "the first login shows the 個資告知");
        authentication = login.acknowledgeNotice(authentication, authentication.noticeVersion());
        assertFalse(authentication.noticeAcknowledgementRequired());
    }
}
