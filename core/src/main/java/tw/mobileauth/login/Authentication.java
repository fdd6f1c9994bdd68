package tw.mobileauth.login;

import java.time.Instant;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.identity.NationalId;

/**
 * A successful login: who, with which credential, how, when, and what it is worth.
 *
 * <p>The portal starts its own session from it (sessions are not the SDK's job) and gates
 * features on {@link #assurance()}: a mobile-phone login is always
 * {@link AssuranceLevel#QUERY_ONLY}. While {@link #noticeAcknowledgementRequired()}, show the
 * personal-data notice (個資告知) and, once the person accepted it, call
 * {@link LoginService#acknowledgeNotice(Authentication, String)}.
 *
 * <p>Only {@link LoginService} makes these. Immutable; {@code toString} masks the national ID and
 * omits the subject reference.
 */
public final class Authentication {

    private final String subjectReference;
    private final NationalId nationalId;
    private final CredentialId credentialId;
    private final Instant authenticatedAt;
    private final String assuranceLabel;
    private final String noticeVersion;
    private final boolean noticeAcknowledgementRequired;

    Authentication(String subjectReference, NationalId nationalId, CredentialId credentialId, Instant authenticatedAt,
            String assuranceLabel, String noticeVersion, boolean noticeAcknowledgementRequired) {
        this.subjectReference = subjectReference;
        this.nationalId = nationalId;
        this.credentialId = credentialId;
        this.authenticatedAt = authenticatedAt;
        this.assuranceLabel = assuranceLabel;
        this.noticeVersion = noticeVersion;
        this.noticeAcknowledgementRequired = noticeAcknowledgementRequired;
    }

    /**
     * {@return an opaque, stable reference to the person: the keyed hash of their national ID (the
     * credential store's subject key)} The same for all their credentials and logins, useless
     * without the deployment's HMAC key; use it as the portal's user key instead of the raw ID.
     */
    public String subjectReference() {
        return subjectReference;
    }

    /** {@return the person's national ID, as they typed it and as enrolled; {@code toString} is masked} */
    public NationalId nationalId() {
        return nationalId;
    }

    /** {@return the credential (device and browser) that signed} */
    public CredentialId credentialId() {
        return credentialId;
    }

    /** {@return {@link AuthenticationMethod#MOBILE_PHONE}, always} */
    public AuthenticationMethod method() {
        return AuthenticationMethod.MOBILE_PHONE;
    }

    /** {@return {@link AssuranceLevel#QUERY_ONLY}, always: query functions only, no applications (申辦)} */
    public AssuranceLevel assurance() {
        return AssuranceLevel.QUERY_ONLY;
    }

    /**
     * {@return the portal's name for {@link #assurance()} (default {@code QUERY_ONLY}), e.g. for a token
     * claim} The name is configurable; the meaning is not.
     */
    public String assuranceLabel() {
        return assuranceLabel;
    }

    /** {@return when the login succeeded, by the service's clock} */
    public Instant authenticatedAt() {
        return authenticatedAt;
    }

    /** {@return the personal-data notice version in force when this login happened} */
    public String noticeVersion() {
        return noticeVersion;
    }

    /**
     * {@return whether the person still has to acknowledge the notice version in force ({@link #noticeVersion()}):
     * true on the first login after enrolment, and again after the portal configures a new version}
     */
    public boolean noticeAcknowledgementRequired() {
        return noticeAcknowledgementRequired;
    }

    /** This authentication after the notice was acknowledged: {@code required} recomputed, all else equal. */
    Authentication withNoticeAcknowledged(String acknowledgedVersion) {
        return new Authentication(subjectReference, nationalId, credentialId, authenticatedAt, assuranceLabel,
                noticeVersion, noticeAcknowledgementRequired && !noticeVersion.equals(acknowledgedVersion));
    }

    /** {@code Authentication[A12****789, mat_…, MOBILE_PHONE, QUERY_ONLY, at=…, noticeRequired=…]}. */
    @Override
    public String toString() {
        return "Authentication[" + nationalId + ", " + credentialId + ", " + method() + ", " + assurance()
                + ", at=" + authenticatedAt + ", noticeRequired=" + noticeAcknowledgementRequired + "]";
    }
}
