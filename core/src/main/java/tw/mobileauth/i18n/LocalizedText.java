package tw.mobileauth.i18n;

import java.util.Locale;
import java.util.Objects;

/**
 * A piece of user-facing text in the two languages every MobileAuth TW screen speaks:
 * Traditional Chinese (zh-TW) first, English second.
 *
 * @param zhTw the Traditional Chinese text, never blank
 * @param en   the English text, never blank
 */
public record LocalizedText(String zhTw, String en) {

    /**
     * Checks the components.
     *
     * @param zhTw the zh tw
     * @param en the en value
     */
    public LocalizedText {
        Objects.requireNonNull(zhTw, "zhTw");
        Objects.requireNonNull(en, "en");
        if (zhTw.isBlank() || en.isBlank()) {
            throw new IllegalArgumentException("both zh-TW and English text are required");
        }
    }

    /**
     * {@return the text for {@code locale}: English for any English locale, zh-TW for everything else}
     *
     * @param locale the language to answer in
     */
    public String in(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en : zhTw;
    }

    /** Both texts, zh-TW first: {@code "請關閉 Wi-Fi… / Turn off Wi-Fi…"}. */
    @Override
    public String toString() {
        return zhTw + " / " + en;
    }
}
