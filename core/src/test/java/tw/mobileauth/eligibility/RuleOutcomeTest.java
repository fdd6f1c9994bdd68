package tw.mobileauth.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule outcomes keep their reasons and missing facts de-duplicated and in enum order. */
class RuleOutcomeTest {

    @Test
    void violatedReasonsAreDeduplicatedAndInReasonCodeOrder() {
        RuleOutcome outcome = RuleOutcome.violated(ReasonCode.ROAMING, ReasonCode.ID_NOT_CITIZEN, ReasonCode.ROAMING);

        RuleOutcome.Violated violated = assertInstanceOf(RuleOutcome.Violated.class, outcome);
        assertEquals(List.of(ReasonCode.ID_NOT_CITIZEN, ReasonCode.ROAMING), violated.reasons());
        assertEquals(RuleOutcome.violated(ReasonCode.ID_NOT_CITIZEN, ReasonCode.ROAMING), outcome);
        assertNotEquals(RuleOutcome.violated(ReasonCode.ROAMING), outcome);
    }

    @Test
    void unknownFactsAreDeduplicatedAndInFactNameOrder() {
        RuleOutcome outcome = RuleOutcome.unknown(FactName.ROAMING, FactName.CARRIER, FactName.CARRIER);

        RuleOutcome.Unknown unknown = assertInstanceOf(RuleOutcome.Unknown.class, outcome);
        assertEquals(List.of(FactName.CARRIER, FactName.ROAMING), unknown.missingFacts());
    }

    @Test
    void singleReasonOutcomesAreShared() {
        assertSame(RuleOutcome.violated(ReasonCode.MVNO_LINE), RuleOutcome.violated(ReasonCode.MVNO_LINE));
        assertSame(RuleOutcome.violated(ReasonCode.MVNO_LINE), RuleOutcome.violated(ReasonCode.MVNO_LINE, ReasonCode.MVNO_LINE));
        assertSame(RuleOutcome.unknown(FactName.MVNO), RuleOutcome.unknown(FactName.MVNO));
        assertSame(RuleOutcome.satisfied(), RuleOutcome.satisfied());
    }

    @Test
    void nullReasonsAndFactsAreRejected() {
        assertThrows(NullPointerException.class, () -> RuleOutcome.violated((ReasonCode) null));
        assertThrows(NullPointerException.class, () -> RuleOutcome.violated(ReasonCode.ROAMING, (ReasonCode) null));
        assertThrows(NullPointerException.class, () -> RuleOutcome.unknown((FactName) null));
    }

    @Test
    void outcomesPrintTheirContent() {
        assertEquals("VIOLATED[CONTRACT_PREPAID]", RuleOutcome.violated(ReasonCode.CONTRACT_PREPAID).toString());
        assertEquals("UNKNOWN[ACCESS_NETWORK]", RuleOutcome.unknown(FactName.ACCESS_NETWORK).toString());
        assertEquals("SATISFIED", RuleOutcome.satisfied().toString());
    }
}
