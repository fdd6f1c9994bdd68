package tw.mobileauth.examples.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.examples.web.DemoNetworks;

/**
 * The steps of the BLI journey as a person does them in the demo portal, shared by the browser
 * tests: the desktop applies up to the QR page, the phone goes from the handoff link to the
 * simulated network page, either one logs in with the four fields.
 */
final class Steps {

    /** The password every test person chooses. */
    static final String PASSWORD = "Kiwi-Lantern-8462!";

    /**
     * Where the named steps' screenshots go: {@code target/screenshots}, or with
     * {@code -Dmobileauth.updateScreenshots=true} the README's {@code docs/screenshots} at the repository
     * root (opt-in, so an ordinary test run leaves the committed PNGs alone).
     */
    static final Path SCREENSHOTS = Path.of("").toAbsolutePath()
            .resolve(Boolean.getBoolean("mobileauth.updateScreenshots") ? "../../docs/screenshots" : "target/screenshots")
            .normalize();

    /** A browser the size of a phone (412×915 CSS pixels), for the phone's side of the journey. */
    static Chromium phone() {
        Chromium phone = Chromium.start();
        phone.driver().manage().window().setSize(new Dimension(412, 915));
        return phone;
    }

    private final DemoSite site;

    Steps(DemoSite site) {
        this.site = site;
    }

    /** Optionally saves {@code browser}'s viewport as {@code docs/screenshots/<name>.png}. */
    static void shot(Chromium browser, String name) {
        if (name != null) {
            browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
        }
    }

