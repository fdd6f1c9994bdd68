package tw.mobileauth.testing.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import tw.mobileauth.eligibility.EligibilityDecision;
import tw.mobileauth.eligibility.EligibilityDecision.Verdict;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.EligibilityPolicy;
import tw.mobileauth.eligibility.EligibilityRule;
import tw.mobileauth.eligibility.FactName;
import tw.mobileauth.eligibility.ReasonCode;
import tw.mobileauth.eligibility.RuleOutcome;
import tw.mobileauth.i18n.LocalizedText;
import tw.mobileauth.testing.EligibilityArbitraries;

/** docs/eligibility.md, "Properties every policy keeps": the invariants every decision of the standard policy keeps. */
class StandardPolicyProperties {

    private static final EligibilityPolicy STANDARD = EligibilityPolicy.standard();
    private static final SeedConditionsOracle ORACLE = SeedConditionsOracle.standard();

    /**
     * Any facts, some unknown: random ones (mostly INELIGIBLE), plus standard applicants, good or
     * breaking one condition, with some facts forgotten (often UNDETERMINED or ELIGIBLE).
     */
    @Provide
    Arbitrary<EligibilityFacts> facts() {
        return Arbitraries.oneOf(
                EligibilityArbitraries.facts(),
                EligibilityArbitraries.satisfyingStandard(),
                EligibilityArbitraries.withSomeForgotten(EligibilityArbitraries.satisfyingStandard()),
                EligibilityArbitraries.withSomeForgotten(EligibilityArbitraries.violatingStandard()));
    }

    /**
     * Facts with everything the standard rules read known: random ones (almost never eligible),
     * plus applicants who meet every condition or break exactly one, so both sides are covered.
     */
    @Provide
    Arbitrary<EligibilityFacts> decidableFacts() {
        return Arbitraries.oneOf(
                EligibilityArbitraries.knownFacts(),
                EligibilityArbitraries.satisfyingStandard(),
                EligibilityArbitraries.violatingStandard());
    }

    @Provide
    Arbitrary<Tuple2<EligibilityFacts, EligibilityFacts>> factsAndWhatCanBeLearned() {
        return EligibilityArbitraries.factsWithRefinements();
    }

    @Property(tries = 1000)
    void determinism_theSameFactsAlwaysGiveTheSameDecision(@ForAll("facts") EligibilityFacts facts) {
        EligibilityDecision first = STANDARD.evaluate(facts);

        assertEquals(first, STANDARD.evaluate(facts));
        assertEquals(first, STANDARD.evaluate(facts.toBuilder().build()), "an equal copy of the facts");
        assertEquals(first, STANDARD.toBuilder().build().evaluate(facts), "a policy rebuilt from the same rules");
        assertEquals(first.reasons(), STANDARD.evaluate(facts).reasons());
    }

    @Property(tries = 1000)
    void completeness_ineligibleIffSomeRuleIsViolatedAndEveryViolatedRuleIsReported(
            @ForAll("facts") EligibilityFacts facts) {
        EnumSet<ReasonCode> violatedByRules = EnumSet.noneOf(ReasonCode.class);
        EnumSet<FactName> neededByRules = EnumSet.noneOf(FactName.class);
        boolean someRuleViolated = false;
        boolean someRuleUnknown = false;
        for (EligibilityRule rule : STANDARD.rules()) {
            RuleOutcome outcome = rule.evaluate(facts);
            if (outcome instanceof RuleOutcome.Violated violated) {
                someRuleViolated = true;
                violatedByRules.addAll(violated.reasons());
            } else if (outcome instanceof RuleOutcome.Unknown unknown) {
                someRuleUnknown = true;
                neededByRules.addAll(unknown.missingFacts());
            }
        }

        EligibilityDecision decision = STANDARD.evaluate(facts);
        Statistics.collect(decision.verdict());
        Statistics.coverage(coverage -> {
            for (Verdict verdict : Verdict.values()) {
                coverage.check(verdict).percentage(p -> p > 5);
            }
        });

        assertEquals(someRuleViolated, decision.verdict() == Verdict.INELIGIBLE);
        assertEquals(!someRuleViolated && someRuleUnknown, decision.verdict() == Verdict.UNDETERMINED);
        assertEquals(!someRuleViolated && !someRuleUnknown, decision.verdict() == Verdict.ELIGIBLE);
        assertEquals(new ArrayList<>(violatedByRules), decision.reasonCodes(), "every violated rule's reasons, once");
        assertEquals(someRuleViolated ? List.of() : new ArrayList<>(neededByRules), decision.missingFacts());
    }

