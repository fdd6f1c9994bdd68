package tw.mobileauth.registry.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CardClaimTest {

    @Test
    void toStringShowsOnlyTheMaskedIdAndTheLastFourCardDigits() {
        CardClaim claim = new CardClaim("F131104093", "000012345678");
        assertEquals("CardClaim[nationalId=F13****093, cardNumber=********5678]", claim.toString());
        assertFalse(claim.toString().contains("000012345678"));
        assertFalse(claim.toString().contains("F131104093"));
    }

    @Test
    void residentCertificateNumbersOldAndNewAreAccepted() {
        assertEquals("A80****014", new CardClaim("A800000014", "123456789012").maskedNationalId());
        assertEquals("AB1****678", new CardClaim("AB12345678", "123456789012").maskedNationalId());
    }

    @Test
    void aMalformedIdIsRefusedNamingTheFieldButNotTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CardClaim("f131104093", "000012345678"));
        assertTrue(e.getMessage().startsWith("nationalId must be"), e.getMessage());
        assertFalse(e.getMessage().contains("131104093"), e.getMessage());
    }

    @Test
    void aCardNumberThatIsNotTwelveAsciiDigitsIsRefusedWithoutEchoingIt() {
        for (String bad : new String[] {"00001234567", "0000123456789", "0000 1234 5678", "０００012345678"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CardClaim("F131104093", bad), bad);
            assertTrue(e.getMessage().startsWith("cardNumber must be exactly 12 ASCII digits"), e.getMessage());
            assertFalse(e.getMessage().contains("1234567"), e.getMessage());
        }
    }
}