    /**
     * Waits for {@code condition}; on time-out says where the browser was and what it showed. An element
     * the page's script replaced while the condition read it (stale) means "not yet", not a failure.
     */
    static <T> T until(Chromium browser, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser.driver(), Chromium.DEFAULT_WAIT)
                    .ignoring(StaleElementReferenceException.class).until(condition::apply);
        } catch (TimeoutException e) {
            String text = String.valueOf(browser.run("return document.body ? document.body.innerText : ''"));
            throw new AssertionError("timed out at " + browser.driver().getCurrentUrl() + " showing: "
                    + text.substring(0, Math.min(600, text.length())), e);
        }
    }

    static String local(Subscriber s) {
        return "0" + s.msisdn().e164().substring(4);
    }

    /** Desktop: ID check and form (step 2, 3); returns at the QR page (step 4). */
    void applyOnDesktop(Chromium desktop, Subscriber s, boolean screenshots) {
        desktop.open(site.url("/enrol"));
        desktop.waitFor("#nationalId").sendKeys(s.holderId());
        shot(desktop, screenshots ? "02-id-check" : null);
        desktop.waitFor("#verify").click();
        fillForm(desktop, s);
        shot(desktop, screenshots ? "03-form" : null);
        desktop.waitFor("#submit").click();
        desktop.waitFor("#qrCode");
        desktop.waitFor("#countdown");
        assertTrue(desktop.waitFor("#qrCode svg").isDisplayed(), "the QR code is an SVG");
    }

    void fillForm(Chromium desktop, Subscriber s) {
        desktop.waitFor("#mobileNumber");
        new Select(desktop.driver().findElement(By.id("carrierId"))).selectByValue(s.carrierId());
        desktop.waitFor("#mobileNumber").sendKeys(local(s));
        desktop.waitFor("#nhiCardNumber").sendKeys(DemoNetworks.nhiCardFor(s));
        desktop.waitFor("#birthDate").sendKeys(s.birthDate().toString());
        desktop.waitFor("#name").sendKeys(s.name());
        desktop.waitFor("#password").sendKeys(PASSWORD);
        desktop.waitFor("#passwordConfirmation").sendKeys(PASSWORD);
        String captchaId = desktop.driver().findElement(By.id("captchaId")).getAttribute("value");
        desktop.waitFor("#captchaAnswer").sendKeys(site.captcha().answerFor(captchaId)
                .orElseThrow(() -> new AssertionError("the page shows a captcha the service never issued")));
    }

    /** The handoff link the QR page shows (the QR's own URL). */
    static String handoffUrl(Chromium desktop) {
        return desktop.waitFor("#handoffUrl").getAttribute("href");
    }

    /** The pairing code the desktop shows once a phone has claimed the QR code (six digits). */
    static String pairingCode(Chromium desktop) {
        return until(desktop, d -> {
            String code = d.findElement(By.id("pairingCode")).getText();
            return code.matches("\\d{6}") ? code : null;
        });
    }

    /**
     * Phone: opens the handoff link (the desktop then shows the pairing code), types the code, consents,
     * and lands on the simulated network page.
     */
    static void phoneToNetwork(Chromium phone, Chromium desktop, boolean screenshots) {
        phone.open(handoffUrl(desktop));
        phone.waitFor("#summary");
        phone.waitFor("#applyingDevice");
        assertFalse(phone.waitFor("#warning").getText().isBlank(), "the phone page warns the person");
        shot(phone, screenshots ? "05-phone" : null);
        phone.waitFor("#phonePairingCode").sendKeys(pairingCode(desktop));
        phone.waitFor("#consent").click();
        phone.waitFor("#startVerification").click();
        phone.waitFor("input[name=access][value=G4]");
    }

    /** Phone on the simulated network page: keeps (or types) the number, picks {@code access}, continues. */
    static void network(Chromium phone, Subscriber s, String access) {
        WebElement number = phone.waitFor("input[name=number]");
        if (number.getAttribute("value").isBlank()) {
            number.sendKeys(local(s));
        }
        phone.driver().findElement(By.cssSelector("input[name=access][value=" + access + "]")).click();
        phone.driver().findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** The whole enrolment of {@code s}: desktop applies, a fresh phone verifies on 4G, the desktop is bound. */
    void enrol(Chromium desktop, Subscriber s) {
        applyOnDesktop(desktop, s, false);
        try (Chromium phone = phone()) {
            phoneToNetwork(phone, desktop, false);
            network(phone, s, "G4");
            phone.waitFor("#result");
        }
        desktop.waitFor("#enrolled");
    }

    /** The {@code #error} and {@code #remedy} texts of the page {@code browser} shows. */
    static String[] errorAndRemedy(Chromium browser) {
        return new String[] {browser.waitFor("#error").getText(), browser.waitFor("#remedy").getText()};
    }

    /** Fills the login form with the four fields and presses 登入. */
    void login(Chromium browser, Subscriber s, String password) {
        browser.open(site.url("/login"));
        browser.waitFor("#nationalId").sendKeys(s.holderId());
        browser.waitFor("#birthDate").sendKeys(s.birthDate().toString());
        browser.waitFor("#name").sendKeys(s.name());
        browser.waitFor("#password").sendKeys(password);
        browser.waitFor("#loginButton").click();
    }

    /** After a good login: the notice page; scrolls it to the end and accepts; returns at /account. */
    static void acceptNotice(Chromium browser, boolean screenshots) {
        until(browser, d -> !d.findElements(By.id("accept")).isEmpty() || !d.findElements(By.id("error")).isEmpty());
        if (!browser.driver().findElements(By.id("error")).isEmpty()) {
            throw new AssertionError("login refused: " + browser.waitFor("#error").getText() + " / "
                    + browser.driver().findElement(By.id("remedy")).getText());
        }
        WebElement accept = browser.waitFor("#accept");
        assertFalse(accept.isEnabled(), "#accept is disabled until the notice is read to the end");
        shot(browser, screenshots ? "08-notice" : null);
        browser.run("const t = document.getElementById('noticeText'); t.scrollTop = t.scrollHeight;");
        new WebDriverWait(browser.driver(), Chromium.DEFAULT_WAIT).until(ExpectedConditions.elementToBeClickable(By.id("accept")));
        accept.click();
        browser.waitFor("#assurance");
    }
}
