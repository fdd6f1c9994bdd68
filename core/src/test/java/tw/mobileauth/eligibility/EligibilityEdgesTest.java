package tw.mobileauth.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the other eligibility tests leave open (issue 15, mutation testing): the NHI-card rule the
 * enrolment service adds when a registry is configured, each registry answer giving its own reason,
 * and the roaming and SIM-change values' equality, hashing and display.
 */
class EligibilityEdgesTest {

    private static final EligibilityRule NHI = EligibilityRules.nhiCardConfirmed();

    @Test
    void nhiCardRuleIsUnknownUntilTheRegistryAnswers() {
        RuleOutcome.Unknown unknown = assertInstanceOf(RuleOutcome.Unknown.class,
                NHI.evaluate(EligibilityFacts.unknown()));
        assertEquals(List.of(FactName.NHI_CARD), unknown.missingFacts());
    }

    @Test
    void nhiCardRuleIsSatisfiedOnlyByAConfirmedCardAndNamesEachOtherAnswer() {
        EligibilityFacts facts = TestFacts.allFine();
        assertInstanceOf(RuleOutcome.Satisfied.class, NHI.evaluate(facts.withNhiCard(NhiCardStatus.CONFIRMED)));
        assertEquals(List.of(ReasonCode.NHI_CARD_MISMATCH), violated(facts.withNhiCard(NhiCardStatus.NOT_MATCHING)));
        assertEquals(List.of(ReasonCode.NHI_CARD_REPORTED_LOST), violated(facts.withNhiCard(NhiCardStatus.REPORTED_LOST)));
        assertEquals(List.of(ReasonCode.NHI_CARD_REPLACED), violated(facts.withNhiCard(NhiCardStatus.REPLACED)));
        assertEquals(NhiCardStatus.REPLACED, facts.withNhiCard(NhiCardStatus.REPLACED).nhiCard().orElse(null));
    }

    private static List<ReasonCode> violated(EligibilityFacts facts) {
        return assertInstanceOf(RuleOutcome.Violated.class, NHI.evaluate(facts)).reasons();
    }

    @Test
    void roamingValuesCompareHashAndPrintByStateAndCountry() {
        assertEquals(Roaming.roamingIn("JP"), Roaming.roamingIn("JP"));
        assertEquals(Roaming.roamingIn("JP").hashCode(), Roaming.roamingIn("JP").hashCode());
        assertNotEquals(Roaming.roaming(), Roaming.notRoaming());
        assertNotEquals(Roaming.roamingIn("JP"), Roaming.roamingIn("KR"));
        assertNotEquals(Roaming.roamingIn("JP"), Roaming.roaming());
        assertNotEquals(Roaming.roaming().hashCode(), Roaming.notRoaming().hashCode());
        assertEquals("NOT_ROAMING", Roaming.notRoaming().toString());
        assertEquals("ROAMING", Roaming.roaming().toString());
        assertEquals("ROAMING(JP)", Roaming.roamingIn("JP").toString());
    }

    @Test
    void simChangeAgesHashByTheirBounds() {
        SimChangeAge a = SimChangeAge.exact(Duration.ofHours(1));
        assertEquals(a.hashCode(), SimChangeAge.exact(Duration.ofHours(1)).hashCode());
        assertNotEquals(a.hashCode(), SimChangeAge.exact(Duration.ofHours(2)).hashCode());
        assertNotEquals(SimChangeAge.atLeast(Duration.ofHours(1)).hashCode(),
                SimChangeAge.atMost(Duration.ofHours(1)).hashCode());
    }

    @Test
    void standardPolicyHasItsTenRulesAndNoRegistryRule() {
        List<EligibilityRule> rules = EligibilityPolicy.standard().rules();
        assertEquals(10, rules.size());
        assertEquals(EligibilityRules.standardRules(), rules);
        assertEquals(false, rules.contains(NHI));
    }
}
