package tw.mobileauth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tw.mobileauth.captcha.CaptchaChallenge;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.credential.TrustedCas;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.login.AssuranceLevel;
import tw.mobileauth.login.LoginAttempt;
import tw.mobileauth.login.LoginChallenge;
import tw.mobileauth.login.LoginFailedException;
import tw.mobileauth.login.LoginService;
import tw.mobileauth.store.InMemoryCounterStore;
import tw.mobileauth.store.InMemoryCredentialStore;
import tw.mobileauth.store.InMemoryEnrollmentStore;
import tw.mobileauth.store.InMemoryOneTimeTokenStore;

/** The published test support does what a portal's own tests need, and no more. */
class TestSupportTest {

    private static final String ORIGIN = "https://portal.example.tw";

    @Test
    void theTestCaptchaTellsItsAnswerOnceAndForgetsItAfterUseOrExpiry() {
        MutableClock clock = MutableClock.at(Instant.parse("2025-03-14T02:00:00Z"));
        TestCaptcha captcha = new TestCaptcha(clock);
        CaptchaChallenge c = captcha.issue();
        String answer = captcha.answerFor(c.id()).orElseThrow();
        assertFalse(captcha.verify(c.id(), "wrong"), "a wrong answer fails and spends the challenge");
        assertFalse(captcha.verify(c.id(), answer), "single use");

        CaptchaChallenge d = captcha.issue();
        assertTrue(captcha.verify(d.id(), " " + captcha.answerFor(d.id()).orElseThrow().toLowerCase() + " "));
        CaptchaChallenge late = captcha.issue();
        String lateAnswer = captcha.answerFor(late.id()).orElseThrow();
        clock.advance(TestCaptcha.VALIDITY);
        assertFalse(captcha.verify(late.id(), lateAnswer), "expired");
        assertTrue(captcha.answerFor("unknown").isEmpty());
    }

    @Test
    void anEnrolledTestCredentialLogsInWithItsFourFieldsFromItsBrowserOnly() throws Exception {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        HmacKey hmac = HmacKey.generate(random);
        EnrollmentCa ca = EnrollmentCa.generateDevelopmentCa("test support CA", clock);
        PasswordHasher hasher = Argon2idPasswordHasher.builder().memoryKiB(1024).iterations(1).build();
        InMemoryCredentialStore credentials = new InMemoryCredentialStore();
        DeviceKey browser = DeviceKey.generate(random);
        String id = TestCredentials.enrol(credentials, hmac, CertificateIssuer.builder(ca).build(), hasher, clock,
                "A123456789", "75/03/14", "王小明", "Kiwi-Lantern-8462!".toCharArray(), browser.publicKeySpki());
        assertTrue(credentials.find(id).orElseThrow().isActive());
        assertFalse(credentials.find(id).orElseThrow().toString().contains("A123456789"));

        LoginService login = LoginService.builder()
                .stores(new InMemoryEnrollmentStore(), new InMemoryOneTimeTokenStore(), credentials,
                        new InMemoryCounterStore())
                .secrets(hmac)
                .trustedCas(TrustedCas.of(ca.certificate()))
                .origin(ORIGIN)
                .passwordHasher(hasher)
                .build();
        assertEquals(AssuranceLevel.QUERY_ONLY, login.finishLogin(attempt(login, browser, id, "1986-03-14"),
                ClientContext.of(DeviceClass.DESKTOP)).assurance());
        assertThrows(LoginFailedException.class, () -> login.finishLogin(
                attempt(login, DeviceKey.generate(random), id, "1986-03-14"), ClientContext.of(DeviceClass.DESKTOP)),
                "another browser's key");
        assertThrows(IllegalArgumentException.class, () -> TestCredentials.enrol(credentials, hmac,
                CertificateIssuer.builder(ca).build(), hasher, clock, "A123456788", "1986-03-14", "王小明",
                "x".toCharArray(), browser.publicKeySpki()), "a bad checksum is refused");
    }

    private static LoginAttempt attempt(LoginService login, DeviceKey key, String credentialId, String birthDate)
            throws Exception {
        LoginChallenge c = login.beginLogin(ClientContext.of(DeviceClass.DESKTOP));
        return LoginAttempt.builder().nationalId("A123456789").birthDate(birthDate).name("王小明")
                .password("Kiwi-Lantern-8462!".toCharArray()).credentialId(credentialId).challengeId(c.id())
                .signature(key.sign(SignedMessages.login(c.nonce(), credentialId, ORIGIN))).build();
    }
}
