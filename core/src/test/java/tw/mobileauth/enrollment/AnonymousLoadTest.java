package tw.mobileauth.enrollment;

import tw.mobileauth.client.ClientContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.store.InMemoryCredentialStore;
import tw.mobileauth.store.InMemoryEnrollmentStore;
import tw.mobileauth.store.InMemoryOneTimeTokenStore;

/**
 * Anonymous callers ({@code prepareApplication}, {@code begin}) must not grow the portal's memory
 * without limit: the form challenge is short-lived, and a full store refuses with a typed "busy".
 */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class AnonymousLoadTest {

    /** The Harness's start instant, for stores that sweep on their own clock. */
    private static final Instant START = Instant.parse("2025-03-14T02:00:00Z");

    /** The application a browser submits with {@code fc}'s challenge and a fresh, correct captcha. */
    private static EnrollmentApplication signedWith(Harness h, FormChallenge fc, Subscriber s) throws Exception {
        tw.mobileauth.crypto.DeviceKey key = tw.mobileauth.crypto.DeviceKey.generate(h.random);
        byte[] challenge = java.util.Base64.getUrlDecoder().decode(fc.challenge());
        FormChallenge captcha = h.service.prepareApplication();
        return EnrollmentApplication.builder().form(Harness.formOf(s).build())
                .challenge(fc.challenge())
                .captcha(captcha.captcha().id(), h.captcha.answerFor(captcha.captcha().id()))
                .devicePublicKey(key.publicKeySpki())
                .proofOfPossession(key.sign(tw.mobileauth.crypto.SignedMessages.enrollment(challenge,
                        key.publicKeySpki(), Harness.ORIGIN)))
                .build();
    }

    @Test
    void theFormChallengeLivesTenMinutesNotTheWholeEnrollmentLifetime(Harness h) throws Exception {
        Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
        Duration validity = Duration.ofMinutes(EnrollmentService.DEFAULT_FORM_CHALLENGE_MINUTES);
        FormChallenge inTime = h.service.prepareApplication();
        FormChallenge late = h.service.prepareApplication();
        assertEquals(h.clock.instant().plus(validity), inTime.expiresAt());

        h.advance(validity.minusSeconds(1));
        assertInstanceOf(NextStep.ShowQrCode.class, h.service.begin(signedWith(h, inTime, s),
                ClientContext.of(DeviceClass.DESKTOP)).next(), "just in time");
        h.advance(Duration.ofSeconds(1));
        EnrollmentApplication stale = signedWith(h, late, s);
        assertEquals(EnrollmentException.Reason.PROOF_OF_POSSESSION_INVALID, assertThrows(EnrollmentException.class,
                () -> h.service.begin(stale, ClientContext.of(DeviceClass.DESKTOP))).reason());
    }

    @Test
    void aFullTokenStoreMakesPrepareApplicationBusyAndRetryableUntilChallengesExpire() throws Exception {
        MutableClock storeClock = MutableClock.at(START);
        InMemoryOneTimeTokenStore small = new InMemoryOneTimeTokenStore(storeClock, 3);
        try (Harness h = new Harness(b -> {
            b.stores(new InMemoryEnrollmentStore(storeClock), small, new InMemoryCredentialStore());
            return b;
        })) {
            for (int i = 0; i < 3; i++) {
                h.service.prepareApplication();
            }
            int captchas = h.captcha.issued();
            EnrollmentUnavailableException busy = assertThrows(EnrollmentUnavailableException.class,
                    () -> h.service.prepareApplication());
            assertEquals(EnrollmentUnavailableException.Source.STORE, busy.source());
            assertTrue(busy.isRetryable());
            Harness.assertLocalised(busy.text());
            assertEquals(EnrollmentTexts.get("unavailable.busy"), busy.text(), "not the carrier's text");
            assertEquals(captchas, h.captcha.issued(), "no captcha issued for a refused challenge");

            h.advance(Duration.ofMinutes(EnrollmentService.DEFAULT_FORM_CHALLENGE_MINUTES));
            storeClock.advance(Duration.ofMinutes(EnrollmentService.DEFAULT_FORM_CHALLENGE_MINUTES));
            h.service.prepareApplication();
        }
    }

    @Test
    void aFullEnrollmentStoreRefusesBeginAsBusyAndLeavesNoTokenBehind() throws Exception {
        MutableClock storeClock = MutableClock.at(START);
        InMemoryEnrollmentStore small = new InMemoryEnrollmentStore(storeClock, 1);
        InMemoryOneTimeTokenStore tokens = new InMemoryOneTimeTokenStore(storeClock);
        try (Harness h = new Harness(b -> {
            b.stores(small, tokens, new InMemoryCredentialStore());
            return b;
        })) {
            Subscriber s = h.networks.subscribers().find("twm", Scenario.ELIGIBLE);
            h.apply(s, DeviceClass.DESKTOP);
            EnrollmentUnavailableException busy = assertThrows(EnrollmentUnavailableException.class,
                    () -> h.apply(s, DeviceClass.DESKTOP));
            assertEquals(EnrollmentUnavailableException.Source.STORE, busy.source());
            assertEquals(EnrollmentUnavailableException.Recovery.NEW_FORM, busy.recovery(), "its captcha is spent");
            assertEquals(1, tokens.purgeExpired(Instant.MAX), "only the first QR code's token is stored");
        }
    }
}
