package tw.mobileauth.eligibility;

import tw.mobileauth.client.DeviceClass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.mobileauth.eligibility.EligibilityDecision.Verdict;
import tw.mobileauth.identity.IdClass;

/** Acceptance criteria for {@link EligibilityPolicy#standard()} (issue 2, item 4). */
class StandardPolicyTest {

    private final EligibilityPolicy standard = EligibilityPolicy.standard();

    @Test
    void wifiAndPrepaidAreBothReportedInStableOrderWithTextsInBothLanguages() {
        EligibilityFacts facts = TestFacts.allFine()
                .withAccessNetwork(AccessNetwork.WIFI)
                .withContractType(ContractType.PREPAID);

        EligibilityDecision decision = standard.evaluate(facts);

        assertEquals(Verdict.INELIGIBLE, decision.verdict());
        assertEquals(List.of(ReasonCode.CONTRACT_PREPAID, ReasonCode.NETWORK_WIFI), decision.reasonCodes());
        assertEquals(2, decision.reasons().size());
        for (EligibilityDecision.Reason reason : decision.reasons()) {
            assertFalse(reason.message().zhTw().isBlank(), reason.code() + " zh-TW message");
            assertFalse(reason.message().en().isBlank(), reason.code() + " English message");
            assertFalse(reason.remedy().zhTw().isBlank(), reason.code() + " zh-TW remedy");
            assertFalse(reason.remedy().en().isBlank(), reason.code() + " English remedy");
            assertEquals(reason.code().message(), reason.message());
            assertEquals(reason.code().remedy(), reason.remedy());
        }
        assertEquals("請關閉 Wi-Fi，改用 4G/5G 行動數據後再試一次", decision.reasons().get(1).remedy().zhTw());
        assertEquals("Turn off Wi-Fi and try again over 4G/5G mobile data", decision.reasons().get(1).remedy().en());
        assertTrue(decision.missingFacts().isEmpty());
    }

    @Test
    void unknownAccessNetworkWithEverythingElseFineIsUndetermined() {
        EligibilityDecision decision = standard.evaluate(TestFacts.allFine().without(FactName.ACCESS_NETWORK));

        assertEquals(Verdict.UNDETERMINED, decision.verdict());
        assertEquals(List.of(FactName.ACCESS_NETWORK), decision.missingFacts());
        assertTrue(decision.reasons().isEmpty());
        assertFalse(decision.isEligible());
    }

    @Test
    void everythingFineIsEligible() {
        EligibilityDecision decision = standard.evaluate(TestFacts.allFine());

        assertEquals(Verdict.ELIGIBLE, decision.verdict());
        assertTrue(decision.isEligible());
        assertTrue(decision.reasons().isEmpty());
        assertTrue(decision.missingFacts().isEmpty());
    }

    @Test
    void aViolationWinsOverUnknownFacts() {
        EligibilityFacts facts = EligibilityFacts.builder().contractType(ContractType.PREPAID).build();

        EligibilityDecision decision = standard.evaluate(facts);

        assertEquals(Verdict.INELIGIBLE, decision.verdict());
        assertEquals(List.of(ReasonCode.CONTRACT_PREPAID), decision.reasonCodes());
        assertTrue(decision.missingFacts().isEmpty(), "an INELIGIBLE decision needs nothing more");
    }

    @Test
    void nothingKnownIsUndeterminedAndListsEveryFactTheStandardRulesRead() {
        EligibilityDecision decision = standard.evaluate(EligibilityFacts.unknown());

        assertEquals(Verdict.UNDETERMINED, decision.verdict());
        assertEquals(List.of(FactName.ID_CLASS, FactName.CARRIER, FactName.CONTRACT_TYPE, FactName.HOLDER_TYPE,
                FactName.LINE_ROLE, FactName.MVNO, FactName.ACCESS_NETWORK, FactName.ROAMING,
                FactName.DEVICE_CLASS), decision.missingFacts());
    }

