package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.MutableClock;

/**
 * What the service creates by default runs on the service's clock, so that moving the injected
 * clock moves every expiry (STYLE §1: inject a {@code Clock}), whatever the system clock says.
 */
class ServiceClockTest {

    @Test
    void theDefaultCaptchaAndTheFormChallengeFollowTheInjectedClockNotTheSystemClock() throws Exception {
        Instant past = Instant.parse("2001-02-03T04:05:06Z");
        MutableClock clock = MutableClock.at(past);
        try (Harness h = new Harness()) {
            EnrollmentService service = h.builderWithoutCaptcha(h.adapters).clock(clock).build();
            FormChallenge fc = service.prepareApplication();
            assertEquals(past.plus(Duration.ofMinutes(EnrollmentService.DEFAULT_FORM_CHALLENGE_MINUTES)), fc.expiresAt());
            assertEquals(past.plus(Duration.ofMinutes(5)), fc.captcha().expiresAt(),
                    "the built-in captcha was given the service's clock");

            clock.advance(Duration.ofHours(1));
            assertEquals(past.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(5)),
                    service.prepareApplication().captcha().expiresAt());
        }
    }
}
