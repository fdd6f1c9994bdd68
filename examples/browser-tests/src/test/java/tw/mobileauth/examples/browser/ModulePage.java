package tw.mobileauth.examples.browser;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

/**
 * A page in a {@link Chromium} that imports the shipped {@code mobileauth.js} and runs a piece of
 * async JavaScript with it. The body sees {@code m} (the module), {@code args} (the Java arguments)
 * and the helpers {@code hex(bytes)} and {@code fromHex(text)}; what it returns comes back to Java.
 */
final class ModulePage {

    private static final String CALL = """
            const done = arguments[arguments.length - 1];
            const args = Array.prototype.slice.call(arguments, 1, arguments.length - 1);
            const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
            const fromHex = (text) => Uint8Array.from(text.match(/../g) || [], (h) => parseInt(h, 16));
            import(arguments[0]).then(async (m) => { BODY })
              .then((value) => done({value: value === undefined ? null : value}),
                    (e) => done({error: {name: String(e && e.name), message: String(e && e.message),
                                          code: e && e.code !== undefined ? String(e.code) : null}}));
            """;

    private final Chromium browser;
    private final String moduleUrl;

    private ModulePage(Chromium browser, String moduleUrl) {
        this.browser = browser;
        this.moduleUrl = moduleUrl;
    }

    /** Opens the site's page in {@code browser} and waits until it shows. */
    static ModulePage open(Chromium browser, KnownAnswerSite site) {
        browser.open(site.origin() + "/");
        browser.waitFor("#ready");
        return new ModulePage(browser, site.moduleUrl());
    }

    /** Runs {@code body}; returns its value, or fails the test with the JavaScript error. */
    Object call(String body, Object... args) {
        Map<String, Object> outcome = run(body, args);
        if (outcome.containsKey("error")) {
            fail("JavaScript failed: " + outcome.get("error"));
        }
        return outcome.get("value");
    }

    /** Runs {@code body}, which must reject; returns the error's {@code name}, {@code code} and {@code message}. */
    @SuppressWarnings("unchecked")
    Map<String, String> failure(String body, Object... args) {
        Map<String, Object> outcome = run(body, args);
        if (!outcome.containsKey("error")) {
            fail("JavaScript should have failed but returned " + outcome.get("value"));
        }
        return (Map<String, String>) outcome.get("error");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> run(String body, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = moduleUrl;
        System.arraycopy(args, 0, all, 1, args.length);
        Object outcome = browser.runAsync(CALL.replace("BODY", body), all);
        assertNotNull(outcome, "the script returned nothing");
        return (Map<String, Object>) outcome;
    }
}
