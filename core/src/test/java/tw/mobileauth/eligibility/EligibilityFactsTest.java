package tw.mobileauth.eligibility;

import tw.mobileauth.client.DeviceClass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.mobileauth.identity.IdClass;

/** Facts are immutable, null-free, UNKNOWN by default, and later facts refine earlier ones. */
class EligibilityFactsTest {

    @Test
    void aNewBuilderStartsWithEveryFactUnknown() {
        EligibilityFacts facts = EligibilityFacts.builder().build();

        assertEquals(EnumSet.allOf(FactName.class), facts.unknownFacts());
        assertEquals(EligibilityFacts.unknown(), facts);
        assertTrue(facts.accessNetwork().isUnknown());
        assertEquals(Optional.empty(), facts.idClass().asOptional());
    }

    @Test
    void withCopiesLeaveTheOriginalUnchanged() {
        EligibilityFacts original = EligibilityFacts.unknown();

        EligibilityFacts wifi = original.withAccessNetwork(AccessNetwork.WIFI);

        assertEquals(Fact.known(AccessNetwork.WIFI), wifi.accessNetwork());
        assertTrue(original.accessNetwork().isUnknown());
        assertEquals(EnumSet.complementOf(EnumSet.of(FactName.ACCESS_NETWORK)), wifi.unknownFacts());
    }

    @Test
    void everyWithMethodSetsItsOwnFact() {
        EligibilityFacts facts = TestFacts.allFine();

        assertTrue(facts.unknownFacts().isEmpty());
        assertEquals(IdClass.CITIZEN, facts.idClass().orElse(IdClass.RESIDENT_NEW_FORMAT));
        assertEquals("cht", facts.carrier().orElse("none"));
        assertEquals(ContractType.POSTPAID, facts.contractType().orElse(ContractType.PREPAID));
        assertEquals(HolderType.PERSONAL, facts.holderType().orElse(HolderType.ENTERPRISE));
        assertEquals(LineRole.PRIMARY, facts.lineRole().orElse(LineRole.PARENT_CHILD));
        assertEquals(Boolean.FALSE, facts.mvno().orElse(true));
        assertEquals(AccessNetwork.G5, facts.accessNetwork().orElse(AccessNetwork.WIFI));
        assertEquals(Roaming.notRoaming(), facts.roaming().orElse(Roaming.roaming()));
        assertEquals(DeviceClass.SMARTPHONE, facts.deviceClass().orElse(DeviceClass.DESKTOP));
        assertEquals(SimChangeAge.exact(Duration.ofDays(400)), facts.timeSinceSimChange().orElse(SimChangeAge.exact(Duration.ZERO)));
    }

    @Test
    void withoutForgetsExactlyOneFact() {
        for (FactName name : FactName.values()) {
            EligibilityFacts forgotten = TestFacts.allFine().without(name);

            assertEquals(Set.of(name), forgotten.unknownFacts(), name.name());
            assertFalse(forgotten.isKnown(name));
        }
    }

    @Test
    void laterKnownFactsReplaceEarlierOnesAndLaterUnknownsKeepThem() {
        EligibilityFacts declared = EligibilityFacts.builder()
                .idClass(IdClass.CITIZEN).carrier("cht").accessNetwork(AccessNetwork.G4).build();
        EligibilityFacts verified = EligibilityFacts.builder()
                .accessNetwork(AccessNetwork.WIFI).contractType(ContractType.POSTPAID).build();

        EligibilityFacts merged = declared.refinedBy(verified);

        assertEquals(Fact.known(AccessNetwork.WIFI), merged.accessNetwork());
        assertEquals(Fact.known(ContractType.POSTPAID), merged.contractType());
        assertEquals(Fact.known(IdClass.CITIZEN), merged.idClass());
        assertEquals(Fact.known("cht"), merged.carrier());
        assertTrue(merged.roaming().isUnknown());
        assertEquals(declared, declared.refinedBy(EligibilityFacts.unknown()));
        assertEquals(verified, EligibilityFacts.unknown().refinedBy(verified));
    }

    @Test
    void carrierIdsAreStrippedAndLowerCased() {
        assertEquals(Fact.known("twm"), EligibilityFacts.unknown().withCarrier("  TWM ").carrier());
        assertNotEquals(Fact.known("TWM"), EligibilityFacts.unknown().withCarrier("TWM").carrier());
    }

