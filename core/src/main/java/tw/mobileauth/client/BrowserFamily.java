package tw.mobileauth.client;

import java.util.Locale;
import java.util.Optional;

/**
 * The browser family of a request, read from its User-Agent: enough for a person to recognise
 * "the Chrome on my computer" on the phone's summary, and too coarse to fingerprint anyone.
 */
public enum BrowserFamily {
    /** Microsoft Edge. */
    EDGE("Edge"),
    /** Samsung Internet. */
    SAMSUNG_INTERNET("Samsung Internet"),
    /** Opera. */
    OPERA("Opera"),
    /** The LINE app's in-app browser. */
    LINE("LINE"),
    /** Mozilla Firefox. */
    FIREFOX("Firefox"),
    /** Google Chrome or Chromium. */
    CHROME("Chrome"),
    /** Apple Safari. */
    SAFARI("Safari"),
    /** A User-Agent that names none of the above. */
    OTHER("other browser"),
    /** The portal passed no User-Agent. */
    UNKNOWN("unknown browser");

    private final String displayName;

    BrowserFamily(String displayName) {
        this.displayName = displayName;
    }

    /**
     * {@return the family of {@code userAgent}; {@link #UNKNOWN} when absent or blank} Never fails.
     *
     * @param userAgent the user agent
     */
    public static BrowserFamily of(Optional<String> userAgent) {
        if (userAgent == null || userAgent.isEmpty() || userAgent.get().isBlank()) {
            return UNKNOWN;
        }
        String ua = userAgent.get();
        String lower = ua.length() > 512 ? ua.substring(0, 512).toLowerCase(Locale.ROOT) : ua.toLowerCase(Locale.ROOT);
        // Order matters: Edge, Samsung, Opera and LINE also say "Chrome" and "Safari"; Chrome says "Safari".
        if (lower.contains("edg/") || lower.contains("edga/") || lower.contains("edgios/")) {
            return EDGE;
        }
        if (lower.contains("samsungbrowser/")) {
            return SAMSUNG_INTERNET;
        }
        if (lower.contains("opr/") || lower.contains("opera")) {
            return OPERA;
        }
        if (lower.contains(" line/")) {
            return LINE;
        }
        if (lower.contains("firefox/") || lower.contains("fxios/")) {
            return FIREFOX;
        }
        if (lower.contains("chrome/") || lower.contains("crios/") || lower.contains("chromium/")) {
            return CHROME;
        }
        if (lower.contains("safari/") && lower.contains("version/")) {
            return SAFARI;
        }
        return OTHER;
    }

    /** {@return the name to show, e.g. {@code Chrome}, {@code Samsung Internet}} */
    public String displayName() {
        return displayName;
    }
}
