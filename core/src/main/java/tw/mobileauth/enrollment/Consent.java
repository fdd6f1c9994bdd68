package tw.mobileauth.enrollment;

/**
 * The person's answer to the terms on the phone (the consent box before 開始驗證).
 *
 * <p>Built straight from the phone's form post, so it accepts whatever arrived: a missing terms
 * version ({@code null}, e.g. a form field the request did not carry) is read as {@code ""},
 * which is never a valid version, so {@code startVerification} refuses it with
 * {@link EnrollmentException.Reason#CONSENT_REQUIRED} instead of failing.
 *
 * @param termsVersion the version of the terms the page showed: the
 *                     {@linkplain DeviceSummary#termsVersion() version shown to this phone}, or the
 *                     service's current version if the terms changed since (both are accepted, and
 *                     the consent record names the one given); {@code null} becomes {@code ""}
 * @param accepted     whether the box was ticked
 */
public record Consent(String termsVersion, boolean accepted) {

    /**
     * Reads a missing ({@code null}) terms version as {@code ""}; never throws.
     *
     * @param termsVersion the terms version
     * @param accepted the accepted value
     */
    public Consent {
        termsVersion = termsVersion == null ? "" : termsVersion;
    }

    /**
     * Ticked, for these terms ({@code null} becomes {@code ""}, which is refused).
     *
     * @param termsVersion the terms version
     * @return the consent
     */
    public static Consent accepted(String termsVersion) {
        return new Consent(termsVersion, true);
    }
}
