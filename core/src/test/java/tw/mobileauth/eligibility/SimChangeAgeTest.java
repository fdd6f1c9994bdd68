package tw.mobileauth.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A SIM-change age is a range that says no more than the carrier's answer, and learning narrows it. */
class SimChangeAgeTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void anExactAgeHasEqualBoundsAndABoundIsNotExact() {
        SimChangeAge exact = SimChangeAge.exact(DAY);

        assertEquals(DAY, exact.atLeast());
        assertEquals(Optional.of(DAY), exact.atMost());
        assertTrue(exact.isExact());
        assertEquals(exact, SimChangeAge.between(DAY, DAY));
        assertFalse(SimChangeAge.atLeast(DAY).isExact());
        assertFalse(SimChangeAge.atMost(DAY).isExact());
        assertFalse(SimChangeAge.between(DAY, WEEK).isExact());
    }

    @Test
    void aLowerBoundHasNoUpperBoundAndAnUpperBoundStartsAtZero() {
        assertEquals(DAY, SimChangeAge.atLeast(DAY).atLeast());
        assertEquals(Optional.empty(), SimChangeAge.atLeast(DAY).atMost());
        assertEquals(Duration.ZERO, SimChangeAge.atMost(DAY).atLeast());
        assertEquals(Optional.of(DAY), SimChangeAge.atMost(DAY).atMost());
    }

    @Test
    void noChangeReportedIsALowerBoundOfAHundredYears() {
        SimChangeAge never = SimChangeAge.noChangeReported();

        assertEquals(Duration.ofDays(SimChangeAge.NO_CHANGE_REPORTED_DAYS), never.atLeast());
        assertTrue(never.atLeast().compareTo(Duration.ofDays(365 * 100)) >= 0);
        assertEquals(Optional.empty(), never.atMost());
        assertEquals(SimChangeAge.atLeast(Duration.ofDays(SimChangeAge.NO_CHANGE_REPORTED_DAYS)), never);
    }

    @Test
    void negativeDurationsBecomeZeroButAnInvertedRangeIsRejected() {
        assertEquals(SimChangeAge.exact(Duration.ZERO), SimChangeAge.exact(Duration.ofMinutes(-5)));
        assertEquals(SimChangeAge.atLeast(Duration.ZERO), SimChangeAge.atLeast(Duration.ofMinutes(-5)));
        assertEquals(SimChangeAge.exact(Duration.ZERO), SimChangeAge.atMost(Duration.ofMinutes(-5)));
        assertEquals(SimChangeAge.atMost(DAY), SimChangeAge.between(Duration.ofMinutes(-5), DAY));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimChangeAge.between(WEEK, DAY));
        assertTrue(e.getMessage().contains("atMost"), e.getMessage());
        assertThrows(NullPointerException.class, () -> SimChangeAge.exact(null));
        assertThrows(NullPointerException.class, () -> SimChangeAge.atLeast(DAY).refinedBy(null));
    }

    @Test
    void refiningIntersectsOverlappingRanges() {
        assertEquals(SimChangeAge.between(DAY, WEEK), SimChangeAge.atLeast(DAY).refinedBy(SimChangeAge.atMost(WEEK)));
        assertEquals(SimChangeAge.atLeast(WEEK), SimChangeAge.atLeast(DAY).refinedBy(SimChangeAge.atLeast(WEEK)));
        assertEquals(SimChangeAge.atMost(DAY), SimChangeAge.atMost(WEEK).refinedBy(SimChangeAge.atMost(DAY)));
        // the reviewer's case: "no change in the monitored day", then the date, 400 days ago
        assertEquals(SimChangeAge.exact(Duration.ofDays(400)),
                SimChangeAge.atLeast(DAY).refinedBy(SimChangeAge.exact(Duration.ofDays(400))));
        assertEquals(SimChangeAge.exact(Duration.ofDays(400)),
                SimChangeAge.noChangeReported().refinedBy(SimChangeAge.atLeast(Duration.ofDays(400)))
                        .refinedBy(SimChangeAge.exact(Duration.ofDays(400))).refinedBy(SimChangeAge.atLeast(DAY)),
                "once exact, an older lower bound adds nothing");
    }

    @Test
    void refiningByAnEqualRangeChangesNothingAndOrderDoesNotMatter() {
        SimChangeAge range = SimChangeAge.between(DAY, WEEK);

        assertEquals(range, range.refinedBy(range));
        assertEquals(range.refinedBy(SimChangeAge.exact(Duration.ofDays(3))),
                SimChangeAge.exact(Duration.ofDays(3)).refinedBy(range));
        assertEquals(SimChangeAge.exact(Duration.ofDays(3)), range.refinedBy(SimChangeAge.exact(Duration.ofDays(3))));
    }

    @Test
    void contradictingAnswersKeepTheRangeNearerThePresent() {
        SimChangeAge recent = SimChangeAge.exact(Duration.ofHours(1));
        SimChangeAge old = SimChangeAge.exact(Duration.ofDays(400));

        assertEquals(recent, recent.refinedBy(old), "a later, older date does not erase a recent change");
        assertEquals(recent, old.refinedBy(recent));
        assertEquals(SimChangeAge.atMost(DAY), SimChangeAge.noChangeReported().refinedBy(SimChangeAge.atMost(DAY)));
        assertEquals(SimChangeAge.atMost(DAY), SimChangeAge.atMost(DAY).refinedBy(SimChangeAge.atLeast(WEEK)));
    }

    @Test
    void toStringShowsTheRange() {
        assertEquals("PT72H", SimChangeAge.exact(Duration.ofHours(72)).toString());
        assertEquals(">=PT24H", SimChangeAge.atLeast(DAY).toString());
        assertEquals("<=PT24H", SimChangeAge.atMost(DAY).toString());
        assertEquals("PT24H..PT168H", SimChangeAge.between(DAY, WEEK).toString());
        assertEquals("NO_CHANGE_REPORTED", SimChangeAge.noChangeReported().toString());
    }

    @Test
    void equalRangesAreEqual() {
        assertEquals(SimChangeAge.atLeast(DAY), SimChangeAge.atLeast(Duration.ofHours(24)));
        assertEquals(SimChangeAge.atLeast(DAY).hashCode(), SimChangeAge.atLeast(Duration.ofHours(24)).hashCode());
        assertFalse(SimChangeAge.atLeast(DAY).equals(SimChangeAge.exact(DAY)));
        assertFalse(SimChangeAge.atMost(DAY).equals(SimChangeAge.exact(DAY)));
    }
}
