package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.eligibility.EligibilityDecision;
import tw.mobileauth.eligibility.EligibilityDecision.Verdict;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.EligibilityPolicy;
import tw.mobileauth.eligibility.EligibilityRules;
import tw.mobileauth.eligibility.Fact;
import tw.mobileauth.eligibility.FactName;
import tw.mobileauth.eligibility.ReasonCode;
import tw.mobileauth.eligibility.SimChangeAge;

/** Carrier answers become facts that claim no more than the carrier said. */
class CarrierFactsTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final EligibilityPolicy NO_SIM_CHANGE_IN_72H = EligibilityPolicy.builder()
            .add(EligibilityRules.noSimChangeWithin(Duration.ofHours(72))).build();

    private static Fact<SimChangeAge> age(SimSwapInfo info) {
        return CarrierFacts.withSimSwap(EligibilityFacts.unknown(), info, NOW).timeSinceSimChange();
    }

    private static EligibilityDecision decide(SimSwapInfo info) {
        return NO_SIM_CHANGE_IN_72H.evaluate(CarrierFacts.withSimSwap(EligibilityFacts.unknown(), info, NOW));
    }

    @Nested
    class SimSwap {

        @Test
        void aDateGivesTheExactAgeAndAFutureDateAgeZero() {
            assertEquals(Fact.known(SimChangeAge.exact(Duration.ofHours(20))),
                    age(SimSwapInfo.dated(Optional.of(NOW.minus(Duration.ofHours(20))), Optional.of(DAY))));
            assertEquals(Fact.known(SimChangeAge.exact(Duration.ZERO)),
                    age(SimSwapInfo.dated(Optional.of(NOW.plusSeconds(30)), Optional.empty())));
        }

        @Test
        void noChangeInTheMonitoredPeriodIsALowerBoundNotAnAge() {
            assertEquals(Fact.known(SimChangeAge.atLeast(DAY)),
                    age(SimSwapInfo.dated(Optional.empty(), Optional.of(DAY))));
        }

        @Test
        void noChangeWithoutAPeriodMeansNoChangeEverReported() {
            assertEquals(Fact.known(SimChangeAge.noChangeReported()),
                    age(SimSwapInfo.dated(Optional.empty(), Optional.empty())));
        }

        @Test
        void checkedBoundsBecomeOneOrTwoSidedRanges() {
            assertEquals(Fact.known(SimChangeAge.atMost(Duration.ofHours(24))),
                    age(SimSwapInfo.changedWithin(Duration.ofHours(24))));
            assertEquals(Fact.known(SimChangeAge.atLeast(Duration.ofHours(240))),
                    age(SimSwapInfo.noChangeWithin(Duration.ofHours(240))));
            assertEquals(Fact.known(SimChangeAge.between(Duration.ofHours(168), Duration.ofHours(720))),
                    age(SimSwapInfo.changedBetween(Duration.ofHours(168), Duration.ofHours(720))));
        }

        @Test
        void noSwapSeenInAOneDayWindowIsUndeterminedUnderA72hRuleNotARecentSwap() {
            EligibilityDecision decision = decide(SimSwapInfo.dated(Optional.empty(), Optional.of(DAY)));

            assertEquals(Verdict.UNDETERMINED, decision.verdict(), decision::toString);
            assertEquals(List.of(FactName.TIME_SINCE_SIM_CHANGE), decision.missingFacts());
        }

        @Test
        void learningTheDateAfterTheBoundDecidesIt() {
            EligibilityFacts bounded = CarrierFacts.withSimSwap(EligibilityFacts.unknown(),
                    SimSwapInfo.dated(Optional.empty(), Optional.of(DAY)), NOW);

            EligibilityFacts old = CarrierFacts.withSimSwap(bounded,
                    SimSwapInfo.dated(Optional.of(NOW.minus(Duration.ofDays(400))), Optional.empty()), NOW);
            EligibilityFacts recent = CarrierFacts.withSimSwap(bounded,
                    SimSwapInfo.dated(Optional.of(NOW.minus(Duration.ofHours(30))), Optional.empty()), NOW);

            assertEquals(Fact.known(SimChangeAge.exact(Duration.ofDays(400))), old.timeSinceSimChange());
            assertEquals(Verdict.ELIGIBLE, NO_SIM_CHANGE_IN_72H.evaluate(old).verdict());
            assertEquals(Verdict.INELIGIBLE, NO_SIM_CHANGE_IN_72H.evaluate(recent).verdict());
        }

        @Test
        void aSwapWithin24hAtTwmViolatesA72hRule() {
            EligibilityDecision decision = decide(SimSwapInfo.changedWithin(Duration.ofHours(24)));

            assertEquals(Verdict.INELIGIBLE, decision.verdict(), decision::toString);
            assertEquals(List.of(ReasonCode.RECENT_SIM_SWAP), decision.reasonCodes());
        }

        @Test
        void theRuleDecidesWhatTheSpiCanDecide() {
            List<SimSwapInfo> answers = List.of(
                    SimSwapInfo.dated(Optional.of(NOW.minus(Duration.ofHours(71))), Optional.empty()),
                    SimSwapInfo.dated(Optional.of(NOW.minus(Duration.ofHours(72))), Optional.empty()),
                    SimSwapInfo.dated(Optional.empty(), Optional.of(DAY)),
                    SimSwapInfo.dated(Optional.empty(), Optional.of(Duration.ofDays(7))),
                    SimSwapInfo.dated(Optional.empty(), Optional.empty()),
                    SimSwapInfo.changedWithin(Duration.ofHours(24)),
                    SimSwapInfo.changedWithin(Duration.ofDays(30)),
                    SimSwapInfo.noChangeWithin(Duration.ofHours(24)),
                    SimSwapInfo.noChangeWithin(Duration.ofHours(240)),
                    SimSwapInfo.changedBetween(Duration.ofHours(24), Duration.ofHours(48)),
                    SimSwapInfo.changedBetween(Duration.ofHours(168), Duration.ofHours(720)));
            int certain = 0;
            for (SimSwapInfo answer : answers) {
                // Where the SPI's own answer is certain, the rule agrees with it. The SPI counts a change
                // exactly at the window's edge as within it and the rule accepts one, so ask a minute short.
                Optional<Boolean> changed = answer.changedWithin(Duration.ofHours(72).minusMinutes(1), NOW);
                Verdict verdict = decide(answer).verdict();
                if (changed.isPresent()) {
                    certain++;
                    assertEquals(changed.get() ? Verdict.INELIGIBLE : Verdict.ELIGIBLE, verdict, answer.toString());
                } else {
                    assertEquals(Verdict.UNDETERMINED, verdict, answer.toString());
                }
            }
            assertEquals(8, certain, "answers the SPI can decide");
        }

        @Test
        void aSecondAnswerNarrowsTheFirst() {
            EligibilityFacts noChangeForADay = CarrierFacts.withSimSwap(EligibilityFacts.unknown(),
                    SimSwapInfo.noChangeWithin(DAY), NOW);

            assertEquals(Fact.known(SimChangeAge.between(DAY, Duration.ofDays(30))),
                    CarrierFacts.withSimSwap(noChangeForADay, SimSwapInfo.changedWithin(Duration.ofDays(30)), NOW)
                            .timeSinceSimChange());
        }
    }
}
