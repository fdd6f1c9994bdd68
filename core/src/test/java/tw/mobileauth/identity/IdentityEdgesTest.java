package tw.mobileauth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

/**
 * Edges the other identity tests leave open (issue 15, mutation testing): the exact bounds of the
 * full-width, dash and forbidden-character classes, the bundled common-password list as loaded
 * (not through the policy's once-per-JVM singleton), case folding at its ASCII bounds, and the
 * value types' hash codes agreeing with equals.
 */
class IdentityEdgesTest {

    @Test
    void fullWidthRangeIsExactlyFf01ToFf5eAndTheIdeographicSpace() {
        assertEquals('!', Chars.halfWidth(0xFF01));
        assertEquals('~', Chars.halfWidth(0xFF5E));
        assertEquals('0', Chars.halfWidth('０'));
        assertEquals(0xFF00, Chars.halfWidth(0xFF00));
        assertEquals(0xFF5F, Chars.halfWidth(0xFF5F));
        assertEquals(' ', Chars.halfWidth(0x3000));
        assertEquals(0x3001, Chars.halfWidth(0x3001));
        assertEquals('A', Chars.halfWidth('A'));
    }

    @Test
    void dashesAreHyphenMinusTheUnicodeDashBlockAndTheSmallAndMathMinus() {
        for (int cp : new int[] {'-', 0x2010, 0x2013, 0x2015, 0x2212, 0xFE58, 0xFE63}) {
            assertTrue(Chars.isDash(cp), Integer.toHexString(cp));
        }
        for (int cp : new int[] {'+', '_', 0x200F, 0x2016, 0x2211, 0x2213, 0xFE57, 0xFE62, 0xFE64}) {
            assertFalse(Chars.isDash(cp), Integer.toHexString(cp));
        }
    }

    @Test
    void unassignedCodePointsAreForbiddenOutsideTheIdeographicPlanesOnly() {
        assertTrue(Chars.isForbidden(0x0378), "unassigned in the BMP");
        assertTrue(Chars.isForbidden(0x1FFFE), "unassigned just below plane 2");
        assertFalse(Chars.isForbidden(0x2FFFE), "unassigned in plane 2");
        assertFalse(Chars.isForbidden(0x3FFFF), "last code point of plane 3");
        assertTrue(Chars.isForbidden(0x40000), "unassigned just above plane 3");
        assertTrue(Chars.isForbidden(0x202E), "RTL override");
        assertTrue(Chars.isForbidden(0x0007), "control");
        assertTrue(Chars.isForbidden(0x2028), "line separator");
        assertTrue(Chars.isForbidden(0x2029), "paragraph separator");
        assertTrue(Chars.isForbidden(0xD800), "lone surrogate");
        assertFalse(Chars.isForbidden('王'));
        assertFalse(Chars.isForbidden(0x20000), "first CJK extension B ideograph");
    }

    @Test
    void bundledListIsFoldedSortedAndSkipsCommentsAndBlankLines() {
        CommonPasswords list = CommonPasswords.bundled();
        assertTrue(list.size() >= 3000, "size " + list.size());
        assertTrue(list.contains("password".toCharArray(), 8));
        assertTrue(list.contains("password1".toCharArray(), 9));
        assertFalse(list.contains("PASSWORD".toCharArray(), 8), "entries are folded, lookups must be too");
        assertFalse(list.contains("".toCharArray(), 0), "blank lines are skipped");
        assertFalse(list.contains("#".toCharArray(), 1), "comment lines are skipped");
        assertFalse(list.contains("passwor".toCharArray(), 7), "a prefix of an entry is not an entry");
        assertEquals(list.size(), CommonPasswords.bundled().size());
    }

    @Test
    void caseFoldingCoversAsciiBoundsAndBeyond() {
        assertEquals('a', CommonPasswords.fold('A'));
        assertEquals('z', CommonPasswords.fold('Z'));
        assertEquals('@', CommonPasswords.fold('@'));
        assertEquals('[', CommonPasswords.fold('['));
        assertEquals('a', CommonPasswords.fold('a'));
        assertEquals('7', CommonPasswords.fold('7'));
        assertEquals('ä', CommonPasswords.fold('Ä'));
        assertEquals('ω', CommonPasswords.fold('Ω'));
        assertEquals('王', CommonPasswords.fold('王'));
    }

    @Test
    void standardPolicyRejectsUpperCaseCommonPasswordsFromTheBundledList() throws Exception {
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> PasswordPolicy.standard().check(CertificatePassword.of("PASSWORD1".toCharArray())));
        assertEquals(FieldReason.COMMON_PASSWORD, e.errors().get(0).reason());
    }

    @Test
    void equalValuesHaveEqualHashCodesAndDistinctOnesSpread() throws Exception {
        assertHashes(MobileNumber.parse("0912345678"), MobileNumber.parse("+886 912 345 678"),
                MobileNumber.parse("0987654321"));
        assertHashes(NhiCardNumber.parse("000012345678"), NhiCardNumber.parse("0000 1234 5678"),
                NhiCardNumber.parse("123456789012"));
        assertHashes(BirthDate.parse("75/03/14", IdFixtures.CLOCK), BirthDate.parse("1986-03-14", IdFixtures.CLOCK),
                BirthDate.parse("1990-12-31", IdFixtures.CLOCK));
        String a = IdFixtures.withCheckDigit("A12345678");
        String b = IdFixtures.withCheckDigit("F22222222");
        assertHashes(NationalId.parse(a), NationalId.parse(a.toLowerCase(java.util.Locale.ROOT)), NationalId.parse(b));
        assertHashes(PersonName.of("王小明"), PersonName.of("王小明"), PersonName.of("陳大文"));
    }

    private static void assertHashes(Object x, Object sameAsX, Object other) {
        assertEquals(x, sameAsX);
        assertEquals(x.hashCode(), sameAsX.hashCode());
        assertNotEquals(x, other);
        assertNotEquals(x.hashCode(), other.hashCode(), "distinct values should not all share one hash");
    }
}
