package tw.mobileauth.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.i18n.LocalizedText;
import tw.mobileauth.login.AssuranceLevel;

/** The small helpers every page relies on. */
class PageHelpersTest {

    @Test
    void rocTimeIsTaipeiLocalWithTheMinguoYear() {
        assertEquals("115/12/06 10:15:00", Roc.dateTime(Instant.parse("2026-12-06T02:15:00Z")));
    }

    @Test
    void escapingNeutralisesMarkupInTextAndAttributes() {
        assertEquals("&lt;script&gt;&quot;x&quot;&amp;&#39;", Html.esc("<script>\"x\"&'"));
        assertEquals("", Html.esc(null));
    }

    @Test
    void csrfTokensCompareExactly() {
        assertTrue(Csrf.matches("abc", "abc"));
        assertFalse(Csrf.matches("abc", "abd"));
        assertFalse(Csrf.matches("abc", ""));
        assertFalse(Csrf.matches("abc", null));
    }

    @Test
    void queryOnlyAllowsOnlyTheDesignatedFeature() {
        assertTrue(AccountPages.allowed(AssuranceLevel.QUERY_ONLY, "covid"));
        assertFalse(AccountPages.allowed(AssuranceLevel.QUERY_ONLY, "other"));
        assertFalse(AccountPages.allowed(AssuranceLevel.QUERY_ONLY, ""));
    }

    @Test
    void everyDeviceClassHasItsOwnNameInBothLanguagesNeverTheConstant() {
        assertEquals(new LocalizedText("桌上型電腦", "desktop"), DeviceNames.of(DeviceClass.DESKTOP));
        assertEquals("平板電腦(有SIM卡)", DeviceNames.of(DeviceClass.TABLET_WITH_SIM).zhTw());
        Set<String> seen = new HashSet<>();
        for (DeviceClass c : DeviceClass.values()) {
            LocalizedText name = DeviceNames.of(c);
            assertTrue(seen.add(name.zhTw()) && seen.add(name.en()), "a name of its own: " + c);
            assertFalse(name.en().contains(c.name()) || name.zhTw().contains(c.name()), c.name());
        }
    }
}
