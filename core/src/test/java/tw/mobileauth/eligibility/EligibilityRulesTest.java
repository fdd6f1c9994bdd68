package tw.mobileauth.eligibility;

import tw.mobileauth.client.DeviceClass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tw.mobileauth.identity.IdClass;

/** Each built-in rule on its own: a passing case, every failing case, and the unknown case. */
class EligibilityRulesTest {

    private static final EligibilityFacts FINE = TestFacts.allFine();

    private static RuleOutcome satisfied() {
        return RuleOutcome.satisfied();
    }

    private static RuleOutcome violated(ReasonCode code) {
        return RuleOutcome.violated(code);
    }

    private static RuleOutcome unknown(FactName fact) {
        return RuleOutcome.unknown(fact);
    }

    @Nested
    class CitizenOnly {
        private final EligibilityRule rule = EligibilityRules.citizenOnly();

        @Test
        void acceptsCitizens() {
            assertEquals(satisfied(), rule.evaluate(FINE.withIdClass(IdClass.CITIZEN)));
        }

        @Test
        void rejectsResidentNumbersOfBothFormats() {
            assertEquals(violated(ReasonCode.ID_NOT_CITIZEN), rule.evaluate(FINE.withIdClass(IdClass.RESIDENT_NEW_FORMAT)));
            assertEquals(violated(ReasonCode.ID_NOT_CITIZEN), rule.evaluate(FINE.withIdClass(IdClass.RESIDENT_OLD_FORMAT)));
        }

        @Test
        void needsTheIdClass() {
            assertEquals(unknown(FactName.ID_CLASS), rule.evaluate(FINE.without(FactName.ID_CLASS)));
        }
    }

    @Nested
    class ResidentsAllowed {
        private final EligibilityRule rule = EligibilityRules.residentsAllowed();

        @ParameterizedTest
        @EnumSource(IdClass.class)
        void acceptsEveryIdClass(IdClass idClass) {
            assertEquals(satisfied(), rule.evaluate(FINE.withIdClass(idClass)));
        }

        @Test
        void stillNeedsTheIdClass() {
            assertEquals(unknown(FactName.ID_CLASS), rule.evaluate(FINE.without(FactName.ID_CLASS)));
        }
    }

    @Nested
    class SupportedCarriers {
        private final EligibilityRule rule = EligibilityRules.supportedCarriers();

        @Test
        void acceptsTheThreeOperatorsWhateverTheCase() {
            assertEquals(satisfied(), rule.evaluate(FINE.withCarrier("cht")));
            assertEquals(satisfied(), rule.evaluate(FINE.withCarrier("TWM")));
            assertEquals(satisfied(), rule.evaluate(FINE.withCarrier(" fet ")));
        }

        @Test
        void rejectsOtherCarriers() {
            assertEquals(violated(ReasonCode.CARRIER_NOT_SUPPORTED), rule.evaluate(FINE.withCarrier("gt")));
            assertEquals(violated(ReasonCode.CARRIER_NOT_SUPPORTED), rule.evaluate(FINE.withCarrier("")));
        }

        @Test
        void aConfiguredSetReplacesTheDefault() {
            EligibilityRule chtOnly = EligibilityRules.supportedCarriers(List.of("CHT"));

            assertEquals(satisfied(), chtOnly.evaluate(FINE.withCarrier("cht")));
            assertEquals(violated(ReasonCode.CARRIER_NOT_SUPPORTED), chtOnly.evaluate(FINE.withCarrier("twm")));
            assertEquals("supported-carrier", chtOnly.id());
            assertEquals(List.of(new tw.mobileauth.i18n.LocalizedText("支援中華電信", "Supported carriers: Chunghwa Telecom")),
                    chtOnly.description().whoCan());
            assertNotEquals(rule, chtOnly);
            assertEquals(rule, EligibilityRules.supportedCarriers(List.of("cht", "twm", "fet")));
        }

        @Test
        void unknownCarrierIdsAreShownByIdOnTheHelpPage() {
            EligibilityRule rule = EligibilityRules.supportedCarriers(List.of("cht", "acme"));

            assertEquals("支援中華電信、acme", rule.description().whoCan().get(0).zhTw());
            assertEquals("Supported carriers: Chunghwa Telecom, acme", rule.description().whoCan().get(0).en());
        }

        @Test
        void aConfiguredSetMustNotBeEmptyOrBlank() {
            assertThrows(IllegalArgumentException.class, () -> EligibilityRules.supportedCarriers(List.of()));
            assertThrows(IllegalArgumentException.class, () -> EligibilityRules.supportedCarriers(List.of(" ")));
        }

