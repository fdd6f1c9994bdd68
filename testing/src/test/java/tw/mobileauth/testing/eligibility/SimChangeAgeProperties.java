package tw.mobileauth.testing.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.statistics.Statistics;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.EligibilityRule;
import tw.mobileauth.eligibility.EligibilityRules;
import tw.mobileauth.eligibility.RuleOutcome;
import tw.mobileauth.eligibility.SimChangeAge;
import tw.mobileauth.testing.EligibilityArbitraries;

/**
 * Learning about the SIM narrows its age range, and the SIM-change rule reads the range without
 * guessing: what makes the eligibility decision monotone (docs/eligibility.md, "Monotonicity") for this fact.
 */
class SimChangeAgeProperties {

    @Provide
    Arbitrary<SimChangeAge> ranges() {
        return EligibilityArbitraries.simChangeAges();
    }

    @Provide
    Arbitrary<Duration> ages() {
        return EligibilityArbitraries.timesSinceSimChange();
    }

    @Provide
    Arbitrary<Duration> windows() {
        return Arbitraries.oneOf(
                Arbitraries.of(Duration.ofHours(24), Duration.ofHours(72), Duration.ofDays(7), Duration.ofDays(30)),
                Arbitraries.longs().between(1, 366L * 86_400L).map(Duration::ofSeconds));
    }

    /** A range and a sub-range of it; without jqwik's edge cases, slow through flatMap (the ranges have their own edges). */
    @Provide
    Arbitrary<Tuple2<SimChangeAge, SimChangeAge>> rangesAndNarrowerOnes() {
        return ranges().flatMap(range -> EligibilityArbitraries.narrowerThan(range).map(narrower -> Tuple.of(range, narrower)))
                .withoutEdgeCases();
    }

    /** Two answers and an age: random, or one of the answers' own bounds (where refinement goes wrong if it does). */
    @Provide
    Arbitrary<Tuple3<SimChangeAge, SimChangeAge, Duration>> twoAnswersAndAnAge() {
        return Combinators.combine(ranges(), ranges(), ages(), Arbitraries.integers().between(0, 4))
                .as((earlier, later, random, pick) -> Tuple.of(earlier, later, switch (pick) {
                    case 0 -> earlier.atLeast();
                    case 1 -> later.atLeast();
                    case 2 -> earlier.atMost().orElse(random);
                    case 3 -> later.atMost().orElse(random);
                    default -> random;
                }));
    }

    @Property(tries = 1000)
    void refiningKeepsEveryAgeBothAnswersAdmit(
            @ForAll("twoAnswersAndAnAge") Tuple3<SimChangeAge, SimChangeAge, Duration> answersAndAge) {
        SimChangeAge earlier = answersAndAge.get1();
        SimChangeAge later = answersAndAge.get2();
        Duration age = answersAndAge.get3();
        boolean both = SimChangeRanges.admits(earlier, age) && SimChangeRanges.admits(later, age);
        Statistics.collect(both ? "admitted by both" : "not by both");
        Statistics.coverage(coverage -> coverage.check("admitted by both").percentage(p -> p > 5));

        if (both) {
            assertTrue(SimChangeRanges.admits(earlier.refinedBy(later), age), () -> earlier + " & " + later + " lost " + age);
        } else if (SimChangeRanges.admits(earlier.refinedBy(later), age)) {
            // only a contradiction, which keeps one answer whole, admits an age the other rules out
            assertTrue(earlier.refinedBy(later).equals(earlier) || earlier.refinedBy(later).equals(later));
        }
    }

    @Property(tries = 1000)
    void refiningOverlappingAnswersNarrowsBoth(@ForAll("ranges") SimChangeAge earlier, @ForAll("ranges") SimChangeAge later) {
        SimChangeAge refined = earlier.refinedBy(later);
        boolean overlap = SimChangeRanges.admits(later, earlier.atLeast()) || SimChangeRanges.admits(earlier, later.atLeast());
        Statistics.collect(overlap ? "overlapping" : "contradicting");
        Statistics.coverage(coverage -> {
            coverage.check("overlapping").percentage(p -> p > 20);
            coverage.check("contradicting").percentage(p -> p > 5);
        });

        if (overlap) {
            assertTrue(SimChangeRanges.within(refined, earlier), () -> refined + " not within " + earlier);
            assertTrue(SimChangeRanges.within(refined, later), () -> refined + " not within " + later);
        } else {
            assertTrue(refined.equals(earlier) || refined.equals(later), "a contradiction keeps one answer whole");
        }
        assertTrue(earlier.atMost().isEmpty() || refined.atMost().isPresent()
                && refined.atMost().get().compareTo(earlier.atMost().get()) <= 0,
                "a known latest change never moves further into the past");
    }

    @Property(tries = 1000)
    void refiningIsCommutativeAndIdempotent(@ForAll("ranges") SimChangeAge a, @ForAll("ranges") SimChangeAge b) {
        assertEquals(a.refinedBy(b), b.refinedBy(a));
        assertEquals(a, a.refinedBy(a));
        assertEquals(a.refinedBy(b), a.refinedBy(b).refinedBy(b));
    }

    @Property(tries = 1000)
    void theRuleIsSatisfiedOrViolatedOnlyWhenEveryAdmittedAgeAgrees(
            @ForAll("ranges") SimChangeAge range, @ForAll("windows") Duration window, @ForAll("ages") Duration age) {
        RuleOutcome outcome = rule(window).evaluate(EligibilityFacts.unknown().withTimeSinceSimChange(range));
        Statistics.collect(outcome.getClass().getSimpleName());
        Statistics.coverage(coverage -> {
            coverage.check("Satisfied").percentage(p -> p > 5);
            coverage.check("Violated").percentage(p -> p > 5);
            coverage.check("Unknown").percentage(p -> p > 5);
        });

        if (outcome instanceof RuleOutcome.Unknown) {
            assertTrue(range.atLeast().compareTo(window) < 0, "an admitted age inside the window");
            assertTrue(range.atMost().isEmpty() || range.atMost().get().compareTo(window) >= 0,
                    "an admitted age outside the window");
        }
        if (SimChangeRanges.admits(range, age)) {
            RuleOutcome exact = rule(window).evaluate(EligibilityFacts.unknown().withTimeSinceSimChange(age));
            if (!(outcome instanceof RuleOutcome.Unknown)) {
                assertEquals(outcome, exact, () -> range + " decided, but the admitted age " + age + " disagrees");
            }
        }
    }

    @Property(tries = 1000)
    void narrowingARangeNeverChangesADecidedOutcome(
            @ForAll("rangesAndNarrowerOnes") Tuple2<SimChangeAge, SimChangeAge> rangeAndNarrower,
            @ForAll("windows") Duration window) {
        SimChangeAge range = rangeAndNarrower.get1();
        SimChangeAge narrower = rangeAndNarrower.get2();
        assertTrue(SimChangeRanges.within(narrower, range), () -> narrower + " not within " + range);
        assertEquals(narrower, range.refinedBy(narrower), "refinement learns the narrower range");

        RuleOutcome before = rule(window).evaluate(EligibilityFacts.unknown().withTimeSinceSimChange(range));
        RuleOutcome after = rule(window).evaluate(EligibilityFacts.unknown().withTimeSinceSimChange(narrower));
        Statistics.collect(before.getClass().getSimpleName(), after.getClass().getSimpleName());

        if (!(before instanceof RuleOutcome.Unknown)) {
            assertEquals(before, after, () -> range + " narrowed to " + narrower);
        }
    }

    private static EligibilityRule rule(Duration window) {
        return EligibilityRules.noSimChangeWithin(window);
    }
}
