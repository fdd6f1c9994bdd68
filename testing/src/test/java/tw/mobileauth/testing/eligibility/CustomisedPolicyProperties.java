package tw.mobileauth.testing.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Arbitraries;
import tw.mobileauth.eligibility.EligibilityDecision;
import tw.mobileauth.eligibility.EligibilityDecision.Verdict;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.EligibilityPolicy;
import tw.mobileauth.eligibility.EligibilityRules;
import tw.mobileauth.eligibility.FactName;
import tw.mobileauth.eligibility.ReasonCode;
import tw.mobileauth.eligibility.SimChangeAge;
import tw.mobileauth.identity.IdClass;
import tw.mobileauth.testing.EligibilityArbitraries;

/**
 * How a policy owner property-tests their own policy: here a portal that accepts residents' ID
 * numbers and holds back SIM cards changed in the last 72 hours.
 */
class CustomisedPolicyProperties {

    private static final Duration WINDOW = Duration.ofHours(72);
    private static final EligibilityPolicy POLICY = EligibilityPolicy.standard().toBuilder()
            .allowResidents()
            .add(EligibilityRules.noSimChangeWithin(WINDOW))
            .build();
    private static final SeedConditionsOracle ORACLE = SeedConditionsOracle.residentsAllowedWithNoSimChangeWithin(WINDOW);

    /** Any facts, some unknown, often near the eligibility boundary. */
    @Provide
    Arbitrary<EligibilityFacts> facts() {
        return Arbitraries.oneOf(
                EligibilityArbitraries.facts(),
                welcomeApplicants(),
                EligibilityArbitraries.withSomeForgotten(welcomeApplicants()),
                EligibilityArbitraries.withSomeForgotten(recentlySwapped()),
                EligibilityArbitraries.withSomeForgotten(undecidedSims()));
    }

    /**
     * Fully known facts: random ones, plus welcome, recently swapped and SIM-undecided applicants,
     * so every side is covered.
     */
    @Provide
    Arbitrary<EligibilityFacts> knownFacts() {
        return Arbitraries.oneOf(EligibilityArbitraries.knownFacts(), welcomeApplicants(), recentlySwapped(),
                undecidedSims());
    }

    /** Standard applicants, any ID class, whose SIM is at least 72 hours old. */
    @Provide
    Arbitrary<EligibilityFacts> welcomeApplicants() {
        return Combinators.combine(EligibilityArbitraries.noSimChangeWithin(WINDOW), Arbitraries.of(IdClass.class))
                .as(EligibilityFacts::withIdClass);
    }

    @Provide
    Arbitrary<EligibilityFacts> recentlySwapped() {
        return EligibilityArbitraries.simChangedWithin(WINDOW);
    }

    /** Standard applicants, any ID class, whose SIM-change range straddles the 72 hours. */
    @Provide
    Arbitrary<EligibilityFacts> undecidedSims() {
        return Combinators.combine(EligibilityArbitraries.simChangeUndecided(WINDOW), Arbitraries.of(IdClass.class))
                .as(EligibilityFacts::withIdClass);
    }

    @Provide
    Arbitrary<Tuple2<EligibilityFacts, EligibilityFacts>> factsAndWhatCanBeLearned() {
        return EligibilityArbitraries.factsWithRefinements();
    }

    /**
     * Applicants the SIM rule alone decides, each with a narrower SIM-change range learned later.
     * Without jqwik's edge cases, which are slow to enumerate through flatMap; the generators put
     * the window's edges in by themselves.
     */
    @Provide
    Arbitrary<Tuple2<EligibilityFacts, EligibilityFacts>> simRangesAndNarrowerOnes() {
        Arbitrary<EligibilityFacts> applicants = Arbitraries.oneOf(welcomeApplicants(), recentlySwapped(), undecidedSims());
        return applicants.flatMap(facts -> EligibilityArbitraries
                .narrowerThan(facts.timeSinceSimChange().asOptional().orElseThrow())
                .map(narrower -> Tuple.of(facts, facts.withTimeSinceSimChange(narrower))))
                .withoutEdgeCases();
    }

    /** Any applicant, and any later SIM-change answer, contradicting or not. */
    @Provide
    Arbitrary<Tuple2<EligibilityFacts, SimChangeAge>> factsAndAnyLaterSimAnswer() {
        return Combinators.combine(facts(), EligibilityArbitraries.simChangeAges()).as(Tuple::of);
    }

    @Property(tries = 1000)
    void residentsWithAnOldEnoughSimAreEligible(@ForAll("welcomeApplicants") EligibilityFacts facts) {
        assertEquals(Verdict.ELIGIBLE, POLICY.evaluate(facts).verdict(), facts::toString);
    }

    @Property(tries = 1000)
    void aRecentSimChangeIsTheOnlyReasonForAnOtherwiseStandardApplicant(
            @ForAll("recentlySwapped") EligibilityFacts facts) {
        assertEquals(List.of(ReasonCode.RECENT_SIM_SWAP), POLICY.evaluate(facts).reasonCodes());
        assertEquals(Verdict.ELIGIBLE, EligibilityPolicy.standard().evaluate(facts).verdict(),
                "the standard policy has no SIM-change rule");
    }

