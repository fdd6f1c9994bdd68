package tw.mobileauth.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import tw.mobileauth.i18n.LocalizedText;

/** Every user-facing eligibility text exists in zh-TW and English, from the UTF-8 bundles. */
class LocalisationTest {

    @ParameterizedTest
    @EnumSource(ReasonCode.class)
    void everyReasonHasAMessageAndARemedyInBothLanguages(ReasonCode code) {
        assertBilingual(code.message(), code + " message");
        assertBilingual(code.remedy(), code + " remedy");
        assertNotEquals(code.message(), code.remedy(), code + ": the remedy must say what to do, not repeat the message");
    }

    @ParameterizedTest
    @EnumSource(FactName.class)
    void everyFactHasALabelInBothLanguages(FactName fact) {
        assertBilingual(fact.label(), fact + " label");
    }

    @Test
    void reasonMessagesAreDistinct() {
        long distinct = java.util.Arrays.stream(ReasonCode.values()).map(ReasonCode::message).distinct().count();
        assertEquals(ReasonCode.values().length, distinct);
    }

    @Test
    void theWifiRemedyIsTheOneInTheDesign() {
        assertEquals(new LocalizedText("請關閉 Wi-Fi，改用 4G/5G 行動數據後再試一次",
                "Turn off Wi-Fi and try again over 4G/5G mobile data"), ReasonCode.NETWORK_WIFI.remedy());
        assertEquals("Turn off Wi-Fi and try again over 4G/5G mobile data",
                ReasonCode.NETWORK_WIFI.remedy().in(Locale.ENGLISH));
    }

    @Test
    void bothBundlesHaveTheSameKeysAndAreReadAsUtf8() throws IOException {
        Properties zh = load("Messages_zh_TW.properties");
        Properties en = load("Messages_en.properties");

        assertEquals(zh.stringPropertyNames(), en.stringPropertyNames());
        assertEquals("限本國自然人使用", zh.getProperty("rule.citizen-only.whoCan"));
        assertEquals(zh.getProperty("reason.ROAMING.remedy"), ReasonCode.ROAMING.remedy().zhTw());
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LocalisationTest.class.getResourceAsStream(name);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** zh-TW has Han characters; English has none (so neither language silently fell back to the other). */
    private static void assertBilingual(LocalizedText text, String what) {
        assertFalse(text.zhTw().isBlank(), what + " zh-TW");
        assertFalse(text.en().isBlank(), what + " English");
        assertTrue(hasHan(text.zhTw()), what + " zh-TW is not Chinese: " + text.zhTw());
        assertFalse(hasHan(text.en()), what + " English contains Chinese: " + text.en());
    }

    private static boolean hasHan(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }
}
