package tw.mobileauth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

class NationalIdTest {

    private static FieldReason reasonFor(String input) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NationalId.parse(input));
        assertEquals(1, e.errors().size());
        assertEquals(FieldNames.NATIONAL_ID, e.errors().get(0).field());
        return e.errors().get(0).reason();
    }

    @Test
    void fullWidthLowerCaseAndSpacedSpellingsAreTheSameId() throws Exception {
        NationalId plain = NationalId.parse("T200000009");
        NationalId fullWidth = NationalId.parse("Ｔ２０００００００９");
        NationalId spaced = NationalId.parse(" t200000009 ");
        NationalId hyphenated = NationalId.parse("t20-0000-009");
        assertEquals("T200000009", plain.value());
        assertEquals(plain, fullWidth);
        assertEquals(plain, spaced);
        assertEquals(plain, hyphenated);
        assertEquals(plain.hashCode(), fullWidth.hashCode());
        assertNotEquals(plain, NationalId.parse("W187654323"));
    }

    @Test
    void checksumMustMatch() throws Exception {
        assertEquals(0, IdFixtures.checksum("T200000009") % 10);
        assertEquals(IdClass.CITIZEN, NationalId.parse("T200000009").idClass());
        assertEquals(FieldReason.BAD_CHECKSUM, reasonFor("T200000008"));
    }

    @Test
    void worksExamplesFromTheDomainDocument() throws Exception {
        assertEquals("W187654323", NationalId.parse("W187654323").value());
        assertEquals("Z202468013", NationalId.parse("Z202468013").value());
        assertEquals(FieldReason.BAD_CHECKSUM, reasonFor("A123456788"));
    }

    @Test
    void newFormatResidentNumberIsValidButNotACitizen() throws Exception {
        NationalId id = NationalId.parse("A800000014");
        assertEquals(IdClass.RESIDENT_NEW_FORMAT, id.idClass());
        assertFalse(id.isCitizen());
        assertEquals(FieldReason.BAD_CHECKSUM, reasonFor("A800000015"));
    }

    @Test
    void oldFormatResidentNumberCountsTheSecondLetterByItsUnitsDigit() throws Exception {
        NationalId id = NationalId.parse("AC03095424");
        assertEquals(IdClass.RESIDENT_OLD_FORMAT, id.idClass());
        assertFalse(id.isCitizen());
        assertEquals("AC03095424", NationalId.parse("ac03095424").value());
        // D (units digit 3) in place of C (units digit 2) moves the sum by 8.
        assertEquals(FieldReason.BAD_CHECKSUM, reasonFor("AD03095424"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"6", "7", "8", "9"})
    void citizenWithThirdDigitSixToNineIsStillACitizen(String third) throws Exception {
        String id = IdFixtures.withCheckDigit("F1" + third + "123456");
        NationalId parsed = NationalId.parse(id);
        assertTrue(parsed.isCitizen());
        assertEquals(IdClass.CITIZEN, parsed.idClass());
        char wrong = (char) ('0' + (id.charAt(9) - '0' + 1) % 10);
        assertEquals(FieldReason.BAD_CHECKSUM, reasonFor(id.substring(0, 9) + wrong));
    }

    @ParameterizedTest
    @ValueSource(strings = {"I", "O", "W", "Y", "L", "R", "S", "Z"})
    void everyLetterIsAcceptedIncludingNoLongerIssuedOnes(String letter) throws Exception {
        String id = IdFixtures.withCheckDigit(letter + "20000000");
        assertEquals(id, NationalId.parse(id).value());
    }

    @Test
    void residencePermitLookAlikeIsTheWrongDocument() throws Exception {
        assertEquals(FieldReason.WRONG_DOCUMENT_NUMBER, reasonFor("AB12345678CD"));
        assertEquals(FieldReason.WRONG_DOCUMENT_NUMBER, reasonFor("0000 1234 5678"));
        assertEquals(FieldReason.BAD_FORMAT, reasonFor("T2000000090"));
        assertEquals("T200000009", NationalId.parse("T200000009").value());
    }

    @Test
    void shapeErrorsAreBadFormat() throws Exception {
        assertEquals(FieldReason.BAD_FORMAT, reasonFor("T30000000"));
        assertEquals(FieldReason.BAD_FORMAT, reasonFor("T300000009"));
        assertEquals(FieldReason.BAD_FORMAT, reasonFor("1200000009"));
        assertEquals(FieldReason.BAD_FORMAT, reasonFor("TE00000009"));
        assertEquals(FieldReason.BAD_FORMAT, reasonFor("T2000000X9"));
        assertEquals(FieldReason.BAD_FORMAT, reasonFor("T20000000_9"));
        assertEquals(IdClass.CITIZEN, NationalId.parse("T200000009").idClass());
    }

    @Test
    void nullAndBlankAreRequired() throws Exception {
        assertEquals(FieldReason.REQUIRED, reasonFor(null));
        assertEquals(FieldReason.REQUIRED, reasonFor(""));
        assertEquals(FieldReason.REQUIRED, reasonFor(" \u3000- "));
        assertEquals("T200000009", NationalId.parse("\u3000T200000009\u3000").value());
    }

    @Test
    void controlAndFormatCharactersAreInvalid() throws Exception {
        assertEquals(FieldReason.INVALID_CHARACTER, reasonFor("T20000\u00000009"));
        assertEquals(FieldReason.INVALID_CHARACTER, reasonFor("\u202ET200000009"));
        assertEquals(FieldReason.INVALID_CHARACTER, reasonFor("T2000\uD800000009"));
        assertEquals("T200000009", NationalId.parse("T2000\t00009").value());
    }

    @Test
    void hugeInputIsTooLongWithoutBeingScanned() throws Exception {
        assertEquals(FieldReason.TOO_LONG, reasonFor("T".repeat(1_000_000)));
        assertEquals(FieldReason.TOO_LONG, reasonFor(" ".repeat(101)));
        assertEquals("T200000009", NationalId.parse(" ".repeat(90) + "T200000009").value());
    }

    @Test
    void toStringIsMaskedToFirstThreeAndLastThree() throws Exception {
        NationalId id = NationalId.parse("W187654323");
        assertEquals("W18****323", id.toString());
        assertEquals("W18****323", id.masked());
        assertFalse(id.toString().contains("7654"));
    }
}
