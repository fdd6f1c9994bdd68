package tw.mobileauth.examples.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.examples.web.DemoPortal;
import tw.mobileauth.testing.TestCaptcha;

/**
 * The login lock-out over HTTP: the SDK locks the signing browser's credential at the demo's threshold,
 * and the login answer adds the lock-out notice ({@code error.lockout}) from the same count on, word for
 * word the same whether the typed ID belongs to someone enrolled or to no one.
 */
class LoginLockOutTest {

    private static final String PASSWORD = "Kiwi-Lantern-8462!";
    private static final String LOCK_OUT_ZH =
            "連續登入失敗次數過多，此瀏覽器的行動電話認證已暫時鎖定，請稍候幾分鐘再試。若忘記憑證密碼，請重新申請。";

    @TempDir
    Path dataDir;

    private final TestCaptcha captcha = new TestCaptcha();
    private final SecureRandom random = new SecureRandom();

    @Test
    void fromTheThresholdOnTheBrowserIsLockedAndTheNoticeIsTheSameWhateverIdWasTyped() throws Exception {
        MutableClock clock = MutableClock.ticking();
        try (PortalJdk portal = PortalJdk.start(PortalJdk.Config.of(0, dataDir).withCaptcha(captcha).withClock(clock))) {
            Subscriber person = portal.networks().networks().subscribers().find("cht", Scenario.ELIGIBLE);
            DeviceKey key = DeviceKey.generate(random);
            String credentialId = PortalJdkTest.enrol(portal, captcha, new Browser(portal.uri()), person, key);

            Browser b = new Browser(portal.uri());
            JsonNode first = null;
            for (int i = 1; i < DemoPortal.LOCK_OUT_THRESHOLD; i++) {
                JsonNode error = PortalJdkTest.login(b, person, key, credentialId, "Wrong-" + i).path("error");
                assertEquals("LOGIN_FAILED", error.path("code").asText());
                assertTrue(error.path("lockout").isMissingNode(), "no lock-out notice below the threshold (attempt " + i + ")");
                first = first == null ? error : first;
                assertEquals(first, error, "every wrong password gets the same answer");
            }
            JsonNode locked = PortalJdkTest.login(b, person, key, credentialId, "Wrong-last").path("error");
            assertEquals(LOCK_OUT_ZH, locked.path("lockout").asText(), "the threshold-th failure shows the notice");
            assertEquals(first.path("reason"), locked.path("reason"));
            assertEquals(first.path("remedy"), locked.path("remedy"));

            JsonNode right = PortalJdkTest.login(b, person, key, credentialId, PASSWORD).path("error");
            assertEquals(locked, right, "the SDK locked the credential: even the right password is refused, same words");
            JsonNode otherSession = PortalJdkTest.login(new Browser(portal.uri()), person, key, credentialId, PASSWORD);
            assertEquals("LOGIN_FAILED", otherSession.path("error").path("code").asText(),
                    "the lock is the credential's, not the session's: new cookies do not lift it");

            // Another enrolled browser types an ID nobody enrolled: the very same answer, notice included.
            Subscriber owner = portal.networks().networks().subscribers().find("fet", Scenario.ELIGIBLE);
            Subscriber nobody = portal.networks().networks().subscribers().find("twm", Scenario.NAME_VARIANT_CHARACTER);
            DeviceKey otherKey = DeviceKey.generate(random);
            String otherCredential = PortalJdkTest.enrol(portal, captcha, new Browser(portal.uri()), owner, otherKey);
            Browser c = new Browser(portal.uri());
            JsonNode unknown = null;
            for (int i = 1; i <= DemoPortal.LOCK_OUT_THRESHOLD + 1; i++) {
                unknown = PortalJdkTest.login(c, nobody, otherKey, otherCredential, PASSWORD).path("error");
            }
            assertEquals(locked, unknown, "an ID nobody enrolled reads exactly like a known one");
            assertFalse(unknown.toString().contains(nobody.holderId()) || locked.toString().contains(person.holderId()));

            JsonNode english = null;
            for (int i = 1; i <= DemoPortal.LOCK_OUT_THRESHOLD; i++) {
                english = PortalJdkTest.login(new Browser(portal.uri()), nobody, otherKey, otherCredential, PASSWORD, "en")
                        .path("error");
                assertTrue(english.path("lockout").isMissingNode(), "the count is per session: a new one starts at 0");
            }
            Browser d = new Browser(portal.uri());
            for (int i = 1; i <= DemoPortal.LOCK_OUT_THRESHOLD; i++) {
                english = PortalJdkTest.login(d, nobody, otherKey, otherCredential, PASSWORD, "en").path("error");
            }
            assertTrue(english.path("lockout").asText().startsWith("Too many failed logins in a row: this browser's mobile"),
                    english.toString());

            // When the lock expires the right password works, and the next session's count starts again.
            clock.advance(Duration.ofMinutes(3));
            assertEquals("/notice", PortalJdkTest.login(b, person, key, credentialId, PASSWORD).path("next").asText(),
                    "the lock was temporary");
            JsonNode again = PortalJdkTest.login(b, person, key, credentialId, "Wrong-again").path("error");
            assertEquals("LOGIN_FAILED", again.path("code").asText());
            assertTrue(again.path("lockout").isMissingNode(), "a login ends the failure streak: " + again);
        }
    }
}
