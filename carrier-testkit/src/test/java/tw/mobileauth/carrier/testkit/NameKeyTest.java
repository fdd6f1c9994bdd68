package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fake carriers compare names by the comparison key of docs/identifiers.md, never folding characters. */
class NameKeyTest {

    @Test
    void trimAndWhitespaceDoNotMatter() {
        assertTrue(NameKey.matches("王大明", "  王 大明\t"));
        assertTrue(NameKey.matches("王大明", "\u3000王大明\u3000"));
        assertFalse(NameKey.matches("王大明", "王大同"));
    }

    @Test
    void fullWidthAsciiIsHalfWidth() {
        assertTrue(NameKey.matches("Bali", "Ｂａｌｉ"));
        assertFalse(NameKey.matches("Bali", "Ｂａｌｏ"));
    }

    @Test
    void everyMiddleDotVariantIsTheSame() {
        for (String dot : new String[] {"\u00b7", "\u2027", "\u30fb", "\uff0e", "."}) {
            assertTrue(NameKey.matches("Bali\u2027Pawan", "Bali" + dot + "Pawan"), dot);
        }
        assertFalse(NameKey.matches("Bali\u2027Pawan", "Bali-Pawan"));
    }

    @Test
    void variantsCompatibilityIdeographsAndCaseAreNotFolded() {
        assertFalse(NameKey.matches("張志峯", "張志峰"));
        assertFalse(NameKey.matches("林羣英", "林群英"));
        assertFalse(NameKey.matches("陳\uFA0C華", "陳\u5140華"));
        assertTrue(NameKey.matches("陳\uFA0C華", "陳\uFA0C華"));
        assertEquals("陳\uFA0C華", NameKey.of("陳\uFA0C華"));
        assertFalse(NameKey.matches("Bali", "bali"));
    }

    @Test
    void extBCharactersCountAsOneCodePoint() {
        assertTrue(NameKey.matches("林\uD840\uDC0B安", "林\uD840\uDC0B安"));
        assertEquals(66, NameKey.score("林\uD840\uDC0B安", "林丁安"), "one of three code points differs");
    }

    @Test
    void theScoreIsBelow100AndRisesWithSimilarity() {
        int close = NameKey.score("王大明", "王大同");
        int far = NameKey.score("王大明", "李小華");
        assertTrue(close > far, close + " vs " + far);
        assertTrue(close <= 99 && far >= 0);
        assertEquals(0, NameKey.score("王大明", ""));
    }
}
