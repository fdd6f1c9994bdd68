package tw.mobileauth.enrollment;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import tw.mobileauth.i18n.LocalizedText;

/** Loads the enrolment's user-facing texts from {@code tw/mobileauth/enrollment/Messages_{zh_TW,en}.properties}. */
final class EnrollmentTexts {

    private static final Properties ZH = load("Messages_zh_TW.properties");
    private static final Properties EN = load("Messages_en.properties");

    private EnrollmentTexts() {
    }

    /** The text for {@code key} in both languages. @throws IllegalStateException if either is missing */
    static LocalizedText get(String key) {
        String zh = ZH.getProperty(key);
        String en = EN.getProperty(key);
        if (zh == null || en == null) {
            throw new IllegalStateException("missing enrolment message '" + key + "' in Messages_"
                    + (zh == null ? "zh_TW" : "en") + ".properties");
        }
        return new LocalizedText(zh, en);
    }

    private static Properties load(String name) {
        Properties p = new Properties();
        try (InputStream in = EnrollmentTexts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("tw/mobileauth/enrollment/" + name + " is missing from the jar");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
