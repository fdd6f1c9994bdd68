package tw.mobileauth.examples.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium, driven by the system's ChromeDriver: its own chromedriver process,
 * its own browser process and its own profile directory, so a test can run several independent
 * browsers at once (a desktop and a phone, an attacker's browser) and can quit and restart the SAME
 * profile to prove what the browser kept (IndexedDB, cookies).
 *
 * <pre>{@code
 * try (Chromium desktop = Chromium.start()) {              // a fresh profile, deleted on close
 *     desktop.open(baseUrl + "/");
 *     desktop.waitFor("#national-id").sendKeys("A123456789");
 *     desktop.screenshot(Path.of("target/screenshots/form.png"));
 * }
 * }</pre>
 *
 * <p>When {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing the calling test is
 * <em>aborted</em> (skipped) with the command that installs them, unless system property
 * {@code mobileauth.requireBrowser=true} or environment variable {@code MOBILEAUTH_REQUIRE_BROWSER=true}
 * is set: then it fails, so a CI machine can never skip the browser tests silently.
 */
public final class Chromium implements AutoCloseable {

    /** The Debian Chromium binary. */
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    /** The Debian ChromeDriver matching {@link #BINARY}. */
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** How long {@link #waitFor(String)} and asynchronous scripts wait by default. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

    private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic", "--disable-dev-shm-usage", "--lang=zh-TW", "--window-size=1280,900");

    // The tests speak WebDriver only, never CDP, so Selenium's "no CDP implementation matching <version>"
    // warning for a Chromium newer than its devtools bindings is noise. Held here so the logger keeps its level.
    private static final Logger DEVTOOLS_LOG = quiet("org.openqa.selenium.devtools");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final boolean deleteProfile;

    private Chromium(ChromeDriverService service, ChromeDriver driver, Path profile, boolean deleteProfile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
        this.deleteProfile = deleteProfile;
    }

    /** Starts a browser on a fresh temporary profile, deleted again by {@link #close()}. */
    public static Chromium start() {
        requireBrowser();
        try {
            return launch(Files.createTempDirectory("mobileauth-chromium-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary Chromium profile directory", e);
        }
    }

    /**
     * Starts a browser on {@code userDataDir} (created if absent) and leaves it in place on
     * {@link #close()}, so a second {@code start(sameDir)} sees what the first one stored. Two
     * browsers must never use one directory at the same time.
     */
    public static Chromium start(Path userDataDir) {
        requireBrowser();
        try {
            return launch(Files.createDirectories(userDataDir), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Chromium profile directory " + userDataDir, e);
        }
    }

    /**
     * Aborts the calling test when Chromium or ChromeDriver is missing, or fails it when the browser is
     * required ({@code mobileauth.requireBrowser} / {@code MOBILEAUTH_REQUIRE_BROWSER}).
     */
    public static void requireBrowser() {
        require(BINARY, DRIVER, browserRequired());
    }

    static void require(Path binary, Path driver, boolean required) {
        String missing = !Files.isExecutable(binary) ? "Chromium not found at " + binary
                : !Files.isExecutable(driver) ? "ChromeDriver not found at " + driver : null;
        if (missing == null) {
            return;
        }
        String message = missing + ": apt-get install chromium chromium-driver";
        if (required) {
            throw new IllegalStateException(message + " (the browser is required here: "
                    + "mobileauth.requireBrowser / MOBILEAUTH_REQUIRE_BROWSER is true)");
        }
        Assumptions.abort(message);
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static boolean browserRequired() {
        return Boolean.getBoolean("mobileauth.requireBrowser")
                || "true".equalsIgnoreCase(String.valueOf(System.getenv("MOBILEAUTH_REQUIRE_BROWSER")).trim());
    }

    private static Chromium launch(Path profile, boolean deleteProfile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile.toAbsolutePath());
        // Accept-Language and navigator.languages say zh-TW, as for a person in Taiwan.
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-TW,zh,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(DEFAULT_WAIT);
            return new Chromium(service, driver, profile, deleteProfile);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    /** The WebDriver, for anything this class has no helper for. */
    public WebDriver driver() {
        return driver;
    }

    /** The profile directory ({@code --user-data-dir}) this browser runs on. */
    public Path profile() {
        return profile;
    }

    /** Navigates to {@code url} and waits for the page to load. */
    public void open(String url) {
        driver.get(url);
    }

    /** Waits up to {@link #DEFAULT_WAIT} for an element matching {@code css} to be visible, and returns it. */
    public WebElement waitFor(String css) {
        return waitFor(css, DEFAULT_WAIT);
    }

    /** Waits up to {@code timeout} for an element matching {@code css} to be visible, and returns it. */
    public WebElement waitFor(String css, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /**
     * Runs {@code script} as a WebDriver asynchronous script: it gets {@code args} as
     * {@code arguments[0…]} and must call {@code arguments[arguments.length - 1]} with its result.
     */
    public Object runAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Runs {@code script} synchronously in the page, with {@code args} as {@code arguments[0…]}. */
    public Object run(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Saves a PNG screenshot of the viewport to {@code png} (parent directories created) and returns it. */
    public Path screenshot(Path png) {
        byte[] image = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.write(png, image);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + png, e);
        }
    }

    /** Quits the browser (waiting for its process to end), stops its driver, and deletes a temporary profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            if (deleteProfile) {
                deleteQuietly(profile);
            }
        }
    }

    @Override
    public String toString() {
        return "Chromium[profile=" + profile + "]";
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete the temporary Chromium profile " + dir + ": " + e);
        }
    }
}
