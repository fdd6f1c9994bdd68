package tw.mobileauth.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.mobileauth.eligibility.EligibilityDecision.Verdict;
import tw.mobileauth.i18n.LocalizedText;
import tw.mobileauth.identity.IdClass;

/** Owners build their own policy from the same rules: remove, add, replace. */
class EligibilityPolicyBuilderTest {

    private static final EligibilityFacts FINE = TestFacts.allFine();
    private static final EligibilityFacts ROAMING = FINE.withRoaming(Roaming.roamingIn("JP"));
    private static final EligibilityFacts RESIDENT = FINE.withIdClass(IdClass.RESIDENT_NEW_FORMAT);
    private static final EligibilityFacts SIM_SWAPPED_AN_HOUR_AGO = FINE.withTimeSinceSimChange(Duration.ofHours(1));

    /** A custom rule, as a policy owner would write it: only numbers on Chunghwa Telecom. */
    private static final EligibilityRule CHT_ONLY = new EligibilityRule() {
        @Override
        public String id() {
            return "portal.cht-only";
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.carrier() instanceof Fact.Known<String> carrier)) {
                return RuleOutcome.unknown(FactName.CARRIER);
            }
            return carrier.value().equals("cht") ? RuleOutcome.satisfied() : RuleOutcome.violated(ReasonCode.PORTAL_POLICY);
        }

        @Override
        public RuleDescription description() {
            return RuleDescription.whoCan(new LocalizedText("限中華電信門號", "Chunghwa Telecom numbers only"));
        }
    };

    @Test
    void removingARuleByIdStopsItsReason() {
        EligibilityPolicy noRoamingRule = EligibilityPolicy.standard().toBuilder().remove("not-roaming").build();

        assertEquals(List.of(ReasonCode.ROAMING), EligibilityPolicy.standard().evaluate(ROAMING).reasonCodes());
        assertEquals(Verdict.ELIGIBLE, noRoamingRule.evaluate(ROAMING).verdict());
        assertFalse(noRoamingRule.rule("not-roaming").isPresent());
        assertEquals(9, noRoamingRule.rules().size());
    }

    @Test
    void removingARuleByValueStopsItsReason() {
        EligibilityPolicy policy = EligibilityPolicy.standard().toBuilder().remove(EligibilityRules.notRoaming()).build();

        assertEquals(Verdict.ELIGIBLE, policy.evaluate(ROAMING).verdict());
        assertEquals(Verdict.INELIGIBLE, policy.evaluate(FINE.withMvno(true)).verdict());
    }

    @Test
    void removingAnAbsentRuleFailsAndNamesTheRulesPresent() {
        EligibilityPolicy.Builder builder = EligibilityPolicy.standard().toBuilder();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.remove("not_roaming"));
        assertTrue(e.getMessage().contains("not_roaming") && e.getMessage().contains("not-roaming"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> builder.remove(EligibilityRules.noSimChangeWithin(Duration.ofHours(72))));
    }

    @Test
    void theSimSwapRuleIsOffInStandardAndOnWhenAdded() {
        EligibilityPolicy withSimRule = EligibilityPolicy.standard().toBuilder()
                .add(EligibilityRules.noSimChangeWithin(Duration.ofHours(72)))
                .build();

        assertEquals(Verdict.ELIGIBLE, EligibilityPolicy.standard().evaluate(SIM_SWAPPED_AN_HOUR_AGO).verdict());
        EligibilityDecision decision = withSimRule.evaluate(SIM_SWAPPED_AN_HOUR_AGO);
        assertEquals(Verdict.INELIGIBLE, decision.verdict());
        assertEquals(List.of(ReasonCode.RECENT_SIM_SWAP), decision.reasonCodes());
        assertEquals(Verdict.ELIGIBLE, withSimRule.evaluate(FINE.withTimeSinceSimChange(Duration.ofHours(73))).verdict());
        assertEquals(List.of(FactName.TIME_SINCE_SIM_CHANGE),
                withSimRule.evaluate(FINE.without(FactName.TIME_SINCE_SIM_CHANGE)).missingFacts());
    }

    @Test
    void aSimSwapBoundDecidesOnlyWhatItCanAndLearningTheDateNeverUndoesARejection() {
        EligibilityPolicy withSimRule = EligibilityPolicy.standard().toBuilder()
                .add(EligibilityRules.noSimChangeWithin(Duration.ofHours(72)))
                .build();
        EligibilityFacts noChangeInTheMonitoredDay = FINE.withTimeSinceSimChange(SimChangeAge.atLeast(Duration.ofDays(1)));
        EligibilityFacts dated400DaysAgo = EligibilityFacts.unknown().withTimeSinceSimChange(Duration.ofDays(400));
        EligibilityFacts changedWithin24h = FINE.withTimeSinceSimChange(SimChangeAge.atMost(Duration.ofHours(24)));

        EligibilityDecision bounded = withSimRule.evaluate(noChangeInTheMonitoredDay);
        assertEquals(Verdict.UNDETERMINED, bounded.verdict(), bounded::toString);
        assertEquals(List.of(FactName.TIME_SINCE_SIM_CHANGE), bounded.missingFacts());
        assertEquals(Verdict.ELIGIBLE, withSimRule.evaluate(noChangeInTheMonitoredDay.refinedBy(dated400DaysAgo)).verdict());

        EligibilityDecision recent = withSimRule.evaluate(changedWithin24h);
        assertEquals(List.of(ReasonCode.RECENT_SIM_SWAP), recent.reasonCodes());
        assertEquals(Verdict.INELIGIBLE, withSimRule.evaluate(changedWithin24h.refinedBy(dated400DaysAgo)).verdict(),
                "a contradicting older date does not erase a recent change");
    }

    @Test
    void allowResidentsReplacesCitizenOnlyInPlace() {
        EligibilityPolicy policy = EligibilityPolicy.standard().toBuilder().allowResidents().build();

        assertEquals(List.of(ReasonCode.ID_NOT_CITIZEN), EligibilityPolicy.standard().evaluate(RESIDENT).reasonCodes());
        assertEquals(Verdict.ELIGIBLE, policy.evaluate(RESIDENT).verdict());
        assertEquals(Verdict.ELIGIBLE, policy.evaluate(FINE.withIdClass(IdClass.RESIDENT_OLD_FORMAT)).verdict());
        assertEquals("residents-allowed", policy.rules().get(0).id());
        assertFalse(policy.rule("citizen-only").isPresent());
        assertEquals(Verdict.INELIGIBLE, policy.evaluate(RESIDENT.withContractType(ContractType.PREPAID)).verdict());
    }

    @Test
    void allowResidentsOnAPolicyWithoutCitizenOnlyAddsItOnce() {
        EligibilityPolicy policy = EligibilityPolicy.builder().add(EligibilityRules.postpaid())
                .allowResidents().allowResidents().build();

        assertEquals(List.of("postpaid", "residents-allowed"), policy.rules().stream().map(EligibilityRule::id).toList());
    }

    @Test
    void aCustomRuleTakesPartLikeABuiltInOne() {
        EligibilityPolicy policy = EligibilityPolicy.standard().toBuilder().add(CHT_ONLY).build();

        assertEquals(Verdict.ELIGIBLE, policy.evaluate(FINE.withCarrier("cht")).verdict());
        assertEquals(List.of(ReasonCode.PORTAL_POLICY), policy.evaluate(FINE.withCarrier("twm")).reasonCodes());
        assertTrue(policy.help().render(java.util.Locale.TAIWAN).contains("限中華電信門號"));
        assertSame(CHT_ONLY, policy.rule("portal.cht-only").orElseThrow());
    }

    @Test
    void replacingTheCarrierSetKeepsTheRulesPlace() {
        EligibilityPolicy policy = EligibilityPolicy.standard().toBuilder()
                .replace(EligibilityRules.supportedCarriers(), EligibilityRules.supportedCarriers(List.of("cht", "twm")))
                .build();

        assertEquals(List.of(ReasonCode.CARRIER_NOT_SUPPORTED), policy.evaluate(FINE.withCarrier("fet")).reasonCodes());
        assertEquals(Verdict.ELIGIBLE, policy.evaluate(FINE.withCarrier("twm")).verdict());
        assertEquals(EligibilityPolicy.standard().rules().size(), policy.rules().size());
        assertEquals("supported-carrier", policy.rules().get(1).id());
    }

    @Test
    void replacingByIdWorksAndRejectsAnIdTakenByAnotherRule() {
        EligibilityPolicy policy = EligibilityPolicy.standard().toBuilder()
                .replace("citizen-only", EligibilityRules.residentsAllowed()).build();
        assertEquals(Verdict.ELIGIBLE, policy.evaluate(RESIDENT).verdict());

        EligibilityPolicy.Builder builder = EligibilityPolicy.standard().toBuilder();
        assertThrows(IllegalArgumentException.class, () -> builder.replace("citizen-only", EligibilityRules.postpaid()));
    }

    @Test
    void addingADuplicateIdFails() {
        EligibilityPolicy.Builder builder = EligibilityPolicy.standard().toBuilder();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.add(EligibilityRules.postpaid()));
        assertTrue(e.getMessage().contains("replace"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> builder.add(EligibilityRules.supportedCarriers(List.of("cht"))));
    }

    @Test
    void aMalformedCustomIdFails() {
        EligibilityRule badId = new EligibilityRule() {
            @Override
            public String id() {
                return "Bad Id";
            }

            @Override
            public RuleOutcome evaluate(EligibilityFacts facts) {
                return RuleOutcome.satisfied();
            }

            @Override
            public RuleDescription description() {
                return RuleDescription.whoCan(new LocalizedText("測試", "test"));
            }
        };

        assertThrows(IllegalArgumentException.class, () -> EligibilityPolicy.builder().add(badId));
    }

    @Test
    void anEmptyPolicyCannotBeBuilt() {
        assertThrows(IllegalStateException.class, () -> EligibilityPolicy.builder().build());
        assertThrows(IllegalStateException.class,
                () -> EligibilityPolicy.builder().add(EligibilityRules.postpaid()).remove("postpaid").build());
    }

    @Test
    void aCustomRuleThatReturnsNullIsReportedByItsId() {
        EligibilityRule broken = new EligibilityRule() {
            @Override
            public String id() {
                return "portal.broken";
            }

            @Override
            public RuleOutcome evaluate(EligibilityFacts facts) {
                return null;
            }

            @Override
            public RuleDescription description() {
                return RuleDescription.whoCannot(new LocalizedText("測試", "test"));
            }
        };
        EligibilityPolicy policy = EligibilityPolicy.builder().add(broken).build();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> policy.evaluate(FINE));
        assertTrue(e.getMessage().contains("portal.broken"));
    }

    @Test
    void buildingDoesNotChangeTheSourcePolicy() {
        EligibilityPolicy standard = EligibilityPolicy.standard();
        int before = standard.rules().size();

        standard.toBuilder().remove("smartphone").add(CHT_ONLY).build();

        assertEquals(before, standard.rules().size());
        assertTrue(standard.rule("smartphone").isPresent());
        assertThrows(UnsupportedOperationException.class, () -> standard.rules().clear());
    }

    @Test
    void aPolicyBuiltFromTheStandardRulesDecidesLikeStandard() {
        EligibilityPolicy copy = EligibilityPolicy.standard().toBuilder().build();
        EligibilityFacts facts = FINE.withAccessNetwork(AccessNetwork.G3).withMvno(true);

        assertEquals(EligibilityPolicy.standard().evaluate(facts), copy.evaluate(facts));
        assertEquals(EligibilityPolicy.standard().help(), copy.help());
        assertEquals(EligibilityPolicy.standard().toString(), copy.toString());
    }
}
