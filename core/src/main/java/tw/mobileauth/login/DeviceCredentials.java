package tw.mobileauth.login;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import tw.mobileauth.credential.CredentialCertificate;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.credential.MalformedCertificateException;
import tw.mobileauth.credential.TrustedCas;
import tw.mobileauth.crypto.DevicePublicKey;
import tw.mobileauth.store.CredentialRecord;

/**
 * The stored certificates, parsed and checked once per credential, not once per login.
 *
 * <p>The first login with a credential decodes the certificate held in the credential store
 * (never one sent by the client), checks that it names this credential and the stored device key,
 * finds the trusted CA that signed it (one ECDSA verification) and keeps the outcome: the parsed
 * {@link DevicePublicKey} and the validity window, the intersection of the certificate's and
 * its CA's. Later logins only compare two instants. An entry is used only while the record still
 * holds the very same certificate text, so a changed record is re-read. The set of trusted CAs is
 * fixed for the service's lifetime, so the trust decision does not go stale.
 *
 * <p>Bounded: past {@value #MAX_ENTRIES} credentials the cache is emptied and refills on demand.
 * Thread-safe.
 */
final class DeviceCredentials {

    static final int MAX_ENTRIES = 100_000;

    /** A credential's certificate as checked once; {@code certificate} is the record's text it was made from. */
    sealed interface Checked {
        String certificate();
    }

    /** Trusted and consistent: the device key and the effective validity window (both bounds inclusive). */
    record Usable(String certificate, CredentialId credentialId, DevicePublicKey key, Instant notBefore,
            Instant notAfter) implements Checked {
    }

    /** Never usable: {@code CREDENTIAL_CORRUPT} or {@code CERTIFICATE_UNTRUSTED}. */
    record Unusable(String certificate, FailureCause problem) implements Checked {
    }

    private final List<X509Certificate> anchors;
    private final List<TrustedCas> singleAnchors;
    private final ConcurrentHashMap<String, Checked> cache = new ConcurrentHashMap<>();

    DeviceCredentials(TrustedCas trusted) {
        this.anchors = trusted.certificates();
        List<TrustedCas> single = new ArrayList<>();
        for (X509Certificate ca : anchors) {
            single.add(TrustedCas.of(ca));
        }
        this.singleAnchors = List.copyOf(single);
    }

    /** The checked certificate of {@code record}, from the cache when the record still holds the same one. */
    Checked get(CredentialRecord record) {
        Checked c = cache.get(record.credentialId());
        if (c != null && c.certificate().equals(record.certificate())) {
            return c;
        }
        Checked fresh = check(record);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(record.credentialId(), fresh);
        return fresh;
    }

    /** Drops a credential (revoked, erased). */
    void forget(String credentialId) {
        cache.remove(credentialId);
    }

    /** How many credentials are cached (for tests). */
    int size() {
        return cache.size();
    }

    private Checked check(CredentialRecord record) {
        CredentialCertificate certificate;
        byte[] storedKey;
        try {
            certificate = CredentialCertificate.fromDer(Base64.getDecoder().decode(record.certificate()));
            storedKey = Base64.getDecoder().decode(record.devicePublicKey());
        } catch (MalformedCertificateException | IllegalArgumentException e) {
            return unusable(record, FailureCause.CREDENTIAL_CORRUPT);
        }
        if (!certificate.credentialId().value().equals(record.credentialId())
                || !Arrays.equals(certificate.devicePublicKey().spki(), storedKey)) {
            return unusable(record, FailureCause.CREDENTIAL_CORRUPT);
        }
        X509Certificate x509 = certificate.x509Certificate();
        for (int i = 0; i < anchors.size(); i++) {
            if (singleAnchors.get(i).verify(x509, certificate.notBefore()) != TrustedCas.Verdict.UNTRUSTED) {
                X509Certificate ca = anchors.get(i);
                Instant caNotBefore = ca.getNotBefore().toInstant();
                Instant caNotAfter = ca.getNotAfter().toInstant();
                Instant notBefore = certificate.notBefore().isAfter(caNotBefore) ? certificate.notBefore() : caNotBefore;
                Instant notAfter = certificate.notAfter().isBefore(caNotAfter) ? certificate.notAfter() : caNotAfter;
                return new Usable(record.certificate(), certificate.credentialId(), certificate.devicePublicKey(),
                        notBefore, notAfter);
            }
        }
        return unusable(record, FailureCause.CERTIFICATE_UNTRUSTED);
    }

    private static Checked unusable(CredentialRecord record, FailureCause why) {
        return new Unusable(record.certificate(), why);
    }
}
