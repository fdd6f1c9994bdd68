package tw.mobileauth.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
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
}
