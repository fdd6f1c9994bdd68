package tw.mobileauth.examples.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A machine without Chromium skips the browser tests, unless the browser is required (CI): then they fail. */
class ChromiumTest {

    private static final Path NOWHERE = Path.of("/nonexistent/mobileauth/chromium");

    @Test
    void aMissingBrowserSkipsWithTheInstallCommand() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> Chromium.require(NOWHERE, Chromium.DRIVER, false));
        assertTrue(skipped.getMessage().contains("Chromium not found at " + NOWHERE
                + ": apt-get install chromium chromium-driver"), skipped.getMessage());
    }

    @Test
    void aMissingDriverIsNamedToo() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> Chromium.require(Path.of("/bin/sh"), NOWHERE, false));
        assertTrue(skipped.getMessage().startsWith("ChromeDriver not found at " + NOWHERE), skipped.getMessage());
    }

    @Test
    void aMissingBrowserFailsWhenTheBrowserIsRequired() {
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> Chromium.require(NOWHERE, Chromium.DRIVER, true));
        assertTrue(failed.getMessage().contains("MOBILEAUTH_REQUIRE_BROWSER"), failed.getMessage());
    }

    @Test
    void anInstalledBrowserPassesEitherWay() {
        Chromium.requireBrowser(); // skips this test on a machine without Chromium, like every browser test
        Chromium.require(Chromium.BINARY, Chromium.DRIVER, true);
        assertEquals(Path.of("/usr/bin/chromium"), Chromium.BINARY);
    }
}
