package tw.mobileauth.carrier.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimSwapInfoTest {

    private static final Instant NOW = Instant.parse("2025-05-01T00:00:00Z");
    private static final Duration H72 = Duration.ofHours(72);

    @Test
    void datedChangeInsideTheWindowIsCertainlyRecent() {
        SimSwapInfo info = SimSwapInfo.dated(Optional.of(NOW.minus(Duration.ofHours(71))), Optional.empty());
        assertEquals(Optional.of(true), info.changedWithin(H72, NOW));
    }

    @Test
    void datedChangeBeforeTheWindowIsCertainlyNotRecent() {
        SimSwapInfo info = SimSwapInfo.dated(Optional.of(NOW.minus(Duration.ofHours(73))), Optional.empty());
        assertEquals(Optional.of(false), info.changedWithin(H72, NOW));
    }

    @Test
    void datedChangeExactlyAtTheWindowEdgeCountsAsWithin() {
        SimSwapInfo info = SimSwapInfo.dated(Optional.of(NOW.minus(H72)), Optional.empty());
        assertEquals(Optional.of(true), info.changedWithin(H72, NOW));
    }

    @Test
    void noDateIsNoChangeOnlyWhenTheMonitoredPeriodCoversTheWindow() {
        assertEquals(Optional.of(false),
                SimSwapInfo.dated(Optional.empty(), Optional.of(Duration.ofDays(30))).changedWithin(H72, NOW));
        assertEquals(Optional.empty(),
                SimSwapInfo.dated(Optional.empty(), Optional.of(Duration.ofDays(1))).changedWithin(H72, NOW));
        assertEquals(Optional.of(false), SimSwapInfo.dated(Optional.empty(), Optional.empty()).changedWithin(H72, NOW));
    }

    @Test
    void noChangeBoundAnswersOnlyForWindowsItCovers() {
        SimSwapInfo info = SimSwapInfo.noChangeWithin(Duration.ofHours(720));
        assertEquals(Optional.of(false), info.changedWithin(H72, NOW));
        assertEquals(Optional.of(false), info.changedWithin(Duration.ofHours(720), NOW));
        assertEquals(Optional.empty(), info.changedWithin(Duration.ofHours(721), NOW));
    }

    @Test
    void changeBoundAnswersOnlyForWindowsThatContainIt() {
        SimSwapInfo info = SimSwapInfo.changedWithin(Duration.ofHours(24));
        assertEquals(Optional.of(true), info.changedWithin(H72, NOW));
        assertEquals(Optional.of(true), info.changedWithin(Duration.ofHours(24), NOW));
        assertEquals(Optional.empty(), info.changedWithin(Duration.ofHours(23), NOW));
    }

    @Test
    void twoBoundsAnswerBelowTheLowerAndAboveTheUpperButNotBetween() {
        SimSwapInfo info = SimSwapInfo.changedBetween(Duration.ofHours(168), Duration.ofHours(720));
        assertEquals(Optional.of(false), info.changedWithin(H72, NOW), "no change in 7 days, so none in 3");
        assertEquals(Optional.of(true), info.changedWithin(Duration.ofHours(720), NOW));
        assertEquals(Optional.empty(), info.changedWithin(Duration.ofHours(300), NOW));
        assertEquals(Optional.of(Duration.ofHours(168)), info.knownNoChangeWithin());
        assertEquals(Optional.of(Duration.ofHours(720)), info.knownChangeWithin());
    }

    @Test
    void boundsMustBePositiveAndOrdered() {
        assertThrows(IllegalArgumentException.class, () -> SimSwapInfo.noChangeWithin(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> SimSwapInfo.changedWithin(Duration.ofHours(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> SimSwapInfo.changedBetween(Duration.ofHours(72), Duration.ofHours(72)));
        assertThrows(IllegalArgumentException.class,
                () -> SimSwapInfo.dated(Optional.empty(), Optional.of(Duration.ZERO)));
        assertEquals(Optional.of(Duration.ofHours(1)),
                SimSwapInfo.changedBetween(Duration.ofHours(1), Duration.ofHours(2)).knownNoChangeWithin());
    }

    @Test
    void equalityFollowsTheKnowledgeNotTheFactoryName() {
        assertEquals(SimSwapInfo.changedWithin(H72), SimSwapInfo.changedWithin(Duration.ofDays(3)));
        assertNotEquals(SimSwapInfo.changedWithin(H72), SimSwapInfo.noChangeWithin(H72));
        assertEquals(SimSwapInfo.changedWithin(H72).hashCode(), SimSwapInfo.changedWithin(H72).hashCode());
    }
}
