package tw.mobileauth.carrier.camara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.Msisdn;

class HashedPhoneNumberTest {

    /** The value in HashedPhoneNumber's Javadoc: {@code printf '+886912345678' | sha256sum}. */
    @Test
    void isTheLowercaseHexSha256OfTheE164NumberWithItsPlus() {
        assertEquals("1315ec4a63ba3d2b8f5db63688770e89a402ee623ef33e4c8c2f36e48f271be0",
                HashedPhoneNumber.of(Msisdn.of("+886912345678")));
    }

    @Test
    void aNullNumberIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> HashedPhoneNumber.of(null));
    }
}
