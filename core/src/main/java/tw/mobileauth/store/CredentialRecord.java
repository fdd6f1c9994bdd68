package tw.mobileauth.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.client.BoundDevice;

/**
 * One issued 行動電話憑證 (mobile phone certificate) as stored: keyed verifiers, never plaintext
 * personal data (docs/store-operations.md). A dump of these records does not reveal who anyone is.
 *
 * @param credentialId      the opaque credential id, also the certificate's subject CN
 * @param version           starts at 0; grows by one with every change
 * @param subjectKey        HMAC(national ID) under the deployment's HMAC key, base64url: finds a
 *                          person's credentials without storing the ID
 * @param birthDateVerifier HMAC of the birth date, bound to this credential, base64url
 * @param nameVerifier      HMAC of the name's comparison key, bound to this credential, base64url
 * @param passwordHash      the certificate password's Argon2id PHC string
 * @param devicePublicKey   the device's EC P-256 public key, X.509 SubjectPublicKeyInfo, base64
 * @param certificate       the issued X.509 certificate, DER, base64
 * @param status            pending (its enrolment not completed yet), active or revoked
 * @param issuedAt          when it was issued
 * @param notAfter          when its certificate expires
 * @param revokedAt         when it was revoked, if it was
 * @param lastUsedAt        the last successful login, if any
 * @param acknowledgedNotice the personal-data notice version the person last accepted, if any
 * @param noticeAcknowledgedAt when that notice version was accepted (PDPA art. 8 record), if known;
 *                          only together with {@code acknowledgedNotice}
 * @param boundDevice       the device class and browser family of the browser the credential is bound
 *                          to (the applying browser, which holds the key), recorded at issuance; empty
 *                          ("unknown") for a credential issued before it was recorded
 */
