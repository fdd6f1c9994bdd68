package tw.mobileauth.carrier;

import java.util.Objects;
import tw.mobileauth.i18n.LocalizedText;

/**
 * One entry of the application form's 電信業者 drop-down.
 *
 * @param id   the carrier id the form submits, e.g. {@code cht}
 * @param name the carrier's name in zh-TW and English, e.g. 中華電信 / Chunghwa Telecom
 */
public record CarrierOption(String id, LocalizedText name) {
    /**
     * Checks the components.
     *
     * @param id the id
     * @param name the name
     */
    public CarrierOption {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
