package tw.mobileauth.testing.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Arbitraries;
import tw.mobileauth.eligibility.EligibilityDecision;
import tw.mobileauth.eligibility.EligibilityDecision.Verdict;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.EligibilityPolicy;
import tw.mobileauth.eligibility.EligibilityRules;
import tw.mobileauth.eligibility.ReasonCode;
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
                EligibilityArbitraries.withSomeForgotten(recentlySwapped()));
    }

    /** Fully known facts: random ones, plus welcome and recently swapped applicants, so both sides are covered. */
    @Provide
    Arbitrary<EligibilityFacts> knownFacts() {
        return Arbitraries.oneOf(EligibilityArbitraries.knownFacts(), welcomeApplicants(), recentlySwapped());
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

    @Provide
    Arbitrary<Tuple2<EligibilityFacts, EligibilityFacts>> factsAndWhatCanBeLearned() {
        return EligibilityArbitraries.factsWithRefinements();
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
        assertTrue(facts.unknownFacts().isEmpty(), facts::toString);
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
    void localisationCoversTheAddedRulesReasonsToo(@ForAll("facts") EligibilityFacts facts) {
        for (EligibilityDecision.Reason reason : POLICY.evaluate(facts).reasons()) {
            StandardPolicyProperties.assertBilingual(reason.message(), reason.code() + " message");
            StandardPolicyProperties.assertBilingual(reason.remedy(), reason.code() + " remedy");
        }
    }
}
