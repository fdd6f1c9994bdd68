package tw.mobileauth.carrier.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class KycMatchResultTest {

    @Test
    void aScoreIsOnlyAllowedWithANameNonMatch() {
        assertThrows(IllegalArgumentException.class, () -> new KycMatchResult(MatchOutcome.MATCH,
                MatchOutcome.MATCH, OptionalInt.of(80), MatchOutcome.MATCH));
        assertThrows(IllegalArgumentException.class, () -> new KycMatchResult(MatchOutcome.MATCH,
                MatchOutcome.NOT_AVAILABLE, OptionalInt.of(80), MatchOutcome.MATCH));
        KycMatchResult r = new KycMatchResult(MatchOutcome.MATCH, MatchOutcome.NO_MATCH, OptionalInt.of(80),
                MatchOutcome.MATCH);
        assertEquals(OptionalInt.of(80), r.nameScore());
    }

    @Test
    void theScoreMustBeBetweenZeroAndNinetyNine() {
        assertThrows(IllegalArgumentException.class, () -> new KycMatchResult(MatchOutcome.MATCH,
                MatchOutcome.NO_MATCH, OptionalInt.of(100), MatchOutcome.MATCH));
        assertThrows(IllegalArgumentException.class, () -> new KycMatchResult(MatchOutcome.MATCH,
                MatchOutcome.NO_MATCH, OptionalInt.of(-1), MatchOutcome.MATCH));
        assertEquals(OptionalInt.of(0), new KycMatchResult(MatchOutcome.MATCH, MatchOutcome.NO_MATCH,
                OptionalInt.of(0), MatchOutcome.MATCH).nameScore());
        assertEquals(OptionalInt.of(99), new KycMatchResult(MatchOutcome.MATCH, MatchOutcome.NO_MATCH,
                OptionalInt.of(99), MatchOutcome.MATCH).nameScore());
    }

    @Test
    void aNonMatchWithoutScoreIsAllowed() {
        KycMatchResult r = new KycMatchResult(MatchOutcome.NO_MATCH, MatchOutcome.NOT_AVAILABLE,
                OptionalInt.empty(), MatchOutcome.NOT_AVAILABLE);
        assertFalse(r.isFullMatch());
    }

    @Test
    void fullMatchNeedsAllThreeFields() {
        assertTrue(KycMatchResult.allMatch().isFullMatch());
        assertFalse(new KycMatchResult(MatchOutcome.MATCH, MatchOutcome.MATCH, OptionalInt.empty(),
                MatchOutcome.NOT_AVAILABLE).isFullMatch());
        assertFalse(new KycMatchResult(MatchOutcome.NO_MATCH, MatchOutcome.MATCH, OptionalInt.empty(),
                MatchOutcome.MATCH).isFullMatch());
    }

    @Test
    void nullComponentsAreRejected() {
        assertThrows(NullPointerException.class, () -> new KycMatchResult(null, MatchOutcome.MATCH,
                OptionalInt.empty(), MatchOutcome.MATCH));
        assertThrows(NullPointerException.class, () -> new KycMatchResult(MatchOutcome.MATCH, MatchOutcome.MATCH,
                null, MatchOutcome.MATCH));
    }
}
