package tw.mobileauth.testing.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import tw.mobileauth.eligibility.AccessNetwork;
import tw.mobileauth.eligibility.ContractType;
import tw.mobileauth.eligibility.EligibilityDecision.Verdict;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.EligibilityPolicy;
import tw.mobileauth.eligibility.EligibilityRules;
import tw.mobileauth.eligibility.Fact;
import tw.mobileauth.eligibility.FactName;
import tw.mobileauth.eligibility.ReasonCode;
import tw.mobileauth.eligibility.SimChangeAge;
import tw.mobileauth.testing.EligibilityArbitraries;

/** The generators promise what their Javadoc says, so owners can rely on them. */
class EligibilityArbitrariesProperties {

    private static final EligibilityPolicy STANDARD = EligibilityPolicy.standard();
    private static final Duration WINDOW = Duration.ofHours(72);
    /** A prepaid line on Wi-Fi; nothing else known. */
    private static final EligibilityFacts PARTLY_KNOWN = EligibilityFacts.builder()
            .contractType(ContractType.PREPAID).accessNetwork(AccessNetwork.WIFI).build();

    @Provide
    Arbitrary<EligibilityFacts> facts() {
        return EligibilityArbitraries.facts();
    }

    @Provide
    Arbitrary<EligibilityFacts> knownFacts() {
        return EligibilityArbitraries.knownFacts();
    }

    @Provide
    Arbitrary<EligibilityFacts> refinementsOfPartlyKnownFacts() {
        return EligibilityArbitraries.refinementsOf(PARTLY_KNOWN);
    }

    @Provide
    Arbitrary<EligibilityFacts> oldSims() {
        return EligibilityArbitraries.noSimChangeWithin(WINDOW);
    }

    @Provide
    Arbitrary<EligibilityFacts> recentSims() {
        return EligibilityArbitraries.simChangedWithin(WINDOW);
    }

    @Provide
    Arbitrary<EligibilityFacts> undecidedSims() {
        return EligibilityArbitraries.simChangeUndecided(WINDOW);
    }

    @Provide
    Arbitrary<EligibilityFacts> satisfyingStandard() {
        return EligibilityArbitraries.satisfyingStandard();
    }

    @Provide
    Arbitrary<Tuple2<ReasonCode, EligibilityFacts>> violatingOneCondition() {
        List<Arbitrary<Tuple2<ReasonCode, EligibilityFacts>>> each = new ArrayList<>();
        for (ReasonCode code : ReasonCode.values()) {
            if (code != ReasonCode.RECENT_SIM_SWAP && code != ReasonCode.PORTAL_POLICY && !code.name().startsWith("NHI_CARD")) {
                each.add(EligibilityArbitraries.violating(code).map(facts -> Tuple.of(code, facts)));
            }
        }
        return Arbitraries.oneOf(each);
    }

    @Provide
    Arbitrary<Tuple2<EligibilityFacts, EligibilityFacts>> factsAndWhatCanBeLearned() {
        return EligibilityArbitraries.factsWithRefinements();
    }

    @Property(tries = 1000)
    void factsLeaveSomeFactsUnknownAndKnowOthers(@ForAll("facts") EligibilityFacts facts) {
        int unknown = facts.unknownFacts().size();
        Statistics.label("unknown facts").collect(unknown == 0 ? "none" : unknown == FactName.values().length ? "all" : "some");
        Statistics.label("unknown facts").coverage(coverage -> {
            coverage.check("none").percentage(p -> p > 1);
            coverage.check("some").percentage(p -> p > 80);
        });
    }

    @Property(tries = 1000)
    void knownFactsKnowEverything(@ForAll("knownFacts") EligibilityFacts facts) {
        assertTrue(facts.unknownFacts().isEmpty(), facts::toString);
        Statistics.collect(STANDARD.evaluate(facts).verdict());
    }

    @Property(tries = 1000)
    void factsSatisfyingStandardAreEligibleUnderStandard(@ForAll("satisfyingStandard") EligibilityFacts facts) {
        assertEquals(Verdict.ELIGIBLE, STANDARD.evaluate(facts).verdict(), facts::toString);
    }

    @Property(tries = 1000)
    void violatingACondition_breaksExactlyThatCondition(
            @ForAll("violatingOneCondition") Tuple2<ReasonCode, EligibilityFacts> codeAndFacts) {
        Statistics.collect(codeAndFacts.get1());
        Statistics.coverage(coverage -> EligibilityArbitraries.standardReasonCodes().allValues().orElseThrow()
                .forEach(code -> coverage.check(code).count(n -> n > 0)));

        assertEquals(List.of(codeAndFacts.get1()), STANDARD.evaluate(codeAndFacts.get2()).reasonCodes());
    }