        @Test
        void needsTheCarrier() {
            assertEquals(unknown(FactName.CARRIER), rule.evaluate(FINE.without(FactName.CARRIER)));
        }
    }

    @Nested
    class Postpaid {
        private final EligibilityRule rule = EligibilityRules.postpaid();

        @Test
        void acceptsMonthlyPlans() {
            assertEquals(satisfied(), rule.evaluate(FINE.withContractType(ContractType.POSTPAID)));
        }

        @Test
        void rejectsPrepaidAndBusinessWithDifferentReasons() {
            assertEquals(violated(ReasonCode.CONTRACT_PREPAID), rule.evaluate(FINE.withContractType(ContractType.PREPAID)));
            assertEquals(violated(ReasonCode.CONTRACT_BUSINESS), rule.evaluate(FINE.withContractType(ContractType.BUSINESS)));
        }

        @Test
        void needsTheContractType() {
            assertEquals(unknown(FactName.CONTRACT_TYPE), rule.evaluate(FINE.without(FactName.CONTRACT_TYPE)));
        }
    }

    @Nested
    class PersonalHolder {
        private final EligibilityRule rule = EligibilityRules.personalHolder();

        @Test
        void acceptsPersons() {
            assertEquals(satisfied(), rule.evaluate(FINE.withHolderType(HolderType.PERSONAL)));
        }

        @Test
        void rejectsEnterprises() {
            assertEquals(violated(ReasonCode.HOLDER_ENTERPRISE), rule.evaluate(FINE.withHolderType(HolderType.ENTERPRISE)));
        }

        @Test
        void needsTheHolderType() {
            assertEquals(unknown(FactName.HOLDER_TYPE), rule.evaluate(FINE.without(FactName.HOLDER_TYPE)));
        }
    }

    @Nested
    class PrimaryLine {
        private final EligibilityRule rule = EligibilityRules.primaryLine();

        @Test
        void acceptsPrimaryLines() {
            assertEquals(satisfied(), rule.evaluate(FINE.withLineRole(LineRole.PRIMARY)));
        }

        @Test
        void rejectsParentChildSubLinesAndSecondarySims() {
            assertEquals(violated(ReasonCode.LINE_PARENT_CHILD), rule.evaluate(FINE.withLineRole(LineRole.PARENT_CHILD)));
            assertEquals(violated(ReasonCode.LINE_FAMILY_SUB_LINE),
                    rule.evaluate(FINE.withLineRole(LineRole.FAMILY_SUB_LINE)));
            assertEquals(violated(ReasonCode.LINE_SECONDARY), rule.evaluate(FINE.withLineRole(LineRole.SECONDARY_MULTI_SIM)));
        }

        @Test
        void needsTheLineRole() {
            assertEquals(unknown(FactName.LINE_ROLE), rule.evaluate(FINE.without(FactName.LINE_ROLE)));
        }
    }

    @Nested
    class NotMvno {
        private final EligibilityRule rule = EligibilityRules.notMvno();

        @Test
        void acceptsOperatorLines() {
            assertEquals(satisfied(), rule.evaluate(FINE.withMvno(false)));
        }

        @Test
        void rejectsMvnoLines() {
            assertEquals(violated(ReasonCode.MVNO_LINE), rule.evaluate(FINE.withMvno(true)));
        }

        @Test
        void needsTheMvnoFact() {
            assertEquals(unknown(FactName.MVNO), rule.evaluate(FINE.without(FactName.MVNO)));
        }
    }

    @Nested
    class On4gOr5g {
        private final EligibilityRule rule = EligibilityRules.on4gOr5g();

        @Test
        void accepts4gAnd5g() {
            assertEquals(satisfied(), rule.evaluate(FINE.withAccessNetwork(AccessNetwork.G4)));
            assertEquals(satisfied(), rule.evaluate(FINE.withAccessNetwork(AccessNetwork.G5)));
        }

        @Test
        void rejectsLegacyGenerationsAndWifiWithDifferentReasons() {
            assertEquals(violated(ReasonCode.NETWORK_LEGACY_GENERATION), rule.evaluate(FINE.withAccessNetwork(AccessNetwork.G2)));
            assertEquals(violated(ReasonCode.NETWORK_LEGACY_GENERATION), rule.evaluate(FINE.withAccessNetwork(AccessNetwork.G3)));
            assertEquals(violated(ReasonCode.NETWORK_WIFI), rule.evaluate(FINE.withAccessNetwork(AccessNetwork.WIFI)));
        }

