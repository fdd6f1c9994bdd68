package tw.mobileauth.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import tw.mobileauth.eligibility.EligibilityDecision.Verdict;

/** Decision semantics: a violation beats unknowns, every reason once, shared decisions. */
class EligibilityDecisionTest {

    /** A rule that reports a fixed outcome, to combine outcomes freely. */
    private static EligibilityRule fixed(String id, RuleOutcome outcome) {
        return new EligibilityRule() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public RuleOutcome evaluate(EligibilityFacts facts) {
                return outcome;
            }

            @Override
            public RuleDescription description() {
                return RuleDescription.whoCannot(new tw.mobileauth.i18n.LocalizedText("測試規則 " + id, "test rule " + id));
            }
        };
    }

    @Test
    void oneViolationAmongUnknownsIsIneligible() {
        EligibilityPolicy policy = EligibilityPolicy.builder()
                .add(fixed("a", RuleOutcome.unknown(FactName.CARRIER)))
                .add(fixed("b", RuleOutcome.violated(ReasonCode.ROAMING)))
                .add(fixed("c", RuleOutcome.satisfied()))
                .build();

        EligibilityDecision decision = policy.evaluate(EligibilityFacts.unknown());

        assertEquals(Verdict.INELIGIBLE, decision.verdict());
        assertEquals(List.of(ReasonCode.ROAMING), decision.reasonCodes());
        assertEquals(List.of(), decision.missingFacts());
    }

    @Test
    void unknownsWithoutViolationAreUndeterminedWithTheUnionOfMissingFacts() {
        EligibilityPolicy policy = EligibilityPolicy.builder()
                .add(fixed("a", RuleOutcome.unknown(FactName.ROAMING)))
                .add(fixed("b", RuleOutcome.unknown(FactName.CARRIER, FactName.ROAMING)))
                .add(fixed("c", RuleOutcome.satisfied()))
                .build();

        EligibilityDecision decision = policy.evaluate(EligibilityFacts.unknown());

        assertEquals(Verdict.UNDETERMINED, decision.verdict());
        assertEquals(List.of(FactName.CARRIER, FactName.ROAMING), decision.missingFacts());
        assertEquals(List.of(), decision.reasons());
    }

    @Test
    void reasonsOfSeveralRulesAreMergedOnceEachInCodeOrder() {
        EligibilityPolicy policy = EligibilityPolicy.builder()
                .add(fixed("a", RuleOutcome.violated(ReasonCode.RECENT_SIM_SWAP, ReasonCode.NETWORK_WIFI)))
                .add(fixed("b", RuleOutcome.violated(ReasonCode.NETWORK_WIFI)))
                .add(fixed("c", RuleOutcome.violated(ReasonCode.ID_NOT_CITIZEN)))
                .build();

        EligibilityDecision decision = policy.evaluate(EligibilityFacts.unknown());

        assertEquals(List.of(ReasonCode.ID_NOT_CITIZEN, ReasonCode.NETWORK_WIFI, ReasonCode.RECENT_SIM_SWAP),
                decision.reasonCodes());
        assertEquals(decision.reasonCodes(), decision.reasons().stream().map(EligibilityDecision.Reason::code).toList());
        assertEquals("INELIGIBLE[ID_NOT_CITIZEN, NETWORK_WIFI, RECENT_SIM_SWAP]", decision.toString());
    }

    @Test
    void allSatisfiedIsTheSharedEligibleDecision() {
        EligibilityPolicy policy = EligibilityPolicy.builder().add(fixed("a", RuleOutcome.satisfied())).build();

        assertSame(policy.evaluate(EligibilityFacts.unknown()), EligibilityPolicy.standard().evaluate(TestFacts.allFine()));
        assertEquals("ELIGIBLE", policy.evaluate(EligibilityFacts.unknown()).toString());
    }

    @Test
    void equalOutcomesGiveTheSameDecisionInstance() {
        EligibilityFacts facts = TestFacts.allFine().withMvno(true).withAccessNetwork(AccessNetwork.G2);

        assertSame(EligibilityPolicy.standard().evaluate(facts), EligibilityPolicy.standard().evaluate(facts));
    }

    @Test
    void theListsCannotBeModified() {
        EligibilityDecision decision = EligibilityPolicy.standard().evaluate(TestFacts.allFine().withMvno(true));

        assertThrows(UnsupportedOperationException.class, () -> decision.reasonCodes().clear());
        assertThrows(UnsupportedOperationException.class, () -> decision.reasons().clear());
        assertThrows(UnsupportedOperationException.class, () -> decision.missingFacts().clear());
    }

    @Test
    void aReasonCarriesItsCodesTexts() {
        EligibilityDecision.Reason reason = EligibilityDecision.Reason.of(ReasonCode.ROAMING);

        assertEquals(ReasonCode.ROAMING, reason.code());
        assertEquals(ReasonCode.ROAMING.message(), reason.message());
        assertEquals(ReasonCode.ROAMING.remedy(), reason.remedy());
    }
}
