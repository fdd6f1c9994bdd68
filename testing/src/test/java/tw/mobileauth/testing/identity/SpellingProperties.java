package tw.mobileauth.testing.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tw.mobileauth.identity.BirthDate;
import tw.mobileauth.identity.MobileNumber;
import tw.mobileauth.identity.NhiCardNumber;
import tw.mobileauth.testing.IdentityArbitraries;
import tw.mobileauth.testing.IdentityArbitraries.Spelling;

/** Every accepted spelling of a phone number, NHI card number or birth date parses to the value it stands for. */
class SpellingProperties {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

    @Property(tries = 1000)
    void phoneSpellingsParseToTheExpectedE164(@ForAll("phones") Spelling<String> s) throws Exception {
        MobileNumber n = MobileNumber.parse(s.input());
        assertEquals(s.expected(), n.e164());
        assertEquals("0" + s.expected().substring(4), n.national());
    }

    @Property(tries = 1000)
    void nhiSpellingsParseToTheTwelveDigits(@ForAll("nhi") Spelling<String> s) throws Exception {
        assertEquals(s.expected(), NhiCardNumber.parse(s.input()).value());
    }

    @Property(tries = 1000)
    void birthDateSpellingsParseToTheExpectedDate(@ForAll("birthDates") Spelling<LocalDate> s) throws Exception {
        BirthDate parsed = BirthDate.parse(s.input(), CLOCK);
        assertEquals(s.expected(), parsed.toLocalDate());
        assertEquals(s.expected().toString(), parsed.iso());
    }

    @Provide
    Arbitrary<Spelling<String>> phones() {
        return IdentityArbitraries.mobileNumberSpellings();
    }

    @Provide
    Arbitrary<Spelling<String>> nhi() {
        return IdentityArbitraries.nhiCardNumberSpellings();
    }

    @Provide
    Arbitrary<Spelling<LocalDate>> birthDates() {
        return IdentityArbitraries.birthDateSpellings();
    }
}