        @Test
        void needsTheAccessNetwork() {
            assertEquals(unknown(FactName.ACCESS_NETWORK), rule.evaluate(FINE.without(FactName.ACCESS_NETWORK)));
        }
    }

    @Nested
    class NotWifi {
        private final EligibilityRule rule = EligibilityRules.notWifi();

        @Test
        void acceptsEveryCellularGenerationItself() {
            for (AccessNetwork network : List.of(AccessNetwork.G2, AccessNetwork.G3, AccessNetwork.G4, AccessNetwork.G5)) {
                assertEquals(satisfied(), rule.evaluate(FINE.withAccessNetwork(network)), network.name());
            }
        }

        @Test
        void rejectsWifi() {
            assertEquals(violated(ReasonCode.NETWORK_WIFI), rule.evaluate(FINE.withAccessNetwork(AccessNetwork.WIFI)));
        }

        @Test
        void needsTheAccessNetwork() {
            assertEquals(unknown(FactName.ACCESS_NETWORK), rule.evaluate(FINE.without(FactName.ACCESS_NETWORK)));
        }
    }

    @Nested
    class NotRoaming {
        private final EligibilityRule rule = EligibilityRules.notRoaming();

        @Test
        void acceptsTheHomeNetwork() {
            assertEquals(satisfied(), rule.evaluate(FINE.withRoaming(Roaming.notRoaming())));
        }

        @Test
        void rejectsRoamingWithOrWithoutACountry() {
            assertEquals(violated(ReasonCode.ROAMING), rule.evaluate(FINE.withRoaming(Roaming.roaming())));
            assertEquals(violated(ReasonCode.ROAMING), rule.evaluate(FINE.withRoaming(Roaming.roamingIn("JP"))));
        }

        @Test
        void needsTheRoamingStatus() {
            assertEquals(unknown(FactName.ROAMING), rule.evaluate(FINE.without(FactName.ROAMING)));
        }
    }

    @Nested
    class Smartphone {
        private final EligibilityRule rule = EligibilityRules.smartphone();

        @Test
        void acceptsSmartphonesAndTabletsWithASimBecauseTheyVerifyThemselves() {
            assertEquals(satisfied(), rule.evaluate(FINE.withDeviceClass(DeviceClass.SMARTPHONE)));
            assertEquals(satisfied(), rule.evaluate(FINE.withDeviceClass(DeviceClass.TABLET_WITH_SIM)));
        }

        @ParameterizedTest
        @EnumSource(value = DeviceClass.class, names = {"FEATURE_PHONE", "TABLET_WITHOUT_SIM", "DESKTOP"})
        void rejectsDevicesThatCannotVerifyOverMobileData(DeviceClass device) {
            assertEquals(violated(ReasonCode.DEVICE_NOT_SMARTPHONE), rule.evaluate(FINE.withDeviceClass(device)));
        }

        @Test
        void needsTheDeviceClass() {
            assertEquals(unknown(FactName.DEVICE_CLASS), rule.evaluate(FINE.without(FactName.DEVICE_CLASS)));
        }
    }

    @Nested
    class NoSimChangeWithin {
        private final EligibilityRule rule = EligibilityRules.noSimChangeWithin(Duration.ofHours(72));

        @Test
        void acceptsASimChangedAtLeastTheWindowAgo() {
            assertEquals(satisfied(), rule.evaluate(FINE.withTimeSinceSimChange(Duration.ofHours(72))));
            assertEquals(satisfied(), rule.evaluate(FINE.withTimeSinceSimChange(Duration.ofDays(30))));
        }

        @Test
        void rejectsASimChangedWithinTheWindow() {
            assertEquals(violated(ReasonCode.RECENT_SIM_SWAP),
                    rule.evaluate(FINE.withTimeSinceSimChange(Duration.ofHours(72).minusSeconds(1))));
            assertEquals(violated(ReasonCode.RECENT_SIM_SWAP), rule.evaluate(FINE.withTimeSinceSimChange(Duration.ZERO)));
        }

        @Test
        void needsTheTimeSinceTheLastSimChange() {
            assertEquals(unknown(FactName.TIME_SINCE_SIM_CHANGE), rule.evaluate(FINE.without(FactName.TIME_SINCE_SIM_CHANGE)));
        }

