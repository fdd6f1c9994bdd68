package tw.mobileauth.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.credential.TrustedCas.Verdict;

class TrustedCasTest {

    private static final Instant NOW = CertificateIssuerTest.NOW;
    private static final Clock CLOCK = CertificateIssuerTest.CLOCK;
    private final EnrollmentCa oldCa = EnrollmentCa.generateDevelopmentCa("2024 CA", CLOCK);
    private final EnrollmentCa newCa = EnrollmentCa.generateDevelopmentCa("2025 CA", CLOCK);
    private final DeviceKey device = DeviceKey.generate(new SecureRandom());

    @Test
    void rotationKeepsOldCertificatesValidUntilTheOldCaIsDropped() {
        X509Certificate fromOld = issue(oldCa).x509Certificate();
        X509Certificate fromNew = issue(newCa).x509Certificate();

        TrustedCas both = TrustedCas.of(newCa.certificate(), oldCa.certificate());
        assertEquals(Verdict.VALID, both.verify(fromOld, NOW));
        assertEquals(Verdict.VALID, both.verify(fromNew, NOW));

        TrustedCas onlyNew = TrustedCas.of(newCa.certificate());
        assertEquals(Verdict.UNTRUSTED, onlyNew.verify(fromOld, NOW));
        assertEquals(Verdict.VALID, onlyNew.verify(fromNew, NOW));
    }

    @Test
    void aCaWithTheSameNameButAnotherKeyIsNotTrusted() {
        EnrollmentCa impostor = EnrollmentCa.generateDevelopmentCa("2024 CA", CLOCK);
        X509Certificate forged = issue(impostor).x509Certificate();
        assertEquals(oldCa.certificate().getSubjectX500Principal(), forged.getIssuerX500Principal());
        assertEquals(Verdict.UNTRUSTED, TrustedCas.of(oldCa.certificate()).verify(forged, NOW));
        assertEquals(Verdict.VALID, TrustedCas.of(oldCa.certificate(), impostor.certificate()).verify(forged, NOW));
    }

    @Test
    void validityBoundsAreInclusive() {
        CredentialCertificate issued = issue(newCa);
        TrustedCas trusted = TrustedCas.of(newCa.certificate());
        X509Certificate cert = issued.x509Certificate();
        assertEquals(Verdict.NOT_YET_VALID, trusted.verify(cert, issued.notBefore().minusSeconds(1)));
        assertEquals(Verdict.VALID, trusted.verify(cert, issued.notBefore()));
        assertEquals(Verdict.VALID, trusted.verify(cert, issued.notAfter()));
        assertEquals(Verdict.EXPIRED, trusted.verify(cert, issued.notAfter().plusSeconds(1)));
    }

    @Test
    void theInjectedClockDecidesValidity() {
        X509Certificate cert = issue(newCa).x509Certificate();
        TrustedCas trusted = TrustedCas.of(newCa.certificate());
        assertEquals(Verdict.VALID, trusted.withClock(CLOCK).verify(cert));
        Clock nextYear = Clock.offset(CLOCK, Duration.ofDays(366));
        assertEquals(Verdict.EXPIRED, trusted.withClock(nextYear).verify(cert));
    }

    @Test
    void aTamperedCertificateIsUntrusted() throws Exception {
        byte[] der = issue(newCa).der();
        der[der.length - 1] ^= 1; // last byte of the signature's s
        X509Certificate tampered = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        assertEquals(Verdict.UNTRUSTED, TrustedCas.of(newCa.certificate()).verify(tampered, NOW));
    }

    @Test
    void aCaCertificateIsNotACredential() {
        TrustedCas trusted = TrustedCas.of(newCa.certificate());
        assertEquals(Verdict.UNTRUSTED, trusted.verify(newCa.certificate(), NOW));
        assertEquals(Verdict.VALID, trusted.verify(issue(newCa).x509Certificate(), NOW));
    }

    @Test
    void onlyCaCertificatesCanBeTrusted() {
        assertThrows(IllegalArgumentException.class, () -> TrustedCas.of(List.of()));
        X509Certificate leaf = issue(newCa).x509Certificate();
        assertThrows(IllegalArgumentException.class, () -> TrustedCas.of(leaf));
        assertEquals(List.of(newCa.certificate(), oldCa.certificate()),
                TrustedCas.of(newCa.certificate(), oldCa.certificate()).certificates());
    }

    private CredentialCertificate issue(EnrollmentCa ca) {
        return CertificateIssuer.builder(ca).clock(CLOCK).build().issue(device.publicKey());
    }
}
