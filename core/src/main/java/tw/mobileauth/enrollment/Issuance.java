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
     */
    static CredentialCertificate certificate(EnrollmentService.Settings s, DevicePublicKey deviceKey) {
        return s.issuer.issue(deviceKey);
    }
}
