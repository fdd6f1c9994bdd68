package tw.mobileauth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

class PersonNameTest {

    private static FieldReason reasonFor(String input) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PersonName.of(input));
        assertEquals(FieldNames.NAME, e.errors().get(0).field());
        return e.errors().get(0).reason();
    }

    @Test
    void extensionBCharacterIsOneCharacterAndKeptIntact() throws Exception {
        String rare = new String(Character.toChars(0x2000B)); // 𠀋, a surrogate pair
        PersonName name = PersonName.of("林" + rare + "明");
        assertEquals("林" + rare + "明", name.value());
        assertEquals("林○明", name.masked());
        assertEquals(rare + "○", PersonName.of(rare + "明").masked());
        assertNotEquals(PersonName.of("林明明"), name);
    }

    @Test
    void compatibilityIdeographIsStoredWithoutNormalisation() throws Exception {
        String withFa0c = "王\uFA0C明";
        assertEquals("王\u5140明", Normalizer.normalize(withFa0c, Normalizer.Form.NFC)); // what NFC would do
        PersonName name = PersonName.of(withFa0c);
        assertEquals(withFa0c, name.value());
        assertEquals(withFa0c, name.comparisonKey());
        assertNotEquals(PersonName.of("王\u5140明"), name);
    }

    @Test
    void middleDotVariantsShareOneComparisonKey() throws Exception {
        PersonName reference = PersonName.of("Bali\u00B7Pawan");
        for (String dot : new String[] {"\u2027", "\u30FB", "\uFF0E", ".", "\uFF65"}) {
            PersonName variant = PersonName.of("Bali" + dot + "Pawan");
            assertEquals(reference, variant, "dot U+" + Integer.toHexString(dot.charAt(0)));
            assertEquals(reference.hashCode(), variant.hashCode());
            assertEquals("Bali" + dot + "Pawan", variant.value());
        }
        assertNotEquals(reference, PersonName.of("Bali-Pawan"));
    }

    @Test
    void fullWidthAndSpacedVariantsShareOneComparisonKey() throws Exception {
        PersonName reference = PersonName.of("王小明");
        assertEquals(reference, PersonName.of(" 王 小 明 "));
        assertEquals(reference, PersonName.of("\u3000王小明\u3000"));
        assertEquals(PersonName.of("Bali Pawan"), PersonName.of("ＢａｌｉＰａｗａｎ"));
        assertEquals(" 王 小 明 ", PersonName.of(" 王 小 明 ").value());
        assertNotEquals(reference, PersonName.of("王曉明"));
    }

    @Test
    void variantCharactersAreNotFolded() throws Exception {
        assertNotEquals(PersonName.of("林峯"), PersonName.of("林峰"));
        assertNotEquals(PersonName.of("陳羣"), PersonName.of("陳群"));
        assertEquals(PersonName.of("林峯"), PersonName.of("林 峯"));
    }

    @Test
    void atMostFiftyCodePointsCountingSurrogatePairsOnce() throws Exception {
        String rare = new String(Character.toChars(0x2000B));
        assertEquals(50, PersonName.of(rare.repeat(50)).value().codePointCount(0, 100));
        assertEquals(FieldReason.TOO_LONG, reasonFor(rare.repeat(51)));
        assertEquals(FieldReason.TOO_LONG, reasonFor("王".repeat(51)));
        assertEquals(FieldReason.TOO_LONG, reasonFor("王".repeat(1 << 20)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"王\u0000明", "王\u202E明", "王\u2066明\u2069", "王\u200B明", "王\uD800明", "王\uDC00", "王\t明", "王\n明", "王\uFFFF"})
    void controlFormatAndUnpairedSurrogatesAreInvalid(String input) throws Exception {
        assertEquals(FieldReason.INVALID_CHARACTER, reasonFor(input));
        assertEquals("王明", PersonName.of("王明").value());
    }

    @Test
    void emptyOrBlankIsRequired() throws Exception {
        assertEquals(FieldReason.REQUIRED, reasonFor(null));
        assertEquals(FieldReason.REQUIRED, reasonFor(""));
        assertEquals(FieldReason.REQUIRED, reasonFor(" \u3000\u00A0"));
        assertEquals("·", PersonName.of("·").comparisonKey());
    }

    @Test
    void maskKeepsFirstAndLastCharacter() throws Exception {
        assertEquals("王○明", PersonName.of("王小明").masked());
        assertEquals("王○明", PersonName.of("王小明").toString());
        assertEquals("王○", PersonName.of("王明").masked());
        assertEquals("歐○○明", PersonName.of(" 歐陽小明 ").masked());
        assertEquals("○", PersonName.of("王").masked());
        assertFalse(PersonName.of("王小明").toString().contains("小"));
    }
}