    @Property(tries = 1000)
    void refinementsKeepEveryKnownFactAndOnlyLearnUnknownOnes(
            @ForAll("factsAndWhatCanBeLearned") Tuple2<EligibilityFacts, EligibilityFacts> factsAndLearned) {
        EligibilityFacts facts = factsAndLearned.get1();
        EligibilityFacts learned = factsAndLearned.get2();

        assertTrue(facts.unknownFacts().containsAll(learned.unknownFacts()));
        assertEquals(learned, learned.refinedBy(facts), "every fact known before is kept, or for the SIM range narrowed");
        assertEquals(learned.without(FactName.TIME_SINCE_SIM_CHANGE),
                learned.without(FactName.TIME_SINCE_SIM_CHANGE).refinedBy(facts.without(FactName.TIME_SINCE_SIM_CHANGE)),
                "every other fact known before is unchanged");
        if (facts.timeSinceSimChange() instanceof Fact.Known<SimChangeAge> before) {
            SimChangeAge after = learned.timeSinceSimChange().asOptional().orElseThrow();
            assertTrue(SimChangeRanges.within(after, before.value()), () -> after + " not within " + before);
            Statistics.label("known SIM range").collect(after.equals(before.value()) ? "kept" : "narrowed");
            Statistics.label("known SIM range").coverage(coverage -> coverage.check("narrowed").percentage(p -> p > 20));
        }
    }

    @Property(tries = 1000)
    void refinementsOfGivenFactsKeepThemAndMayLearnTheRest(@ForAll("refinementsOfPartlyKnownFacts") EligibilityFacts learned) {
        assertEquals(learned, learned.refinedBy(PARTLY_KNOWN), "the known facts are kept");
        Statistics.collect(learned.unknownFacts().size());
        Statistics.coverage(coverage -> {
            coverage.check(0).percentage(p -> p > 0);
            coverage.check(PARTLY_KNOWN.unknownFacts().size()).percentage(p -> p > 0);
        });
    }

    @Property(tries = 1000)
    void simChangeGeneratorsStayOnTheirSideOfTheWindow(@ForAll("oldSims") EligibilityFacts old,
            @ForAll("recentSims") EligibilityFacts recent, @ForAll("undecidedSims") EligibilityFacts undecided) {
        EligibilityPolicy withSimRule = STANDARD.toBuilder().add(EligibilityRules.noSimChangeWithin(WINDOW)).build();

        assertEquals(Verdict.ELIGIBLE, withSimRule.evaluate(old).verdict(), old::toString);
        assertEquals(List.of(ReasonCode.RECENT_SIM_SWAP), withSimRule.evaluate(recent).reasonCodes(), recent::toString);
        assertEquals(Verdict.UNDETERMINED, withSimRule.evaluate(undecided).verdict(), undecided::toString);
        assertEquals(List.of(FactName.TIME_SINCE_SIM_CHANGE), withSimRule.evaluate(undecided).missingFacts());
        Statistics.label("old").collect(shape(old));
        Statistics.label("recent").collect(shape(recent));
        Statistics.label("old").coverage(coverage -> {
            coverage.check("exact").percentage(p -> p > 10);
            coverage.check("open-ended").percentage(p -> p > 10);
            coverage.check("bounded").percentage(p -> p > 10);
        });
        Statistics.label("recent").coverage(coverage -> {
            coverage.check("exact").percentage(p -> p > 10);
            coverage.check("bounded").percentage(p -> p > 10);
        });
    }

    @Property(tries = 1000)
    void simChangeAgesHaveEveryShape(@ForAll("simChangeAges") SimChangeAge age) {
        assertTrue(!age.atLeast().isNegative(), age::toString);
        assertTrue(age.atMost().map(high -> high.compareTo(age.atLeast()) >= 0).orElse(true), age::toString);
        Statistics.collect(age.equals(SimChangeAge.noChangeReported()) ? "no change reported" : shape(age));
        Statistics.coverage(coverage -> {
            coverage.check("exact").percentage(p -> p > 10);
            coverage.check("open-ended").percentage(p -> p > 10);
            coverage.check("bounded").percentage(p -> p > 10);
            coverage.check("no change reported").percentage(p -> p > 2);
        });
    }

    @Provide
    Arbitrary<SimChangeAge> simChangeAges() {
        return EligibilityArbitraries.simChangeAges();
    }

    private static String shape(EligibilityFacts facts) {
        return shape(facts.timeSinceSimChange().asOptional().orElseThrow());
    }

    private static String shape(SimChangeAge age) {
        return age.isExact() ? "exact" : age.atMost().isEmpty() ? "open-ended" : "bounded";
    }

    @Example
    void violatingRejectsReasonsNoStandardFactCanBreak() {
        assertThrows(IllegalArgumentException.class, () -> EligibilityArbitraries.violating(ReasonCode.RECENT_SIM_SWAP));
        assertThrows(IllegalArgumentException.class, () -> EligibilityArbitraries.violating(ReasonCode.PORTAL_POLICY));
    }
}
