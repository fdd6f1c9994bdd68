package tw.mobileauth.testing.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tw.mobileauth.identity.MobileNumber;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.identity.NhiCardNumber;
import tw.mobileauth.testing.IdentityArbitraries;

/**
 * Masked forms never show the middle digits: the masked form is the same for every value that
 * differs only there, and toString() is the masked form.
 */
class MaskingProperties {

    @Property(tries = 1000)
    void idMaskHidesCharacters4To7(@ForAll("ids") NationalId id) {
        String v = id.value();
        assertEquals(v.substring(0, 3) + "****" + v.substring(7), id.masked());
        assertEquals(id.masked(), id.toString());
    }

    @Property(tries = 1000)
    void phoneMaskHidesDigits5To7(@ForAll("phones") String national) throws Exception {
        MobileNumber n = MobileNumber.parse(national);
        assertEquals(national.substring(0, 4) + "***" + national.substring(7), n.masked());
        assertEquals(n.masked(), n.toString());
        assertEquals(n.masked(), MobileNumber.parse(national.substring(0, 4) + "000" + national.substring(7)).masked());
    }

    @Property(tries = 1000)
    void nhiMaskHidesTheFirstEightDigits(@ForAll("nhi") String digits) throws Exception {
        NhiCardNumber n = NhiCardNumber.parse(digits);
        assertEquals("********" + digits.substring(8), n.masked());
        assertEquals(n.masked(), n.toString());
        assertEquals(n.masked(), NhiCardNumber.parse("00000000" + digits.substring(8)).masked());
    }

    @Provide
    Arbitrary<NationalId> ids() {
        return IdentityArbitraries.nationalIds();
    }

    @Provide
    Arbitrary<String> phones() {
        return IdentityArbitraries.mobileNumberStrings();
    }

    @Provide
    Arbitrary<String> nhi() {
        return IdentityArbitraries.nhiCardNumberStrings();
    }
}