public record CredentialRecord(String credentialId, long version, String subjectKey, String birthDateVerifier,
        String nameVerifier, String passwordHash, String devicePublicKey, String certificate,
        CredentialStatus status, Instant issuedAt, Instant notAfter, Optional<Instant> revokedAt,
        Optional<Instant> lastUsedAt, Optional<String> acknowledgedNotice, Optional<Instant> noticeAcknowledgedAt,
        Optional<BoundDevice> boundDevice) {

    /**
     * @param credentialId the credential id
     * @param version the version value
     * @param subjectKey the subject key
     * @param birthDateVerifier the birth date verifier
     * @param nameVerifier the name verifier
     * @param passwordHash the password hash
     * @param devicePublicKey the device public key
     * @param certificate the certificate value
     * @param status the HTTP status, or 0 when no answer arrived
     * @param issuedAt when it was issued
     * @param notAfter the not after
     * @param revokedAt the revoked at
     * @param lastUsedAt the last used at
     * @param acknowledgedNotice the acknowledged notice
     * @param noticeAcknowledgedAt the notice acknowledged at
     * @param boundDevice the bound device
     * @throws IllegalArgumentException if the id is blank, the version negative, status and revokedAt disagree, or
     *         an acknowledgement time is given without a notice version
     */
    public CredentialRecord {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(birthDateVerifier, "birthDateVerifier");
        Objects.requireNonNull(nameVerifier, "nameVerifier");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(devicePublicKey, "devicePublicKey");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(acknowledgedNotice, "acknowledgedNotice");
        Objects.requireNonNull(noticeAcknowledgedAt, "noticeAcknowledgedAt");
        Objects.requireNonNull(boundDevice, "boundDevice");
        if (noticeAcknowledgedAt.isPresent() && acknowledgedNotice.isEmpty()) {
            throw new IllegalArgumentException("a notice acknowledgement time needs the acknowledged notice version");
        }
        if (credentialId.isBlank() || version < 0 || (status == CredentialStatus.REVOKED) != revokedAt.isPresent()) {
            throw new IllegalArgumentException(
                    "a credential needs an id, a version >= 0, and a revocation time exactly when revoked");
        }
    }

    /**
     * A record whose bound device is unknown (the form before that field existed); same rules as
     * the canonical constructor.
     *
     * @param credentialId the credential id
     * @param version the version value
     * @param subjectKey the subject key
     * @param birthDateVerifier the birth date verifier
     * @param nameVerifier the name verifier
     * @param passwordHash the password hash
     * @param devicePublicKey the device public key
     * @param certificate the certificate value
     * @param status the HTTP status, or 0 when no answer arrived
     * @param issuedAt when it was issued
     * @param notAfter the not after
     * @param revokedAt the revoked at
     * @param lastUsedAt the last used at
     * @param acknowledgedNotice the acknowledged notice
     * @param noticeAcknowledgedAt the notice acknowledged at
     */
    public CredentialRecord(String credentialId, long version, String subjectKey, String birthDateVerifier,
            String nameVerifier, String passwordHash, String devicePublicKey, String certificate,
            CredentialStatus status, Instant issuedAt, Instant notAfter, Optional<Instant> revokedAt,
            Optional<Instant> lastUsedAt, Optional<String> acknowledgedNotice, Optional<Instant> noticeAcknowledgedAt) {
        this(credentialId, version, subjectKey, birthDateVerifier, nameVerifier, passwordHash, devicePublicKey,
                certificate, status, issuedAt, notAfter, revokedAt, lastUsedAt, acknowledgedNotice, noticeAcknowledgedAt,
                Optional.empty());
    }

    /**
     * A record without a notice acknowledgement time and with an unknown bound device (the form
     * before those fields existed); same rules as the canonical constructor.
     *
     * @param credentialId the credential id
     * @param version the version value
     * @param subjectKey the subject key
     * @param birthDateVerifier the birth date verifier
     * @param nameVerifier the name verifier
     * @param passwordHash the password hash
     * @param devicePublicKey the device public key
     * @param certificate the certificate value
     * @param status the HTTP status, or 0 when no answer arrived
     * @param issuedAt when it was issued
     * @param notAfter the not after
     * @param revokedAt the revoked at
     * @param lastUsedAt the last used at
     * @param acknowledgedNotice the acknowledged notice
     */
    public CredentialRecord(String credentialId, long version, String subjectKey, String birthDateVerifier,
            String nameVerifier, String passwordHash, String devicePublicKey, String certificate,
            CredentialStatus status, Instant issuedAt, Instant notAfter, Optional<Instant> revokedAt,
            Optional<Instant> lastUsedAt, Optional<String> acknowledgedNotice) {
        this(credentialId, version, subjectKey, birthDateVerifier, nameVerifier, passwordHash, devicePublicKey,
                certificate, status, issuedAt, notAfter, revokedAt, lastUsedAt, acknowledgedNotice, Optional.empty(),
                Optional.empty());
    }

    /** {@return whether it is {@link CredentialStatus#ACTIVE}} */
    public boolean isActive() {
        return status == CredentialStatus.ACTIVE;
    }

    /** {@return whether it is {@link CredentialStatus#PENDING}: issued, waiting for its enrolment to complete} */
    public boolean isPending() {
        return status == CredentialStatus.PENDING;
    }

    /** {@return the activated successor: version + 1, {@code ACTIVE}. @throws IllegalStateException unless pending} */
    public CredentialRecord activated() {
        if (!isPending()) {
            throw new IllegalStateException("only a pending credential can be activated, was " + status);
        }
        return new CredentialRecord(credentialId, version + 1, subjectKey, birthDateVerifier, nameVerifier,
                passwordHash, devicePublicKey, certificate, CredentialStatus.ACTIVE, issuedAt, notAfter,
                Optional.empty(), lastUsedAt, acknowledgedNotice, noticeAcknowledgedAt, boundDevice);
    }

    /**
     * {@return the revoked successor: version + 1, {@code REVOKED} at {@code at}}
     *
     * @param at the at value
     */
    public CredentialRecord revoked(Instant at) {
        return new CredentialRecord(credentialId, version + 1, subjectKey, birthDateVerifier, nameVerifier,
                passwordHash, devicePublicKey, certificate, CredentialStatus.REVOKED, issuedAt, notAfter,
                Optional.of(at), lastUsedAt, acknowledgedNotice, noticeAcknowledgedAt, boundDevice);
    }

    /** Shows the id, version, status and times; verifiers, hash, key and certificate are hidden. */
    @Override
    public String toString() {
        return "CredentialRecord[id=" + credentialId + ", version=" + version + ", status=" + status
                + ", issuedAt=" + issuedAt + ", notAfter=" + notAfter + "]";
    }
}
