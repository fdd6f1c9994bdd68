package tw.mobileauth.enrollment;

import tw.mobileauth.client.ClientContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.identity.ApplicationForm;

/**
 * {@code begin} spends the form's single-use captcha and challenge before it hashes the password;
 * a saturated hasher then must not be reported as "repeat the same call", which could only fail
 * with a wrong captcha, but as "get a new form".
 */
class SaturatedHasherTest {

    /** A real hasher that, while {@code saturated}, finds every permit taken (HasherBusy). */
    static final class Saturable implements PasswordHasher {
        final PasswordHasher real = Argon2idPasswordHasher.builder().memoryKiB(1024).iterations(1).build();
        final AtomicBoolean saturated = new AtomicBoolean();

        @Override
        public String hash(char[] password) throws CryptoException.HasherBusy {
            if (!saturated.get()) {
                return real.hash(password);
            }
            // An interrupted wait for a permit is the hasher's "busy" path, deterministically.
            Thread.currentThread().interrupt();
            try {
                return real.hash(password);
            } finally {
                Thread.interrupted();
            }
        }

        @Override
        public boolean verify(char[] password, String phc)
                throws CryptoException.MalformedPasswordHash, CryptoException.HasherBusy {
            return real.verify(password, phc);
        }

        @Override
        public boolean needsRehash(String phc) throws CryptoException.MalformedPasswordHash {
            return real.needsRehash(phc);
        }

        @Override
        public void dummyVerify(char[] password) throws CryptoException.HasherBusy {
            real.dummyVerify(password);
        }
    }

    @Test
    void aSaturatedHasherAsksForANewFormNotARetryOfTheSpentOneAndTheNewFormIsAccepted() throws Exception {
        Saturable hasher = new Saturable();
        try (Harness h = new Harness(b -> b.passwordHasher(hasher))) {
            Subscriber s = h.networks.subscribers().find("fet", Scenario.ELIGIBLE);
            ApplicationForm form = Harness.formOf(s).build();
            tw.mobileauth.crypto.DeviceKey key = tw.mobileauth.crypto.DeviceKey.generate(h.random);
            FormChallenge fc = h.service.prepareApplication();
            EnrollmentApplication app = EnrollmentApplication.builder().form(form).challenge(fc.challenge())
                    .captcha(fc.captcha().id(), h.captcha.answerFor(fc.captcha().id()))
                    .devicePublicKey(key.publicKeySpki())
                    .proofOfPossession(key.sign(tw.mobileauth.crypto.SignedMessages.enrollment(
                            java.util.Base64.getUrlDecoder().decode(fc.challenge()), key.publicKeySpki(),
                            Harness.ORIGIN)))
                    .build();

            hasher.saturated.set(true);
            EnrollmentUnavailableException busy = assertThrows(EnrollmentUnavailableException.class,
                    () -> h.service.begin(app, ClientContext.of(DeviceClass.DESKTOP)));
            assertEquals(EnrollmentUnavailableException.Source.PASSWORD_HASHER, busy.source());
            assertEquals(EnrollmentUnavailableException.Recovery.NEW_FORM, busy.recovery());
            assertFalse(busy.isRetryable(), "the same call cannot pass: its captcha is spent");
            assertTrue(busy.retryAfter().isPresent());
            assertEquals(EnrollmentTexts.get("unavailable.newForm"), busy.text());
            Harness.assertLocalised(busy.text());

            hasher.saturated.set(false);
            assertEquals(EnrollmentException.Reason.CAPTCHA_INCORRECT, assertThrows(EnrollmentException.class,
                    () -> h.service.begin(app, ClientContext.of(DeviceClass.DESKTOP))).reason(),
                    "repeating the spent form fails, which is why it is not retryable");
            assertInstanceOf(NextStep.ShowQrCode.class, h.apply(form, DeviceClass.DESKTOP).begun().next(),
                    "a new form goes through");
        }
    }
}
