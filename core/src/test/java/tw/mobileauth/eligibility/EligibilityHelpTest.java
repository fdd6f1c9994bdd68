package tw.mobileauth.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tw.mobileauth.i18n.LocalizedText;

/** The help page is generated from the rules in force and reproduces the BLI manual's wording. */
class EligibilityHelpTest {

    private static final EligibilityHelp STANDARD = EligibilityPolicy.standard().help();

    /** The BLI manual's "哪些人適合使用行動電話認證？" list, verbatim. */
    private static final List<String> MANUAL_WHO_CAN = List.of(
            "限本國自然人使用", "限月租型門號", "需使用 4G/5G 網路連線", "需使用智慧型手機", "支援中華電信、台灣大哥大、遠傳電信");

    /** The BLI manual's "哪些人不適合使用行動電話認證？" list, verbatim. */
    private static final List<String> MANUAL_WHO_CANNOT = List.of(
            "Wifi、漫遊連線", "親子卡、預付卡", "外國人(含大陸人)", "企業戶", "虛擬行動網路業者(MVNO)");

    @Test
    void standardHelpHasTheManualsTitlesAndListsVerbatimAndInOrder() {
        assertEquals("哪些人適合使用行動電話認證？", STANDARD.whoCan().title().zhTw());
        assertEquals("哪些人不適合使用行動電話認證？", STANDARD.whoCannot().title().zhTw());
        assertEquals(MANUAL_WHO_CAN, zh(STANDARD.whoCan().lines()));
        assertEquals(MANUAL_WHO_CANNOT, zh(STANDARD.whoCannot().lines()).subList(0, MANUAL_WHO_CANNOT.size()));
    }

    @Test
    void standardHelpAlsoExcludesFamilySubLines() {
        assertTrue(zh(STANDARD.whoCannot().lines()).stream().anyMatch(line -> line.contains("家庭方案副卡")));
        assertTrue(en(STANDARD.whoCannot().lines()).stream().anyMatch(line -> line.contains("Family-plan sub-lines")));
    }

    @Test
    void renderedZhTwTextContainsEverySeedCondition() {
        String text = STANDARD.render(Locale.TAIWAN);

        for (String seed : MANUAL_WHO_CAN) {
            assertTrue(text.contains(seed), seed);
        }
        for (String seed : MANUAL_WHO_CANNOT) {
            assertTrue(text.contains(seed), seed);
        }
        assertTrue(text.startsWith("哪些人適合使用行動電話認證？\n1. 限本國自然人使用\n"), text);
        assertTrue(text.contains("\n\n哪些人不適合使用行動電話認證？\n1. Wifi、漫遊連線\n"), text);
    }

    @Test
    void renderedEnglishTextContainsTheEnglishEquivalents() {
        String text = STANDARD.render(Locale.ENGLISH);

        for (String seed : List.of("Who can use mobile phone authentication?",
                "Taiwan nationals (natural persons) only",
                "Monthly-plan (postpaid) numbers only",
                "A 4G/5G mobile network connection is required",
                "A smartphone is required",
                "Supported carriers: Chunghwa Telecom, Taiwan Mobile, FarEasTone",
                "Who cannot use mobile phone authentication?",
                "Wi-Fi or roaming connections",
                "Parent-child and prepaid SIM cards",
                "Foreigners (including mainland Chinese)",
                "Enterprise (company) accounts",
                "Mobile virtual network operator (MVNO) lines",
                "Family-plan sub-lines")) {
            assertTrue(text.contains(seed), seed);
        }
        assertFalse(text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN),
                "English help must not fall back to Chinese: " + text);
    }

    @Test
    void removingAnyStandardRuleRemovesItsHelpLines() {
        for (EligibilityRule rule : EligibilityPolicy.standard().rules()) {
            EligibilityHelp help = EligibilityPolicy.standard().toBuilder().remove(rule.id()).build().help();
            String zh = help.render(Locale.TAIWAN);
            String en = help.render(Locale.ENGLISH);
            RuleDescription description = rule.description();

            for (LocalizedText line : concat(description.whoCan(), description.whoCannot())) {
                assertFalse(zh.contains(line.zhTw()), rule.id() + " left \"" + line.zhTw() + "\" in\n" + zh);
                assertFalse(en.contains(line.en()), rule.id() + " left \"" + line.en() + "\" in\n" + en);
            }
            assertNotEquals(STANDARD, help, rule.id());
        }
    }

    @Test
    void removingOneHalfOfAJoinedLineLeavesTheOtherHalf() {
        EligibilityHelp noWifiRule = EligibilityPolicy.standard().toBuilder().remove("not-wifi").build().help();
        EligibilityHelp noPostpaidRule = EligibilityPolicy.standard().toBuilder().remove("postpaid").build().help();

        assertEquals("漫遊連線", noWifiRule.whoCannot().lines().get(0).zhTw());
        assertEquals("Roaming connections", noWifiRule.whoCannot().lines().get(0).en());
        assertFalse(noWifiRule.render(Locale.TAIWAN).contains("Wifi"));
        assertTrue(zh(noPostpaidRule.whoCannot().lines()).contains("親子卡"));
        assertFalse(noPostpaidRule.render(Locale.TAIWAN).contains("預付卡"));
        assertFalse(noPostpaidRule.render(Locale.TAIWAN).contains("限月租型門號"));
    }

    @Test
    void allowingResidentsDropsTheForeignerExclusion() {
        EligibilityHelp help = EligibilityPolicy.standard().toBuilder().allowResidents().build().help();

        assertFalse(help.render(Locale.TAIWAN).contains("外國人(含大陸人)\n"));
        assertFalse(help.render(Locale.TAIWAN).contains("限本國自然人使用"));
        assertEquals("本國自然人及持有統一證號之外國人(含大陸人)皆可使用", help.whoCan().lines().get(0).zhTw());
    }

    @Test
    void addedRulesAddTheirLinesAfterTheManualsOwn() {
        EligibilityHelp help = EligibilityPolicy.standard().toBuilder()
                .add(EligibilityRules.noSimChangeWithin(Duration.ofHours(72))).build().help();

        List<String> cannot = zh(help.whoCannot().lines());
        assertEquals("最近 72 小時內更換過 SIM 卡的門號", cannot.get(cannot.size() - 1));
        assertEquals(lineCount(STANDARD) + 1, lineCount(help));
        assertFalse(STANDARD.render(Locale.TAIWAN).contains("SIM 卡的門號"));
    }

    @Test
    void anEmptyListIsLeftOutOfTheRenderedText() {
        EligibilityHelp help = EligibilityPolicy.builder().add(EligibilityRules.personalHolder()).build().help();

        assertEquals("哪些人不適合使用行動電話認證？\n1. 企業戶\n", help.render(Locale.TAIWAN));
        assertEquals("Who cannot use mobile phone authentication?\n1. Enterprise (company) accounts\n",
                help.render(Locale.ENGLISH));
    }

    private static int lineCount(EligibilityHelp help) {
        return help.whoCan().lines().size() + help.whoCannot().lines().size();
    }

    private static List<LocalizedText> concat(List<LocalizedText> a, List<LocalizedText> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static List<String> zh(List<LocalizedText> lines) {
        return lines.stream().map(LocalizedText::zhTw).toList();
    }

    private static List<String> en(List<LocalizedText> lines) {
        return lines.stream().map(LocalizedText::en).toList();
    }
}