    @Property(tries = 1000)
    void monotonicity_learningAFactNeverUndoesIneligibility(
            @ForAll("factsAndWhatCanBeLearned") Tuple2<EligibilityFacts, EligibilityFacts> factsAndLearned) {
        EligibilityDecision before = STANDARD.evaluate(factsAndLearned.get1());
        EligibilityDecision after = STANDARD.evaluate(factsAndLearned.get2());
        Statistics.collect(before.verdict(), after.verdict());

        if (before.verdict() == Verdict.INELIGIBLE) {
            assertEquals(Verdict.INELIGIBLE, after.verdict());
            assertTrue(after.reasonCodes().containsAll(before.reasonCodes()), "learning never withdraws a reason");
        }
        if (before.verdict() == Verdict.ELIGIBLE) {
            assertEquals(Verdict.ELIGIBLE, after.verdict());
        }
    }

    @Property(tries = 1000)
    void localisation_everyReasonOfEveryDecisionHasMessageAndRemedyInBothLanguages(
            @ForAll("facts") EligibilityFacts facts) {
        for (EligibilityDecision.Reason reason : STANDARD.evaluate(facts).reasons()) {
            assertBilingual(reason.message(), reason.code() + " message");
            assertBilingual(reason.remedy(), reason.code() + " remedy");
            assertFalse(reason.remedy().in(Locale.ENGLISH).isBlank());
            assertFalse(reason.remedy().in(Locale.TRADITIONAL_CHINESE).isBlank());
        }
    }

    @Property(tries = 1000)
    void standardIsEligibleIffEverySeedConditionHolds(@ForAll("decidableFacts") EligibilityFacts facts) {
        assertTrue(EnumSet.of(FactName.TIME_SINCE_SIM_CHANGE, FactName.NHI_CARD).containsAll(facts.unknownFacts()),
                facts::toString);
        boolean expected = ORACLE.eligible(facts);
        Statistics.collect(expected ? "meets every seed condition" : "breaks one or more");
        Statistics.coverage(coverage -> {
            coverage.check("meets every seed condition").percentage(p -> p > 10);
            coverage.check("breaks one or more").percentage(p -> p > 10);
        });

        assertEquals(expected, STANDARD.evaluate(facts).isEligible(), facts::toString);
        assertEquals(expected ? Verdict.ELIGIBLE : Verdict.INELIGIBLE, STANDARD.evaluate(facts).verdict());
        assertEquals(ORACLE.expect(facts).violated(), STANDARD.evaluate(facts).reasonCodes());
    }

    @Property(tries = 1000)
    void standardMatchesTheOracleOnPartlyKnownFacts(@ForAll("facts") EligibilityFacts facts) {
        SeedConditionsOracle.Expected expected = ORACLE.expect(facts);
        EligibilityDecision decision = STANDARD.evaluate(facts);

        Verdict verdict = !expected.violated().isEmpty() ? Verdict.INELIGIBLE
                : !expected.missing().isEmpty() ? Verdict.UNDETERMINED
                : Verdict.ELIGIBLE;
        assertEquals(verdict, decision.verdict(), facts::toString);
        assertEquals(expected.violated(), decision.reasonCodes());
        assertEquals(expected.missing(), decision.missingFacts());
    }

    @Property(tries = 1000)
    void reasonsAreInStableOrderWithoutDuplicates(@ForAll("facts") EligibilityFacts facts) {
        List<ReasonCode> reasons = STANDARD.evaluate(facts).reasonCodes();

        for (int i = 1; i < reasons.size(); i++) {
            assertTrue(reasons.get(i - 1).ordinal() < reasons.get(i).ordinal(), reasons::toString);
        }
        assertEquals(Set.copyOf(reasons).size(), reasons.size());
        List<FactName> missing = STANDARD.evaluate(facts).missingFacts();
        for (int i = 1; i < missing.size(); i++) {
            assertTrue(missing.get(i - 1).ordinal() < missing.get(i).ordinal(), missing::toString);
        }
    }

    static void assertBilingual(LocalizedText text, String what) {
        assertFalse(text.zhTw().isBlank(), what + " zh-TW");
        assertFalse(text.en().isBlank(), what + " English");
        assertTrue(text.zhTw().codePoints().anyMatch(StandardPolicyProperties::isHan), what + " zh-TW: " + text.zhTw());
        assertFalse(text.en().codePoints().anyMatch(StandardPolicyProperties::isHan), what + " English: " + text.en());
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}