    @Test
    void everyStandardConditionIsEnforcedWithItsOwnReason() {
        EligibilityFacts fine = TestFacts.allFine();
        assertEquals(List.of(ReasonCode.ID_NOT_CITIZEN), reasons(fine.withIdClass(IdClass.RESIDENT_NEW_FORMAT)));
        assertEquals(List.of(ReasonCode.ID_NOT_CITIZEN), reasons(fine.withIdClass(IdClass.RESIDENT_OLD_FORMAT)));
        assertEquals(List.of(ReasonCode.CARRIER_NOT_SUPPORTED), reasons(fine.withCarrier("gt")));
        assertEquals(List.of(ReasonCode.CONTRACT_BUSINESS), reasons(fine.withContractType(ContractType.BUSINESS)));
        assertEquals(List.of(ReasonCode.HOLDER_ENTERPRISE), reasons(fine.withHolderType(HolderType.ENTERPRISE)));
        assertEquals(List.of(ReasonCode.LINE_PARENT_CHILD), reasons(fine.withLineRole(LineRole.PARENT_CHILD)));
        assertEquals(List.of(ReasonCode.LINE_FAMILY_SUB_LINE), reasons(fine.withLineRole(LineRole.FAMILY_SUB_LINE)));
        assertEquals(List.of(ReasonCode.LINE_SECONDARY), reasons(fine.withLineRole(LineRole.SECONDARY_MULTI_SIM)));
        assertEquals(List.of(ReasonCode.MVNO_LINE), reasons(fine.withMvno(true)));
        assertEquals(List.of(ReasonCode.NETWORK_LEGACY_GENERATION), reasons(fine.withAccessNetwork(AccessNetwork.G3)));
        assertEquals(List.of(ReasonCode.ROAMING), reasons(fine.withRoaming(Roaming.roamingIn("JP"))));
        assertEquals(List.of(ReasonCode.DEVICE_NOT_SMARTPHONE), reasons(fine.withDeviceClass(DeviceClass.DESKTOP)));
        assertEquals(List.of(), reasons(fine.withAccessNetwork(AccessNetwork.G4).withCarrier("fet")));
    }

    @Test
    void standardHasTheTenSeedRulesAndNoSimChangeRule() {
        List<String> ids = standard.rules().stream().map(EligibilityRule::id).toList();

        assertEquals(List.of("citizen-only", "supported-carrier", "postpaid", "personal-holder", "primary-line",
                "not-mvno", "on-4g-5g", "not-wifi", "not-roaming", "smartphone"), ids);
        EligibilityFacts swappedAnHourAgo = TestFacts.allFine().withTimeSinceSimChange(Duration.ofHours(1));
        assertEquals(Verdict.ELIGIBLE, standard.evaluate(swappedAnHourAgo).verdict());
        assertEquals(Verdict.ELIGIBLE, standard.evaluate(TestFacts.allFine().without(FactName.TIME_SINCE_SIM_CHANGE))
                .verdict());
    }

    @Test
    void reasonOrderDoesNotDependOnRuleOrder() {
        EligibilityPolicy reversed = EligibilityPolicy.builder()
                .add(EligibilityRules.smartphone())
                .add(EligibilityRules.notWifi())
                .add(EligibilityRules.postpaid())
                .add(EligibilityRules.citizenOnly())
                .build();
        EligibilityFacts facts = TestFacts.allFine()
                .withDeviceClass(DeviceClass.FEATURE_PHONE)
                .withAccessNetwork(AccessNetwork.WIFI)
                .withContractType(ContractType.PREPAID)
                .withIdClass(IdClass.RESIDENT_NEW_FORMAT);

        assertEquals(List.of(ReasonCode.ID_NOT_CITIZEN, ReasonCode.CONTRACT_PREPAID, ReasonCode.NETWORK_WIFI,
                ReasonCode.DEVICE_NOT_SMARTPHONE), reversed.evaluate(facts).reasonCodes());
        assertEquals(reversed.evaluate(facts).reasonCodes(), standard.evaluate(facts).reasonCodes());
    }

    private List<ReasonCode> reasons(EligibilityFacts facts) {
        return standard.evaluate(facts).reasonCodes();
    }
}
