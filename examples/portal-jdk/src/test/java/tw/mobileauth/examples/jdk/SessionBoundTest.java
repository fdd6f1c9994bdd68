package tw.mobileauth.examples.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.testing.TestCaptcha;

/**
 * A flood of cookie-less requests cannot fill the portal's heap with sessions: past the bound a new
 * browser is answered 503 "busy" in both languages (a page, or JSON on the API), while the browsers
 * that hold a session go on, and a login still gets its fresh session id in place of the old one.
 */
class SessionBoundTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void pastTheBoundANewBrowserIsToldTheSiteIsBusyAndTheOthersGoOn() throws Exception {
        TestCaptcha captcha = new TestCaptcha();
        DeviceKey key = DeviceKey.generate(new SecureRandom());
        try (PortalJdk portal = PortalJdk.start(PortalJdk.Config.of(0, dataDir).withCaptcha(captcha).withMaxWebSessions(4))) {
            Subscriber person = portal.networks().networks().subscribers().find("cht", Scenario.ELIGIBLE);
            Browser desktop = new Browser(portal.uri());
            // three sessions: the desktop, the phone, and the browser that tries the stolen callback
            String credentialId = PortalJdkTest.enrol(portal, captcha, desktop, person, key);
            Browser fourth = new Browser(portal.uri());
            JsonNode loggedIn = PortalJdkTest.login(fourth, person, key, credentialId, "Kiwi-Lantern-8462!");
            assertEquals("/notice", loggedIn.path("next").asText(), "a login at the bound still rotates its session");

            HttpResponse<String> page = new Browser(portal.uri()).get("/");
            assertEquals(503, page.statusCode());
            assertTrue(page.body().contains("目前使用人數過多"), page.body());
            assertFalse(page.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("mobileauth_session=")),
                    "no session cookie for a session that is not held");
            HttpResponse<String> english = new Browser(portal.uri()).get("/?lang=en");
            assertEquals(503, english.statusCode());
            assertTrue(english.body().contains("Too many people are using the portal"), english.body());
            HttpResponse<String> api = new Browser(portal.uri()).json("/api/login/challenge", "{}", null);
            assertEquals(503, api.statusCode());
            assertEquals("BUSY", JSON.readTree(api.body()).path("error").path("code").asText());

            assertEquals(200, desktop.get("/").statusCode(), "a browser holding a session goes on");
            assertEquals(200, fourth.get("/notice").statusCode(), "so does the one that just logged in");
        }
    }

    @Test
    void aBoundBelowOneIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PortalJdk.Config.of(0, dataDir).withMaxWebSessions(0));
        assertTrue(e.getMessage().contains("maxWebSessions"), e.getMessage());
    }
}
