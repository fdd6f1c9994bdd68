package tw.mobileauth.enrollment;

import java.util.Objects;

/**
 * The person's answer to the terms on the phone (the consent box before 開始驗證).
 *
 * @param termsVersion the version of the terms the page showed; must equal the service's current
 *                     {@linkplain DeviceSummary#termsVersion() terms version}
 * @param accepted     whether the box was ticked
 */
public record Consent(String termsVersion, boolean accepted) {

    /** @throws NullPointerException if {@code termsVersion} is null */
    public Consent {
        Objects.requireNonNull(termsVersion, "termsVersion");
    }

    /** Ticked, for these terms. */
    public static Consent accepted(String termsVersion) {
        return new Consent(termsVersion, true);
    }
}
