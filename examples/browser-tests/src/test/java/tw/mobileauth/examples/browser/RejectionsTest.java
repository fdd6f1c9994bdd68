package tw.mobileauth.examples.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.enrollment.EnrollmentException;
import tw.mobileauth.enrollment.EnrollmentService;
import tw.mobileauth.examples.web.DemoPortal;

/**
 * What the demo portal refuses, in real Chromium, each case its own enrolment on one shared portal:
 * a phone on Wi-Fi, a prepaid line, an expired QR code, six wrong passwords (past the demo's lock-out
 * threshold: {@code #lockout}, worded the same for an ID nobody enrolled), and the carrier link
 * forwarded to a third browser. The expiry case moves the portal's clock, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RejectionsTest {

    /** Failed logins each browser makes: the {@link DemoPortal#LOCK_OUT_THRESHOLD 5th} locks, the 6th is refused as locked. */
    private static final int WRONG_LOGINS = 6;

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
    @Order(1)
    void phoneOnWifiIsToldToUseMobileData() {
        Subscriber person = site.subscriber("twm", Scenario.ELIGIBLE);
        try (Chromium desktop = Chromium.start(); Chromium phone = Steps.phone()) {
            steps.applyOnDesktop(desktop, person, false);
            Steps.phoneToNetwork(phone, desktop, false);
            Steps.network(phone, person, "WIFI");
            String[] shown = Steps.errorAndRemedy(phone);
            assertTrue(shown[0].contains("Wi-Fi"), "the reason names Wi-Fi: " + shown[0]);
            assertTrue(shown[1].contains("關閉 Wi-Fi") && shown[1].contains("行動數據"),
                    "the remedy says turn off Wi-Fi and use mobile data: " + shown[1]);
            assertTrue(phone.driver().findElements(By.id("result")).isEmpty(), "no success on the phone");
        }
    }

    @Test
    @Order(2)
    void prepaidLineIsRefusedWithItsReason() {
        Subscriber person = site.subscriber("cht", Scenario.PREPAID);
        try (Chromium desktop = Chromium.start(); Chromium phone = Steps.phone()) {
            steps.applyOnDesktop(desktop, person, false);
            Steps.phoneToNetwork(phone, desktop, false);
            Steps.network(phone, person, "G4");
            String[] shown = Steps.errorAndRemedy(phone);
            assertTrue(shown[0].contains("預付卡"), "the reason names the prepaid card: " + shown[0]);
            assertTrue(shown[1].contains("月租"), "the remedy points to a monthly plan: " + shown[1]);
            // The applying desktop learns it too, and is not bound.
            Steps.until(desktop, d -> d.findElement(By.id("enrolState")).getText().contains("預付卡"));
            assertFalse(desktop.driver().findElement(By.id("enrolled")).isDisplayed());
        }
    }

    @Test
    @Order(3)
    void sixWrongPasswordsLockTheBrowserAndAnUnknownIdReadsExactlyTheSame() {
        Subscriber person = site.subscriber("fet", Scenario.ELIGIBLE);
        Subscriber owner = site.subscriber("cht", Scenario.NAME_MIDDLE_DOT);
        Subscriber nobody = site.subscriber("twm", Scenario.NAME_VARIANT_CHARACTER); // never enrolled on this site
        try (Chromium desktop = Chromium.start(); Chromium other = Chromium.start()) {
            steps.enrol(desktop, person);
            steps.enrol(other, owner);

            String[] first = null;
            for (int i = 1; i <= WRONG_LOGINS; i++) {
                steps.login(desktop, person, Steps.PASSWORD + "-wrong" + i);
                String[] shown = Steps.errorAndRemedy(desktop);
                first = first == null ? shown : first;
                assertArrayEquals(first, shown, "every wrong password gets the same #error/#remedy (attempt " + i + ")");
                assertEquals(i >= DemoPortal.LOCK_OUT_THRESHOLD, !desktop.driver().findElements(By.id("lockout")).isEmpty(),
                        "#lockout from the threshold on, not before (attempt " + i + ")");
            }
            String lockout = desktop.waitFor("#lockout").getText();
            assertTrue(lockout.contains("暫時鎖定") && lockout.contains("稍候"), "says locked, wait: " + lockout);

            // Locked by the SDK: now even the right password is refused, with the very same words.
            steps.login(desktop, person, Steps.PASSWORD);
            assertArrayEquals(first, Steps.errorAndRemedy(desktop));
            assertEquals(lockout, desktop.waitFor("#lockout").getText());
            assertTrue(desktop.driver().getCurrentUrl().endsWith("/login"), "no login while locked");

            // Another bound browser types an ID nobody enrolled, six times: character for character the same.
            String[] unknown = null;
            for (int i = 1; i <= WRONG_LOGINS; i++) {
                steps.login(other, nobody, Steps.PASSWORD);
                unknown = Steps.errorAndRemedy(other);
            }
            assertArrayEquals(first, unknown, "an ID nobody enrolled: the same #error and #remedy");
            assertEquals(lockout, other.waitFor("#lockout").getText(), "an ID nobody enrolled: the same #lockout");
            String all = String.join(" ", unknown) + " " + lockout;
            assertFalse(all.contains(person.holderId()) || all.contains(nobody.holderId()), "no ID in the answer");
        }
    }

    @Test
    @Order(4)
    void carrierLinkForwardedToAThirdBrowserIsRefused() {
        Subscriber person = site.subscriber("cht", Scenario.ELIGIBLE);
        try (Chromium desktop = Chromium.start(); Chromium phone = Steps.phone(); Chromium third = Chromium.start()) {
            steps.applyOnDesktop(desktop, person, false);
            Steps.phoneToNetwork(phone, desktop, false);
            String carrierAuthorizeUrl = phone.driver().getCurrentUrl();
            assertFalse(carrierAuthorizeUrl.startsWith(site.url("/")), "the phone is at the carrier: " + carrierAuthorizeUrl);

            third.open(carrierAuthorizeUrl);
            Steps.network(third, person, "G4");
            String[] shown = Steps.errorAndRemedy(third);
            EnrollmentException.Reason wrongBrowser = EnrollmentException.Reason.CALLBACK_WRONG_BROWSER;
            assertEquals(wrongBrowser.message().zhTw(), shown[0], "refused as the wrong browser");
            assertEquals(wrongBrowser.remedy().zhTw(), shown[1]);
            assertTrue(third.driver().findElements(By.id("result")).isEmpty(), "no success in the third browser");

            Object state = desktop.runAsync("const done = arguments[arguments.length - 1];"
                    + "fetch('/api/enrol/status', {credentials: 'same-origin'}).then(r => r.json()).then(j => done(j.state));");
            assertNotEquals("COMPLETED", state, "no credential was issued");
            assertFalse(desktop.driver().findElement(By.id("enrolled")).isDisplayed(), "the desktop is not bound");
        }
    }

    @Test
    @Order(5)
    void expiredQrIsShownAndANewOneReplacesIt() {
        Subscriber person = site.subscriber("fet", Scenario.NAME_VARIANT_CHARACTER);
        try (Chromium desktop = Chromium.start(); Chromium phone = Steps.phone()) {
            steps.applyOnDesktop(desktop, person, false);
            String oldUrl = Steps.handoffUrl(desktop);
            assertFalse(desktop.driver().findElement(By.id("qrExpired")).isDisplayed());

            site.clock().advance(Duration.ofMinutes(EnrollmentService.DEFAULT_QR_MINUTES).plusSeconds(30));
            desktop.waitFor("#qrExpired");
            assertEquals("0:00", desktop.waitFor("#countdown").getText());

            desktop.waitFor("#regenerateQr").click();
            Steps.until(desktop, d -> !Steps.handoffUrl(desktop).equals(oldUrl));
            String newUrl = Steps.handoffUrl(desktop);
            assertFalse(desktop.driver().findElement(By.id("qrExpired")).isDisplayed());

            phone.open(oldUrl);
            assertFalse(Steps.errorAndRemedy(phone)[0].isBlank(), "the old QR code is refused");
            assertTrue(phone.driver().findElements(By.id("summary")).isEmpty());
            phone.open(newUrl);
            phone.waitFor("#summary");
            phone.waitFor("#applyingDevice");
        }
    }
}
