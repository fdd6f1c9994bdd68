package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every lock-out setting at both ends of its allowed range, and the base64url check the login step
 * runs on nonces and ids at each edge of its alphabet (issue 15, mutation testing).
 */
class LockOutBoundsTest {

    @Test
    void thresholdIsOneToMax() {
        assertDoesNotThrow(() -> LockOutPolicy.builder().threshold(1).build());
        assertDoesNotThrow(() -> LockOutPolicy.builder().threshold(LockOutPolicy.MAX_THRESHOLD).build());
        assertThrows(IllegalArgumentException.class, () -> LockOutPolicy.builder().threshold(0));
        assertThrows(IllegalArgumentException.class,
                () -> LockOutPolicy.builder().threshold(LockOutPolicy.MAX_THRESHOLD + 1));
    }

    @Test
    void permanentLockAfterIsZeroToOneThousand() {
        assertDoesNotThrow(() -> LockOutPolicy.builder().permanentLockAfter(0).build());
        assertDoesNotThrow(() -> LockOutPolicy.builder().permanentLockAfter(1000).build());
        assertThrows(IllegalArgumentException.class, () -> LockOutPolicy.builder().permanentLockAfter(-1));
        assertThrows(IllegalArgumentException.class, () -> LockOutPolicy.builder().permanentLockAfter(1001));
    }

    @Test
    void maxConsecutiveFailuresIsOneToTheNistCapAndAtLeastTheThreshold() {
        assertDoesNotThrow(() -> LockOutPolicy.builder().threshold(1).maxConsecutiveFailures(1).build());
        assertDoesNotThrow(() -> LockOutPolicy.builder()
                .maxConsecutiveFailures(LockOutPolicy.MAX_CONSECUTIVE_FAILURES).build());
        assertThrows(IllegalArgumentException.class, () -> LockOutPolicy.builder().maxConsecutiveFailures(0));
        assertThrows(IllegalArgumentException.class,
                () -> LockOutPolicy.builder().maxConsecutiveFailures(LockOutPolicy.MAX_CONSECUTIVE_FAILURES + 1));
        assertThrows(IllegalArgumentException.class,
                () -> LockOutPolicy.builder().threshold(5).maxConsecutiveFailures(4).build());
    }

    @Test
    void durationsAreCheckedAtBothEnds() {
        assertDoesNotThrow(() -> LockOutPolicy.builder().waitIncrement(Duration.ofSeconds(1)).build());
        assertDoesNotThrow(() -> LockOutPolicy.builder().waitIncrement(Duration.ofDays(1)).maxWait(Duration.ofDays(1)).build());
        assertThrows(IllegalArgumentException.class,
                () -> LockOutPolicy.builder().waitIncrement(Duration.ofSeconds(1).minusNanos(1)));
        assertThrows(IllegalArgumentException.class,
                () -> LockOutPolicy.builder().waitIncrement(Duration.ofDays(1).plusNanos(1)));
        assertDoesNotThrow(() -> LockOutPolicy.builder().resetWindow(Duration.ofMinutes(1)).build());
        assertDoesNotThrow(() -> LockOutPolicy.builder().resetWindow(Duration.ofDays(365)).build());
        assertThrows(IllegalArgumentException.class,
                () -> LockOutPolicy.builder().resetWindow(Duration.ofDays(365).plusNanos(1)));
        assertThrows(IllegalArgumentException.class,
                () -> LockOutPolicy.builder().waitIncrement(Duration.ofMinutes(2)).maxWait(Duration.ofMinutes(1)).build());
    }

    @Test
    void base64UrlIsTheUrlAlphabetWithinTheLengthBounds() {
        assertTrue(FinishLoginSteps.isBase64Url("AZaz09-_", 8, 8));
        assertTrue(FinishLoginSteps.isBase64Url("A", 1, 3));
        assertTrue(FinishLoginSteps.isBase64Url("Zz9", 1, 3));
        assertFalse(FinishLoginSteps.isBase64Url("", 1, 3));
        assertFalse(FinishLoginSteps.isBase64Url("AAAA", 1, 3));
        assertFalse(FinishLoginSteps.isBase64Url(null, 0, 3));
        for (String outside : new String[] {"@", "[", "`", "{", "/", ":", "+", "=", ".", " ", "é"}) {
            assertFalse(FinishLoginSteps.isBase64Url("A" + outside, 1, 3), outside);
        }
    }
}
