package tw.mobileauth.carrier.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MsisdnTest {

    @Test
    void taiwaneseNumberIsMaskedToCountryCodeAndLastThreeDigits() {
        Msisdn m = Msisdn.of("+886912345678");
        assertEquals("+886******678", m.toString());
        assertFalse(m.toString().contains("912345"), "middle digits must not leak");
        assertEquals("+886912345678", m.e164(), "the raw number stays available for the wire");
    }

    @Test
    void foreignNumberKeepsOnlyPlusTwoDigitsAndLastThree() {
        assertEquals("+44*******789", Msisdn.of("+447700900789").toString());
    }

    @Test
    void shortestNumberStillHidesItsMiddle() {
        // 7 digits: + and 2 digits, 2 stars, last three.
        assertEquals("+12**567", Msisdn.of("+1234567").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1234567", "+886912345678", "+123456789012345"})
    void e164NumbersAreAccepted(String e164) {
        assertEquals(e164, new Msisdn(e164).e164());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "886912345678", "0912345678", "+0912345678", "+123456", "+1234567890123456",
            "+886 912 345 678", "+886-912345678", "+８８６912345678", "+88691234567a"})
    void anythingButE164WithPlusIsRejected(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Msisdn.of(bad));
        boolean partOfTheDocumentedExample = "+886912345678".contains(bad);
        assertFalse(bad.length() > 4 && !partOfTheDocumentedExample && e.getMessage().contains(bad),
                "the message must not echo the number");
    }

    @Test
    void nullIsRejected() {
        assertThrows(NullPointerException.class, () -> new Msisdn(null));
    }
}
