package tw.mobileauth.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code mobileauth.portal.origin}: the origin browsers sign, never a guess. */
class PortalUrlsConfigurationTest {

    private final MobileAuthConfiguration configuration = new MobileAuthConfiguration();

    @Test
    void theOriginGivesTheHandoffAndCallbackUrls() {
        var urls = configuration.portalUrls(properties("https://portal.example.tw/"));
        assertEquals("https://portal.example.tw/mobile/h", urls.handoff().toString());
        assertEquals("https://portal.example.tw/mobile/callback", urls.carrierCallback().toString());
    }

    @Test
    void aRandomPortWithoutAnExplicitOriginIsRefusedWithTheFix() {
        var e = assertThrows(IllegalStateException.class, () -> configuration.portalUrls(properties("http://localhost:0")));
        assertTrue(e.getMessage().contains("mobileauth.portal.origin"), e.getMessage());
        var missing = assertThrows(IllegalStateException.class, () -> configuration.portalUrls(properties(" ")));
        assertTrue(missing.getMessage().contains("mobileauth.portal.origin"), missing.getMessage());
    }

    private static MobileAuthProperties properties(String origin) {
        return new MobileAuthProperties(new MobileAuthProperties.Portal(origin, "test CA"));
    }
}
