package tw.mobileauth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

class NhiCardNumberTest {

    private static FieldReason reasonFor(String input) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NhiCardNumber.parse(input));
        assertEquals(FieldNames.NHI_CARD_NUMBER, e.errors().get(0).field());
        return e.errors().get(0).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = {"000012345678", "0000 1234 5678", "0000-1234-5678", "００００１２３４５６７８", " 0000 1234-5678 "})
    void twelveDigitsWithSpacesHyphensOrFullWidthAreAccepted(String spelling) throws Exception {
        NhiCardNumber n = NhiCardNumber.parse(spelling);
        assertEquals("000012345678", n.value());
        assertEquals(NhiCardNumber.parse("000012345678"), n);
        assertNotEquals(NhiCardNumber.parse("000012345679"), n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00001234567", "0000123456789", "0000-1234-567X", "T200000009"})
    void anythingButTwelveDigitsIsBadFormat(String input) {
        assertEquals(FieldReason.BAD_FORMAT, reasonFor(input));
    }

    @Test
    void missingHiddenAndHugeInputs() {
        assertEquals(FieldReason.REQUIRED, reasonFor(null));
        assertEquals(FieldReason.REQUIRED, reasonFor("  "));
        assertEquals(FieldReason.INVALID_CHARACTER, reasonFor("0000\u202E12345678"));
        assertEquals(FieldReason.TOO_LONG, reasonFor("1".repeat(1 << 20)));
    }

    @Test
    void toStringShowsOnlyTheLastFourDigits() throws Exception {
        NhiCardNumber n = NhiCardNumber.parse("1234 5678 9012");
        assertEquals("********9012", n.toString());
        assertFalse(n.toString().contains("5678"));
    }
}