        @Test
        void acceptsALowerBoundAtLeastTheWindow() {
            assertEquals(satisfied(), rule.evaluate(FINE.withTimeSinceSimChange(SimChangeAge.atLeast(Duration.ofHours(72)))));
            assertEquals(satisfied(), rule.evaluate(FINE.withTimeSinceSimChange(
                    SimChangeAge.between(Duration.ofDays(7), Duration.ofDays(30)))));
            assertEquals(satisfied(), rule.evaluate(FINE.withTimeSinceSimChange(SimChangeAge.noChangeReported())));
        }

        @Test
        void rejectsAnUpperBoundShorterThanTheWindow() {
            assertEquals(violated(ReasonCode.RECENT_SIM_SWAP),
                    rule.evaluate(FINE.withTimeSinceSimChange(SimChangeAge.atMost(Duration.ofHours(24)))));
            assertEquals(violated(ReasonCode.RECENT_SIM_SWAP), rule.evaluate(FINE.withTimeSinceSimChange(
                    SimChangeAge.between(Duration.ofHours(24), Duration.ofHours(72).minusSeconds(1)))));
        }

        @Test
        void cannotTellFromARangeThatStraddlesTheWindow() {
            // "no change in the monitored day": the SIM may have changed 25 hours or 400 days ago
            assertEquals(unknown(FactName.TIME_SINCE_SIM_CHANGE),
                    rule.evaluate(FINE.withTimeSinceSimChange(SimChangeAge.atLeast(Duration.ofDays(1)))));
            assertEquals(unknown(FactName.TIME_SINCE_SIM_CHANGE),
                    rule.evaluate(FINE.withTimeSinceSimChange(SimChangeAge.atLeast(Duration.ofHours(72).minusSeconds(1)))));
            // "a change within the last 72 hours" includes exactly 72 hours, which the rule accepts
            assertEquals(unknown(FactName.TIME_SINCE_SIM_CHANGE),
                    rule.evaluate(FINE.withTimeSinceSimChange(SimChangeAge.atMost(Duration.ofHours(72)))));
            assertEquals(unknown(FactName.TIME_SINCE_SIM_CHANGE), rule.evaluate(FINE.withTimeSinceSimChange(
                    SimChangeAge.between(Duration.ofHours(24), Duration.ofDays(30)))));
        }

        @Test
        void describesItsWindowInBothLanguages() {
            assertEquals("最近 72 小時內更換過 SIM 卡的門號", rule.description().whoCannot().get(0).zhTw());
            assertEquals("Numbers whose SIM card was changed in the last 72 hours",
                    rule.description().whoCannot().get(0).en());
            assertEquals("Numbers whose SIM card was changed in the last 30 days",
                    EligibilityRules.noSimChangeWithin(Duration.ofDays(30)).description().whoCannot().get(0).en());
            assertEquals("Numbers whose SIM card was changed in the last 1 hour",
                    EligibilityRules.noSimChangeWithin(Duration.ofHours(1)).description().whoCannot().get(0).en());
        }

        @Test
        void needsAPositiveWindow() {
            assertThrows(IllegalArgumentException.class, () -> EligibilityRules.noSimChangeWithin(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> EligibilityRules.noSimChangeWithin(Duration.ofHours(-1)));
        }

        @Test
        void equalWindowsMakeEqualRules() {
            assertEquals(rule, EligibilityRules.noSimChangeWithin(Duration.ofMinutes(72 * 60)));
            assertNotEquals(rule, EligibilityRules.noSimChangeWithin(Duration.ofHours(24)));
        }
    }

    @Test
    void everyBuiltInRuleHasAWellFormedUniqueIdAndDescribesItself() {
        List<EligibilityRule> all = List.of(EligibilityRules.citizenOnly(), EligibilityRules.residentsAllowed(),
                EligibilityRules.supportedCarriers(), EligibilityRules.postpaid(), EligibilityRules.personalHolder(),
                EligibilityRules.primaryLine(), EligibilityRules.notMvno(), EligibilityRules.on4gOr5g(),
                EligibilityRules.notWifi(), EligibilityRules.notRoaming(), EligibilityRules.smartphone(),
                EligibilityRules.noSimChangeWithin(Duration.ofHours(72)));

        assertEquals(all.size(), all.stream().map(EligibilityRule::id).distinct().count());
        for (EligibilityRule rule : all) {
            assertTrue(rule.id().matches("[a-z0-9][a-z0-9._-]{0,63}"), rule.id());
            RuleDescription description = rule.description();
            assertTrue(description.whoCan().size() + description.whoCannot().size() > 0, rule.id());
        }
    }
}