    @Property(tries = 1000)
    void eligibleIffEveryCustomisedConditionHolds(@ForAll("knownFacts") EligibilityFacts facts) {
        assertTrue(EnumSet.of(FactName.NHI_CARD).containsAll(facts.unknownFacts()), facts::toString);
        Statistics.collect(ORACLE.eligible(facts) ? "eligible" : "not eligible");
        Statistics.coverage(coverage -> {
            coverage.check("eligible").percentage(p -> p > 10);
            coverage.check("not eligible").percentage(p -> p > 10);
        });
        assertEquals(ORACLE.eligible(facts), POLICY.evaluate(facts).isEligible(), facts::toString);
        assertEquals(ORACLE.expect(facts).violated(), POLICY.evaluate(facts).reasonCodes());
    }

    @Property(tries = 1000)
    void matchesTheOracleOnPartlyKnownFacts(@ForAll("facts") EligibilityFacts facts) {
        SeedConditionsOracle.Expected expected = ORACLE.expect(facts);
        EligibilityDecision decision = POLICY.evaluate(facts);
        Statistics.collect(decision.verdict());
        Statistics.coverage(coverage -> {
            for (Verdict verdict : Verdict.values()) {
                coverage.check(verdict).percentage(p -> p > 5);
            }
        });

        assertEquals(expected.violated(), decision.reasonCodes(), facts::toString);
        assertEquals(expected.missing(), decision.missingFacts(), facts::toString);
        assertTrue(decision.reasonCodes().stream().noneMatch(code -> code == ReasonCode.ID_NOT_CITIZEN));
    }

    @Property(tries = 1000)
    void learningAFactNeverUndoesIneligibility(
            @ForAll("factsAndWhatCanBeLearned") Tuple2<EligibilityFacts, EligibilityFacts> factsAndLearned) {
        EligibilityDecision before = POLICY.evaluate(factsAndLearned.get1());
        EligibilityDecision after = POLICY.evaluate(factsAndLearned.get2());

        if (before.verdict() == Verdict.INELIGIBLE) {
            assertEquals(Verdict.INELIGIBLE, after.verdict());
            assertTrue(after.reasonCodes().containsAll(before.reasonCodes()));
        }
    }

    @Property(tries = 1000)
    void aSimChangeRangeStraddlingTheWindowIsUndeterminedNotIneligible(
            @ForAll("undecidedSims") EligibilityFacts facts) {
        EligibilityDecision decision = POLICY.evaluate(facts);

        assertEquals(Verdict.UNDETERMINED, decision.verdict(), facts::toString);
        assertEquals(List.of(FactName.TIME_SINCE_SIM_CHANGE), decision.missingFacts());
    }

    @Property(tries = 1000)
    void narrowingTheSimChangeRangeNeverUndoesADecision(
            @ForAll("simRangesAndNarrowerOnes") Tuple2<EligibilityFacts, EligibilityFacts> factsAndNarrowed) {
        EligibilityFacts before = factsAndNarrowed.get1();
        EligibilityFacts after = factsAndNarrowed.get2();
        Verdict was = POLICY.evaluate(before).verdict();
        Verdict is = POLICY.evaluate(after).verdict();
        Statistics.collect(was, is);
        Statistics.coverage(coverage -> {
            coverage.check(Verdict.UNDETERMINED, Verdict.ELIGIBLE).percentage(p -> p > 2);
            coverage.check(Verdict.UNDETERMINED, Verdict.INELIGIBLE).percentage(p -> p > 2);
            coverage.check(Verdict.INELIGIBLE, Verdict.INELIGIBLE).percentage(p -> p > 2);
            coverage.check(Verdict.ELIGIBLE, Verdict.ELIGIBLE).percentage(p -> p > 2);
        });

        assertEquals(before.without(FactName.TIME_SINCE_SIM_CHANGE), after.without(FactName.TIME_SINCE_SIM_CHANGE));
        assertEquals(after, before.refinedBy(after), "a narrower range is what refinement learns");
        if (was != Verdict.UNDETERMINED) {
            assertEquals(was, is, () -> before + " then " + after);
        }
    }

    @Property(tries = 1000)
    void evenAContradictingSimAnswerNeverUndoesIneligibility(
            @ForAll("factsAndAnyLaterSimAnswer") Tuple2<EligibilityFacts, SimChangeAge> factsAndAnswer) {
        EligibilityFacts before = factsAndAnswer.get1();
        EligibilityFacts after = before.refinedBy(
                EligibilityFacts.builder().timeSinceSimChange(factsAndAnswer.get2()).build());
        EligibilityDecision was = POLICY.evaluate(before);
        EligibilityDecision is = POLICY.evaluate(after);
        Statistics.collect(was.verdict(), is.verdict());

        if (was.verdict() == Verdict.INELIGIBLE) {
            assertEquals(Verdict.INELIGIBLE, is.verdict(), () -> before + " then " + factsAndAnswer.get2());
            assertTrue(is.reasonCodes().containsAll(was.reasonCodes()));
        }
    }

    @Property(tries = 1000)
    void localisationCoversTheAddedRulesReasonsToo(@ForAll("facts") EligibilityFacts facts) {
        for (EligibilityDecision.Reason reason : POLICY.evaluate(facts).reasons()) {
            StandardPolicyProperties.assertBilingual(reason.message(), reason.code() + " message");
            StandardPolicyProperties.assertBilingual(reason.remedy(), reason.code() + " remedy");
        }
    }
}
