package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Tests move time with the clock, never by sleeping. */
class MutableClockTest {

    private static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");

    @Test
    void aFrozenClockMovesOnlyWhenTold() {
        MutableClock c = MutableClock.at(T0);
        assertEquals(T0, c.instant());
        c.advance(Duration.ofSeconds(301));
        assertEquals(T0.plusSeconds(301), c.instant());
        c.set(T0);
        assertEquals(T0, c.instant());
        assertFalse(c.isTicking());
    }

    @Test
    void advanceGoesForwardOnly() {
        MutableClock c = MutableClock.at(T0);
        assertThrows(IllegalArgumentException.class, () -> c.advance(Duration.ofSeconds(-1)));
        assertEquals(T0, c.instant());
    }

    @Test
    void aTickingClockFollowsRealTimePlusWhatWasAdded() {
        MutableClock c = MutableClock.ticking();
        Instant before = Instant.now();
        c.advance(Duration.ofHours(1));
        Instant read = c.instant();
        assertTrue(c.isTicking());
        // The clock counts from its wall-clock start with System.nanoTime(), and the two clocks can
        // disagree by microseconds (one CI run read 12 µs short), so allow 50 ms.
        assertTrue(!read.isBefore(before.plus(Duration.ofHours(1)).minusMillis(50)), read + " vs " + before);
        assertTrue(read.isBefore(Instant.now().plus(Duration.ofHours(1)).plusSeconds(5)));
    }

    @Test
    void aZoneViewSharesTheTime() {
        MutableClock c = MutableClock.at(T0);
        java.time.Clock taipei = c.withZone(ZoneId.of("Asia/Taipei"));
        c.advance(Duration.ofMinutes(5));
        assertEquals(T0.plusSeconds(300), taipei.instant());
        assertEquals(ZoneId.of("Asia/Taipei"), taipei.getZone());
    }
}
