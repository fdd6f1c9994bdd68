package tw.mobileauth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tw.mobileauth.FieldError;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.i18n.LocalizedText;

class FieldMessagesTest {

    private static final String BUNDLE = "tw.mobileauth.identity.FieldMessages";

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static List<String> fieldNames() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (java.lang.reflect.Field f : FieldNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                names.add((String) f.get(null));
            }
        }
        return names;
    }

    private static boolean hasCjk(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    @Test
    void everyReasonHasAGenericMessageInZhTwAndEnglish() {
        ResourceBundle zh = bundle(Locale.TAIWAN);
        ResourceBundle en = bundle(Locale.ENGLISH);
        for (FieldReason reason : FieldReason.values()) {
            String key = "reason." + reason.name();
            assertTrue(zh.containsKey(key) && !zh.getString(key).isBlank(), "zh-TW " + key);
            assertTrue(en.containsKey(key) && !en.getString(key).isBlank(), "en " + key);
            assertTrue(hasCjk(zh.getString(key)), "zh-TW text is Chinese: " + key);
            assertNotEquals(zh.getString(key), en.getString(key), key);
        }
    }

    @Test
    void bothBundlesHaveTheSameKeysAndEveryFieldHasADisplayName() throws Exception {
        Set<String> zhKeys = new TreeSet<>(bundle(Locale.TAIWAN).keySet());
        Set<String> enKeys = new TreeSet<>(bundle(Locale.ENGLISH).keySet());
        assertEquals(zhKeys, enKeys);
        for (String field : fieldNames()) {
            assertTrue(zhKeys.contains("field." + field), field);
        }
        for (String key : zhKeys) {
            String prefix = key.substring(0, key.indexOf('.'));
            String suffix = key.substring(key.indexOf('.') + 1);
            if (!prefix.equals("field") && !prefix.equals("reason")) {
                assertTrue(fieldNames().contains(prefix), "override for a known field: " + key);
                FieldReason.valueOf(suffix);
            }
        }
    }

    @Test
    void everyFieldAndReasonGivesAMessageThatNamesTheField() throws Exception {
        ResourceBundle zh = bundle(Locale.TAIWAN);
        ResourceBundle en = bundle(Locale.ENGLISH);
        for (String field : fieldNames()) {
            for (FieldReason reason : FieldReason.values()) {
                LocalizedText text = FieldError.of(field, reason).message();
                String where = field + "/" + reason;
                assertFalse(text.zhTw().contains("{0}") || text.en().contains("{0}"), where);
                assertTrue(text.zhTw().contains(zh.getString("field." + field)), "zh-TW names the field: " + where);
                assertTrue(text.en().contains(en.getString("field." + field)), "en names the field: " + where);
                assertTrue(hasCjk(text.zhTw()), where);
                assertEquals(text.en(), text.in(Locale.ENGLISH));
                assertEquals(text.zhTw(), text.in(Locale.TAIWAN));
            }
        }
    }

    @Test
    void englishStaysEnglishWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.TAIWAN);
            assertFalse(hasCjk(FieldError.of(FieldNames.NAME, FieldReason.REQUIRED).message().en()));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void unknownFieldIsShownByItsApiName() {
        FieldError e = FieldError.of("captcha", FieldReason.REQUIRED);
        assertTrue(e.message().en().contains("captcha"));
        assertTrue(e.message().zhTw().contains("captcha"));
        assertThrows(IllegalArgumentException.class, () -> FieldError.of(" ", FieldReason.REQUIRED));
    }

    @Test
    void exceptionListsEveryErrorAndMergesInOrder() {
        InvalidInputException a = InvalidInputException.of(FieldNames.NATIONAL_ID, FieldReason.BAD_CHECKSUM);
        InvalidInputException b = new InvalidInputException(List.of(
                FieldError.of(FieldNames.NAME, FieldReason.REQUIRED),
                FieldError.of(FieldNames.BIRTH_DATE, FieldReason.FUTURE_DATE)));
        InvalidInputException merged = InvalidInputException.merge(a, b);
        assertEquals(3, merged.errors().size());
        assertEquals(FieldNames.NATIONAL_ID, merged.errors().get(0).field());
        assertEquals(List.of(FieldError.of(FieldNames.BIRTH_DATE, FieldReason.FUTURE_DATE)),
                merged.errorsFor(FieldNames.BIRTH_DATE));
        assertTrue(merged.getMessage().startsWith("Invalid input (3 errors): nationalId (BAD_CHECKSUM): "));
        assertThrows(UnsupportedOperationException.class, () -> merged.errors().clear());
        assertThrows(IllegalArgumentException.class, () -> new InvalidInputException(List.of()));
        assertTrue(Exception.class.isAssignableFrom(InvalidInputException.class));
        assertFalse(RuntimeException.class.isAssignableFrom(InvalidInputException.class));
    }

    @Test
    void collectorGathersErrorsFromManyParses() {
        InvalidInputException.Collector errors = InvalidInputException.collector();
        assertTrue(errors.attempt(() -> NationalId.parse("T200000009")).isPresent());
        assertTrue(errors.isEmpty());
        assertTrue(errors.attempt(() -> NationalId.parse("T200000008")).isEmpty());
        assertTrue(errors.attempt(() -> MobileNumber.parse(null)).isEmpty());
        InvalidInputException e = assertThrows(InvalidInputException.class, errors::throwIfAny);
        assertTrue(e.has(FieldNames.NATIONAL_ID, FieldReason.BAD_CHECKSUM));
        assertTrue(e.has(FieldNames.MOBILE_NUMBER, FieldReason.REQUIRED));
        assertTrue(InvalidInputException.collector().toException().isEmpty());
    }
}
