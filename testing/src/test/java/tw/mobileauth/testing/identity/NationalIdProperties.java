package tw.mobileauth.testing.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.identity.IdClass;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.testing.IdentityArbitraries;
import tw.mobileauth.testing.IdentityArbitraries.Spelling;

/**
 * Properties of {@link NationalId}. Weights of characters 2–10 are 8,7,6,5,4,3,2,1,1 and the sum is
 * taken mod 10, so a change of δ at a position of weight w goes unnoticed exactly when w·δ ≡ 0 (mod 10):
 * δ = ±5 at weights 8, 6, 4, 2 and any even δ at weight 5. The corruption properties state that
 * precisely instead of pretending the checksum catches every single-digit error.
 */
class NationalIdProperties {

    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 1, 1};

    private static FieldReason reasonFor(String input) {
        return assertThrows(InvalidInputException.class, () -> NationalId.parse(input)).errors().get(0).reason();
    }

    @Property(tries = 1000)
    void everyGeneratedCitizenIdParsesAsACitizen(@ForAll("citizens") String id) throws Exception {
        NationalId parsed = NationalId.parse(id);
        assertEquals(id, parsed.value());
        assertEquals(IdClass.CITIZEN, parsed.idClass());
        assertTrue(parsed.isCitizen());
    }

    @Property(tries = 1000)
    void citizenWithThirdDigitSixToNineIsStillACitizen(@ForAll("naturalised") String id) throws Exception {
        assertTrue("6789".indexOf(id.charAt(2)) >= 0);
        assertTrue(NationalId.parse(id).isCitizen());
    }

    @Property(tries = 1000)
    void everyGeneratedResidentNumberParsesToItsFormatAndIsNotACitizen(@ForAll("residents") String id) throws Exception {
        NationalId parsed = NationalId.parse(id);
        IdClass expected = Character.isDigit(id.charAt(1)) ? IdClass.RESIDENT_NEW_FORMAT : IdClass.RESIDENT_OLD_FORMAT;
        assertEquals(expected, parsed.idClass());
        assertEquals(false, parsed.isCitizen());
    }

    @Property(tries = 1000)
    void generatedBadChecksumsAreRejectedAsBadChecksum(@ForAll("badChecksums") String id) {
        assertEquals(FieldReason.BAD_CHECKSUM, reasonFor(id));
    }

    @Property(tries = 1000)
    void generatedBadFormatsAreRejectedAsBadFormat(@ForAll("badFormats") String id) {
        assertEquals(FieldReason.BAD_FORMAT, reasonFor(id));
    }

    @Property(tries = 1000)
    void singleDigitCorruptionIsRejectedExactlyWhenTheChecksumCanSeeIt(
            @ForAll("ids") String id, @ForAll @IntRange(min = 1, max = 9) int position,
            @ForAll @IntRange(min = 1, max = 9) int shift) throws Exception {
        char original = id.charAt(position);
        if (!Character.isDigit(original)) {
            return; // the old-format second letter is not a digit position
        }
        int newDigit = (original - '0' + shift) % 10;
        String corrupted = id.substring(0, position) + (char) ('0' + newDigit) + id.substring(position + 1);
        boolean secondCharStillValid = position != 1 || "1289".indexOf(corrupted.charAt(1)) >= 0;
        int delta = newDigit - (original - '0');
        if (!secondCharStillValid) {
            assertEquals(FieldReason.BAD_FORMAT, reasonFor(corrupted));
        } else if ((WEIGHTS[position - 1] * delta) % 10 != 0) {
            assertEquals(FieldReason.BAD_CHECKSUM, reasonFor(corrupted));
        } else {
            // Undetectable by construction of the checksum: a different, equally valid number.
            assertNotEquals(NationalId.parse(id), NationalId.parse(corrupted));
        }
    }

    @Property(tries = 1000)
    void corruptionOfTheGenderDigitOrOfAnyOddWeightedDigitIsAlwaysRejected(
            @ForAll("ids") String id, @ForAll("alwaysDetectedPositions") int position,
            @ForAll @IntRange(min = 1, max = 9) int shift) {
        char original = id.charAt(position);
        if (!Character.isDigit(original)) {
            return;
        }
        char replaced = (char) ('0' + (original - '0' + shift) % 10);
        String corrupted = id.substring(0, position) + replaced + id.substring(position + 1);
        assertThrows(InvalidInputException.class, () -> NationalId.parse(corrupted));
    }

    @Property(tries = 1000)
    void fullWidthLowerCaseSpacedAndHyphenatedVariantsParseToTheSameValue(@ForAll("spellings") Spelling<String> s)
            throws Exception {
        NationalId parsed = NationalId.parse(s.input());
        assertEquals(s.expected(), parsed.value());
        assertEquals(NationalId.parse(s.expected()), parsed);
    }

    @Provide
    Arbitrary<String> citizens() {
        return IdentityArbitraries.nationalIdStrings(IdClass.CITIZEN);
    }

    @Provide
    Arbitrary<String> naturalised() {
        return IdentityArbitraries.naturalisedCitizenIdStrings();
    }

    @Provide
    Arbitrary<String> residents() {
        return Arbitraries.oneOf(IdentityArbitraries.nationalIdStrings(IdClass.RESIDENT_NEW_FORMAT),
                IdentityArbitraries.nationalIdStrings(IdClass.RESIDENT_OLD_FORMAT));
    }

    @Provide
    Arbitrary<String> ids() {
        return IdentityArbitraries.nationalIdStrings();
    }

    @Provide
    Arbitrary<Integer> alwaysDetectedPositions() {
        // Position 1 (weight 8): ±5 would turn 1/2/8/9 into 6/7/3/4, which is not a valid second character.
        // Positions 2, 6, 8, 9 have weights 7, 3, 1, 1, coprime to 10.
        return Arbitraries.of(1, 2, 6, 8, 9);
    }

    @Provide
    Arbitrary<String> badChecksums() {
        return IdentityArbitraries.badChecksumNationalIdStrings();
    }

    @Provide
    Arbitrary<String> badFormats() {
        return IdentityArbitraries.badFormatNationalIdStrings();
    }

    @Provide
    Arbitrary<Spelling<String>> spellings() {
        return IdentityArbitraries.nationalIdSpellings();
    }
}
