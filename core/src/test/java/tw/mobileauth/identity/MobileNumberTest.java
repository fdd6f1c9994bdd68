package tw.mobileauth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

class MobileNumberTest {

    private static FieldReason reasonFor(String input) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MobileNumber.parse(input));
        assertEquals(FieldNames.MOBILE_NUMBER, e.errors().get(0).field());
        return e.errors().get(0).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0912345678", "0912-345-678", "0912 345 678", "(09)1234-5678", "0912.345.678",
        "+886912345678", "+886 912 345 678", "+886-912-345-678", "+886 (0)912 345 678",
        "886912345678", "00886912345678", "002886912345678", "002-886-912-345-678",
        "０９１２３４５６７８", "＋８８６ ９１２ ３４５ ６７８", "０９１２－３４５－６７８", " 0912345678\t"})
    void everyAcceptedSpellingIsTheSameNumber(String spelling) throws Exception {
        MobileNumber n = MobileNumber.parse(spelling);
        assertEquals("+886912345678", n.e164());
        assertEquals("0912345678", n.national());
        assertEquals(MobileNumber.parse("0912345678"), n);
    }

    @Test
    void differentNumbersAreNotEqual() throws Exception {
        assertFalse(MobileNumber.parse("0912345678").equals(MobileNumber.parse("0912345679")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"02-2345-6789", "(02)2345-6789", "+886 2 2345 6789", "0800-000-123", "+1 415 555 0100", "001 1 415 555 0100"})
    void landlinesAndForeignNumbersAreNotMobileNumbers(String input) {
        assertEquals(FieldReason.NOT_A_MOBILE_NUMBER, reasonFor(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"091234567", "09123456789", "912345678", "0912-345-67a", "09+12345678", "+", "++886912345678",
        "+886", "886", "00886", "002886", "+8860", "+886 9", "0"})
    void onlyZeroNinePlusEightDigitsIsAMobileNumber(String input) throws Exception {
        assertEquals(FieldReason.BAD_FORMAT, reasonFor(input));
        assertEquals("0912345678", MobileNumber.parse("0912345678").national());
    }

    @Test
    void missingHiddenAndHugeInputs() {
        assertEquals(FieldReason.REQUIRED, reasonFor(null));
        assertEquals(FieldReason.REQUIRED, reasonFor(" ( ) - "));
        assertEquals(FieldReason.INVALID_CHARACTER, reasonFor("0912\u2066345678"));
        assertEquals(FieldReason.INVALID_CHARACTER, reasonFor("0912\u0000345678"));
        assertEquals(FieldReason.TOO_LONG, reasonFor("0".repeat(1 << 20)));
    }

    @Test
    void toStringIsMaskedToFirstFourAndLastThree() throws Exception {
        MobileNumber n = MobileNumber.parse("+886 987 654 321");
        assertEquals("0987***321", n.toString());
        assertEquals("0987***321", n.masked());
        assertFalse(n.toString().contains("654"));
    }
}
