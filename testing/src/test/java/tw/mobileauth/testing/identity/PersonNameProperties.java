package tw.mobileauth.testing.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tw.mobileauth.identity.PersonName;
import tw.mobileauth.testing.IdentityArbitraries;
import tw.mobileauth.testing.IdentityArbitraries.Spelling;

/** Names are stored exactly as typed and compared by a key that ignores spacing, width and middle-dot variants. */
class PersonNameProperties {

    @Property(tries = 1000)
    void generatedNamesAreAcceptedAndStoredUnchanged(@ForAll("names") String name) throws Exception {
        PersonName parsed = PersonName.of(name);
        assertEquals(name, parsed.value());
        assertTrue(name.codePointCount(0, name.length()) <= PersonName.MAX_CODE_POINTS);
    }

    @Property(tries = 1000)
    void spacedFullWidthAndDotVariantsShareTheComparisonKey(@ForAll("spellings") Spelling<String> s) throws Exception {
        PersonName variant = PersonName.of(s.input());
        PersonName reference = PersonName.of(s.expected());
        assertEquals(reference, variant);
        assertEquals(reference.hashCode(), variant.hashCode());
        assertEquals(s.input(), variant.value());
    }

    @Property(tries = 1000)
    void maskedNameShowsOnlyTheFirstAndLastCharacter(@ForAll("names") String name) throws Exception {
        String masked = PersonName.of(name).masked();
        String trimmed = name.strip();
        int n = trimmed.codePointCount(0, trimmed.length());
        assertEquals(n, masked.codePointCount(0, masked.length()));
        int[] cps = masked.codePoints().toArray();
        for (int i = 1; i < cps.length - 1; i++) {
            assertEquals('\u25CB', cps[i]);
        }
    }

    @Provide
    Arbitrary<String> names() {
        return IdentityArbitraries.personNames();
    }

    @Provide
    Arbitrary<Spelling<String>> spellings() {
        return IdentityArbitraries.personNameSpellings();
    }
}
