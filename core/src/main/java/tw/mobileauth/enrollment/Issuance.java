package tw.mobileauth.enrollment;

import java.security.cert.X509Certificate;
import java.time.Instant;
import tw.mobileauth.crypto.DevicePublicKey;

/** Issues the device certificate through the configured {@link tw.mobileauth.credential.CertificateIssuer}. */
final class Issuance {

    private Issuance() {
    }

    /** An X.509 v3 certificate for {@code deviceKey} with CN = {@code credentialId} and no personal data. */
    static X509Certificate certificate(EnrollmentService.Settings s, String credentialId, DevicePublicKey deviceKey,
            Instant now) {
        return s.issuer.issue(credentialId, deviceKey, now);
    }
}
