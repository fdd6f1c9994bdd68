package tw.mobileauth.testing;

import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.credential.CredentialCertificate;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.DevicePublicKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.enrollment.CredentialVerifiers;
import tw.mobileauth.identity.BirthDate;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.identity.PersonName;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.CredentialStatus;
import tw.mobileauth.store.CredentialStore;

/**
 * Puts an enrolled credential straight into a store, as a completed enrolment would have left
 * it, for tests of a portal's login pages that should not run the whole carrier journey. The
 * record is exactly what enrolment writes: keyed verifiers under the portal's HMAC key, the
 * Argon2id hash of the password, the device key and a certificate from the portal's issuer.
 *
 * <pre>{@code
 * String credentialId = TestCredentials.enrol(credentials, hmacKey, issuer, hasher, clock,
 *         "A123456789", "1986-03-14", "王小明", "Kiwi-Lantern-8462!".toCharArray(), deviceKey.publicKeySpki());
 * // the browser holding deviceKey can now log in with those four fields
 * }</pre>
 */
public final class TestCredentials {

    private TestCredentials() {
    }

    /**
     * Stores an ACTIVE credential and returns its id.
     *
     * @param nationalId   身分證號 as typed (checksum-valid)
     * @param birthDate    出生日期 as typed, Gregorian or ROC
     * @param name         姓名 as typed
     * @param password     憑證密碼; not wiped
     * @param deviceSpki   the browser's EC P-256 public key, X.509 SubjectPublicKeyInfo
     * @param credentials the credentials value
     * @param hmacKey the hmac key
     * @param issuer the issuer value
     * @param hasher the hasher value
     * @param clock the clock that decides expiry
     * @return the string
     * @throws IllegalArgumentException naming the field, if one of the identity fields or the key is invalid
     * @throws IllegalStateException    if the hasher is busy or the store refuses the record
     */
    public static String enrol(CredentialStore credentials, HmacKey hmacKey, CertificateIssuer issuer,
            PasswordHasher hasher, Clock clock, String nationalId, String birthDate, String name, char[] password,
            byte[] deviceSpki) {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(hmacKey, "hmacKey");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(password, "password");
        NationalId id;
        BirthDate birth;
        PersonName person;
        DevicePublicKey key;
        try {
            id = NationalId.parse(nationalId);
            birth = BirthDate.parse(birthDate, clock);
            person = PersonName.of(name);
            key = DevicePublicKey.fromSpki(deviceSpki);
        } catch (InvalidInputException | CryptoException.InvalidDeviceKey e) {
            throw new IllegalArgumentException("a test credential needs valid identity fields and device key: "
                    + e.getMessage(), e);
        }
        String hash;
        try {
            hash = hasher.hash(password);
        } catch (CryptoException.HasherBusy e) {
            throw new IllegalStateException("the password hasher is busy", e);
        }
        CredentialCertificate certificate = issuer.issue(key);
        String credentialId = certificate.credentialId().value();
        CredentialRecord record = new CredentialRecord(credentialId, 0, CredentialVerifiers.subjectKey(hmacKey, id),
                CredentialVerifiers.birthDate(hmacKey, credentialId, birth),
                CredentialVerifiers.name(hmacKey, credentialId, person), hash,
                Base64.getEncoder().encodeToString(key.spki()), Base64.getEncoder().encodeToString(certificate.der()),
                CredentialStatus.ACTIVE, clock.instant(), certificate.x509Certificate().getNotAfter().toInstant(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        if (!credentials.insert(record)) {
            throw new IllegalStateException("the store already holds credential " + credentialId);
        }
        return credentialId;
    }
}
