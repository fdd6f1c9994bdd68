package tw.mobileauth.enrollment;

import tw.mobileauth.credential.CredentialCertificate;
import tw.mobileauth.crypto.DevicePublicKey;

/** Issues the device certificate through the configured {@link tw.mobileauth.credential.CertificateIssuer}. */
final class Issuance {

    private Issuance() {
    }

    /**
     * An X.509 v3 certificate for {@code deviceKey}, signed by the enrolment CA: CN = a fresh
     * opaque credential id, no personal data, {@code digitalSignature}, clientAuth.
     *
     * @throws EnrollmentUnavailableException {@code ISSUER}, {@code TRY_LATER}, audited, if the
     *         issuer cannot issue now (its CA is expired or not yet valid)
     */
    static CredentialCertificate certificate(Settings s, Records records, String enrollmentId,
            DevicePublicKey deviceKey) throws EnrollmentUnavailableException {
        try {
            return s.issuer.issue(deviceKey);
        } catch (IllegalStateException e) {
            org.slf4j.LoggerFactory.getLogger(Issuance.class).warn(
                    "cannot issue the certificate of enrolment {}: {}", enrollmentId, e.getMessage());
            throw records.serviceUnavailable(enrollmentId, EnrollmentUnavailableException.Source.ISSUER, "issue",
                    "CA_NOT_VALID", "the certificate issuer cannot issue now: " + e.getMessage(), e);
        }
    }
}
