package tw.mobileauth.examples.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;

/**
 * The whole BLI journey in real Chromium: a desktop applies, a phone verifies on the simulated
 * network, the desktop logs in with the four fields, and after a browser restart on the same profile
 * it still logs in with the key kept in IndexedDB, until it revokes itself. Writes the README's
 * screenshots to {@code docs/screenshots}.
 */
class JourneyTest {

    private static DemoSite site;
    private static Steps steps;

    @BeforeAll
    static void startSite() {
        site = DemoSite.start();
        steps = new Steps(site);
    }

    @AfterAll
    static void stopSite() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void applyVerifyLoginRestartAndRevoke(@TempDir Path profile) throws Exception {
        Subscriber person = site.subscriber("cht", Scenario.ELIGIBLE);
        try (Chromium desktop = Chromium.start(profile)) {
            desktop.open(site.url("/"));
            List<WebElement> fixtures = desktop.driver().findElements(By.cssSelector("#fixtures tr.fixture"));
            assertEquals(site.networks().subscribers().size(), fixtures.size(), "the front page lists every fixture");
            assertTrue(desktop.waitFor("#fixtures").getText().contains(person.holderId()));
            Steps.shot(desktop, "01-front");
            desktop.waitFor("#method-mobile #apply").click();
            steps.applyOnDesktop(desktop, person, true);
            Steps.shot(desktop, "04-qr");
            String countdown = desktop.waitFor("#countdown").getText();
            assertTrue(countdown.matches("[0-5]:\\d{2}"), "a live countdown, was " + countdown);

            try (Chromium phone = Steps.phone()) {
                Steps.phoneToNetwork(phone, desktop, true);
                Steps.shot(phone, "06-network");
                Steps.network(phone, person, "G4");
                assertFalse(phone.waitFor("#result").getText().isBlank());
                Steps.shot(phone, "07-phone-success");
            }

            desktop.waitFor("#enrolled");
            desktop.waitFor("#enrolled a[href='/login']").click();
            steps.login(desktop, person, Steps.PASSWORD);
            Steps.acceptNotice(desktop, true);
            assertEquals("QUERY_ONLY", desktop.waitFor("#assurance").getText());
            assertFalse(desktop.waitFor("#clientIp").getText().isBlank());
            String loginTime = desktop.waitFor("#loginTime").getText();
            assertTrue(loginTime.matches("^\\d{2,3}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}$"), "ROC login time, was " + loginTime);
            Steps.shot(desktop, "09-account");
            desktop.waitFor("#logout").click();
            desktop.waitFor("#method-mobile");
        }

        try (Chromium desktop = Chromium.start(profile)) {
            steps.login(desktop, person, Steps.PASSWORD);
            // The notice version in force was acknowledged at the first login: straight to the account page.
            assertEquals("QUERY_ONLY", desktop.waitFor("#assurance").getText());
            desktop.waitFor("#browsers").click();
            WebElement current = desktop.waitFor(".credential[data-current='true']");
            assertEquals(1, desktop.driver().findElements(By.cssSelector(".credential")).size());
            Steps.shot(desktop, "10-browsers");
            current.findElement(By.cssSelector(".revoke")).click();
            desktop.waitFor("body");
            steps.login(desktop, person, Steps.PASSWORD);
            assertFalse(desktop.waitFor("#error").getText().isBlank(), "a revoked browser cannot log in");
            assertFalse(desktop.waitFor("#remedy").getText().isBlank());
            assertTrue(desktop.driver().getCurrentUrl().endsWith("/login"));

            desktop.open(site.url("/help"));
            assertFalse(desktop.waitFor("#helpText").getText().isBlank());
            Steps.shot(desktop, "11-help");
        }
        assertTrue(Files.size(Steps.SCREENSHOTS.resolve("01-front.png")) > 1000);
    }
}
