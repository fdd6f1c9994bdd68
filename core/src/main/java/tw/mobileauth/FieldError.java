package tw.mobileauth;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import tw.mobileauth.i18n.LocalizedText;

/**
 * One rejected input field: which field, why, and what the person should do about it.
 *
 * <p>A field error never contains the rejected value: input fields hold personal data.
 *
 * @param field   the field's name as the API knows it, e.g. {@code "nationalId"} or {@code "mobileNumber"}
 * @param reason  why the field was rejected
 * @param message user-facing text in zh-TW and English that names the field and says how to fix it
 */
public record FieldError(String field, FieldReason reason, LocalizedText message) {

    /**
     * Checks the components.
     *
     * @param field   the field's API name, not blank
     * @param reason  why the field was rejected
     * @param message the user-facing text
     * @throws NullPointerException     if any component is null
     * @throws IllegalArgumentException if {@code field} is blank
     */
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        if (field.isBlank()) {
            throw new IllegalArgumentException("field name must not be blank");
        }
    }

    /**
     * The error for {@code field} and {@code reason}, with the standard message from the bundle
     * {@code tw/mobileauth/identity/FieldMessages_{zh_TW,en}.properties}.
     *
     * <p>The bundle holds a display name per known field ({@code field.<name>}), a generic template
     * per reason ({@code reason.<REASON>}, where {@code {0}} stands for the field's display name),
     * and optional field-specific texts ({@code <name>.<REASON>}) that give a more precise remedy.
     * A field the bundle does not know is shown by its API name.
     *
     * @param field  the field's API name, not blank
     * @param reason why it was rejected
     * @return the error, never null
     */
    public static FieldError of(String field, FieldReason reason) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        return new FieldError(field, reason, new LocalizedText(
                Messages.ZH_TW.text(field, reason), Messages.EN.text(field, reason)));
    }

    /** {@code "nationalId (BAD_CHECKSUM): <English message>"}; holds no input value. */
    @Override
    public String toString() {
        return field + " (" + reason + "): " + message.en();
    }

    /** The two message bundles, loaded once. */
    private enum Messages {
        ZH_TW(Locale.TAIWAN),
        EN(Locale.ENGLISH);

        private static final String BUNDLE = "tw.mobileauth.identity.FieldMessages";

        @SuppressWarnings("ImmutableEnumChecker") // a loaded ResourceBundle is only read
        private final ResourceBundle bundle;

        Messages(Locale locale) {
            // No fallback to the JVM's default locale: English must stay English on a zh-TW machine.
            this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        }

        String text(String field, FieldReason reason) {
            String template = lookup(field + "." + reason.name());
            if (template == null) {
                template = lookup("reason." + reason.name());
            }
            if (template == null) {
                template = "{0}: " + reason.name();
            }
            String fieldName = lookup("field." + field);
            return template.replace("{0}", fieldName == null ? field : fieldName);
        }

        private String lookup(String key) {
            try {
                return bundle.containsKey(key) ? bundle.getString(key) : null;
            } catch (MissingResourceException | ClassCastException e) {
                return null;
            }
        }
    }
}