    @Test
    void aNegativeTimeSinceSimChangeBecomesZero() {
        assertEquals(Fact.known(SimChangeAge.exact(Duration.ZERO)),
                EligibilityFacts.unknown().withTimeSinceSimChange(Duration.ofMinutes(-5)).timeSinceSimChange());
        assertEquals(Fact.known(SimChangeAge.exact(Duration.ofMinutes(5))),
                EligibilityFacts.unknown().withTimeSinceSimChange(Duration.ofMinutes(5)).timeSinceSimChange());
    }

    @Test
    void aKnownSimChangeAgeIsNarrowedByALaterAnswerNotReplaced() {
        EligibilityFacts noChangeForADay = EligibilityFacts.unknown()
                .withTimeSinceSimChange(SimChangeAge.atLeast(Duration.ofDays(1)));
        EligibilityFacts changedWithinAYear = EligibilityFacts.unknown()
                .withTimeSinceSimChange(SimChangeAge.atMost(Duration.ofDays(365)));

        assertEquals(Fact.known(SimChangeAge.between(Duration.ofDays(1), Duration.ofDays(365))),
                noChangeForADay.refinedBy(changedWithinAYear).timeSinceSimChange());
        assertEquals(noChangeForADay.refinedBy(changedWithinAYear), changedWithinAYear.refinedBy(noChangeForADay));
        assertEquals(noChangeForADay, noChangeForADay.refinedBy(EligibilityFacts.unknown()));
        assertEquals(noChangeForADay, EligibilityFacts.unknown().refinedBy(noChangeForADay));
        // with() replaces: it states the fact rather than learning it
        assertEquals(Fact.known(SimChangeAge.atMost(Duration.ofDays(365))),
                noChangeForADay.withTimeSinceSimChange(SimChangeAge.atMost(Duration.ofDays(365))).timeSinceSimChange());
    }

    @Test
    void aFactCanBeSetBackToUnknownThroughTheBuilder() {
        EligibilityFacts facts = TestFacts.allFine().toBuilder().mvno(Fact.unknown()).build();

        assertEquals(Set.of(FactName.MVNO), facts.unknownFacts());
    }

    @Test
    void nullIsRejectedNotStored() {
        EligibilityFacts.Builder builder = EligibilityFacts.builder();

        assertThrows(NullPointerException.class, () -> builder.accessNetwork((AccessNetwork) null));
        assertThrows(NullPointerException.class, () -> builder.accessNetwork((Fact<AccessNetwork>) null));
        assertThrows(NullPointerException.class, () -> EligibilityFacts.unknown().refinedBy(null));
    }

    @Test
    void equalFactsAreEqualAndShowEveryFact() {
        EligibilityFacts a = TestFacts.allFine();
        EligibilityFacts b = TestFacts.allFine();

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, b.withMvno(true));
        assertTrue(a.toString().contains("ACCESS_NETWORK=G5"), a.toString());
        assertTrue(a.without(FactName.ROAMING).toString().contains("ROAMING=UNKNOWN"));
    }

    @Test
    void roamingKeepsTheVisitedCountryWhenReported() {
        assertEquals(Optional.of("JP"), Roaming.roamingIn(" JP ").visitedCountry());
        assertTrue(Roaming.roamingIn("JP").isRoaming());
        assertEquals(Roaming.roaming(), Roaming.roamingIn(" "));
        assertFalse(Roaming.notRoaming().isRoaming());
        assertEquals(Optional.empty(), Roaming.notRoaming().visitedCountry());
        assertEquals("ROAMING(JP)", Roaming.roamingIn("JP").toString());
    }

    @Test
    void factsAreKnownOrTheSharedUnknown() {
        Fact<String> known = Fact.known("cht");

        assertTrue(known.isKnown());
        assertEquals(Optional.of("cht"), known.asOptional());
        assertSame(Fact.<String>unknown(), Fact.<Integer>unknown());
        assertEquals(Fact.unknown(), Fact.fromOptional(Optional.empty()));
        assertEquals(known, Fact.fromOptional(Optional.of("cht")));
        assertThrows(NullPointerException.class, () -> Fact.known(null));
        assertEquals("UNKNOWN", Fact.unknown().toString());
    }
}
