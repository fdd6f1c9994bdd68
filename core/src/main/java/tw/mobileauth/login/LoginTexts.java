package tw.mobileauth.login;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import tw.mobileauth.i18n.LocalizedText;

/** Loads the login's user-facing texts from {@code tw/mobileauth/login/Messages_{zh_TW,en}.properties}. */
final class LoginTexts {

    private static final Properties ZH = load("Messages_zh_TW.properties");
    private static final Properties EN = load("Messages_en.properties");

    private LoginTexts() {
    }

    /** The text for {@code key} in both languages. @throws IllegalStateException if either is missing */
    static LocalizedText get(String key) {
        String zh = ZH.getProperty(key);
        String en = EN.getProperty(key);
        if (zh == null || en == null) {
            throw new IllegalStateException("missing login message '" + key + "' in Messages_"
                    + (zh == null ? "zh_TW" : "en") + ".properties");
        }
        return new LocalizedText(zh, en);
    }

    private static Properties load(String name) {
        Properties p = new Properties();
        try (InputStream in = LoginTexts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("tw/mobileauth/login/" + name + " is missing from the jar");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
