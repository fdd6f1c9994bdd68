package tw.mobileauth.credential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.junit.jupiter.api.Test;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.SignedMessages;

class CertificateIssuerTest {

    static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final EnrollmentCa CA = EnrollmentCa.generateDevelopmentCa("issuer test", CLOCK);

    /** A fixture person, none of whose details may ever appear in a certificate. */
    static final List<String> PII = List.of("A123456789", "王小明", "0912345678", "0912-345-678",
            "+886912345678", "1980-01-31", "19800131", "069-01-31", "NHI000012345");

    private final SecureRandom random = new SecureRandom();
    private final DeviceKey device = DeviceKey.generate(random);
    private final CertificateIssuer issuer = CertificateIssuer.builder(CA).clock(CLOCK).build();

    @Test
    void issuedCertificateParsesWithTheJdkAndVerifiesAgainstTheCaKey() throws Exception {
        CredentialCertificate issued = issuer.issue(device.publicKey());
        X509Certificate jdk = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(issued.der()));
        assertEquals(3, jdk.getVersion());
        jdk.verify(CA.certificate().getPublicKey()); // throws if the signature is bad
        assertEquals("SHA256withECDSA", jdk.getSigAlgName());
        assertEquals(CA.certificate().getSubjectX500Principal(), jdk.getIssuerX500Principal());

        EnrollmentCa otherCa = EnrollmentCa.generateDevelopmentCa("other", CLOCK);
        assertThrows(SignatureException.class, () -> jdk.verify(otherCa.certificate().getPublicKey()));

        X509Certificate fromPem = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(issued.pem().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(jdk, fromPem);
    }

    @Test
    void subjectIsOnlyAFreshOpaqueCredentialId() throws Exception {
        CredentialCertificate a = issuer.issue(device.publicKey());
        CredentialCertificate b = issuer.issue(device.publicKey());
        assertEquals("CN=" + a.credentialId().value(), a.x509Certificate().getSubjectX500Principal().getName());
        assertTrue(a.credentialId().value().matches("mat_[A-Za-z0-9_-]{22}"));
        assertEquals(a.credentialId(), CredentialId.parse(a.credentialId().value()).orElseThrow());
        assertNotEquals(a.credentialId(), b.credentialId());
        assertNull(a.x509Certificate().getSubjectAlternativeNames());
    }

    @Test
    void certificateContainsNoPersonalData() {
        CredentialCertificate issued = issuer.issue(device.publicKey());
        assertEquals(List.of(), piiFoundIn(issued.der()));
        assertEquals(List.of(), piiFoundIn(issued.x509Certificate().toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), piiFoundIn(issued.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), piiFoundIn(issued.pem().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void piiScanFindsPersonalDataWhenACertificateDoesCarryIt() throws Exception {
        // The scan above could fail: a certificate that names the person is caught.
        X500Name leaky = new X500Name("CN=王小明, SERIALNUMBER=A123456789, TELEPHONENUMBER=0912345678");
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(device.publicKeySpki());
        byte[] der = new X509v3CertificateBuilder(leaky, BigInteger.ONE, Date.from(NOW), Date.from(NOW.plusSeconds(60)), leaky, spki)
                .build(Certificates.signer(CA.signingKey(), random)).getEncoded();
        assertEquals(List.of("A123456789", "王小明", "0912345678"), piiFoundIn(der));
    }

    @Test
    void certificateBindsExactlyTheSubmittedDeviceKey() throws Exception {
        CredentialCertificate issued = issuer.issue(device.publicKey());
        assertEquals(device.publicKey(), issued.devicePublicKey());
        assertArrayEquals(device.publicKeySpki(), issued.x509Certificate().getPublicKey().getEncoded());
        assertFalse(Arrays.equals(DeviceKey.generate(random).publicKeySpki(), issued.x509Certificate().getPublicKey().getEncoded()));

        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        byte[] message = SignedMessages.login(nonce, issued.credentialId().value(), "https://portal.example.tw");
        assertTrue(issued.devicePublicKey().verify(message, device.sign(message)));
    }

    @Test
    void keyUsageIsDigitalSignatureOnlyForClientAuthAndNotACa() throws Exception {
        X509Certificate cert = issuer.issue(device.publicKey()).x509Certificate();
        boolean[] keyUsage = cert.getKeyUsage();
        assertTrue(keyUsage[0], "digitalSignature");
        for (int i = 1; i < keyUsage.length; i++) {
            assertFalse(keyUsage[i], "only digitalSignature, bit " + i);
        }
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());
        assertEquals(-1, cert.getBasicConstraints());
        assertTrue(cert.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.15", "2.5.29.19")));
        assertFalse(cert.getCriticalExtensionOIDs().contains("2.5.29.37"));
        assertTrue(CA.certificate().getBasicConstraints() >= 0, "while the CA's own certificate is a CA");
    }

    @Test
    void keyIdentifiersLinkTheDeviceKeyAndTheCaKey() throws Exception {
        X509Certificate cert = issuer.issue(device.publicKey()).x509Certificate();
        byte[] deviceKeyBits = SubjectPublicKeyInfo.getInstance(device.publicKeySpki()).getPublicKeyData().getBytes();
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(deviceKeyBits), extensionOctets(cert, Extension.subjectKeyIdentifier.getId()));

        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(cert.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets());
        assertArrayEquals(extensionOctets(CA.certificate(), Extension.subjectKeyIdentifier.getId()), aki.getKeyIdentifierObject().getOctets());
        assertNull(aki.getAuthorityCertIssuer(), "key id only");
    }

    @Test
    void serialsAreRandomPositiveAndAtMost128Bits() {
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            BigInteger serial = issuer.issue(device.publicKey()).serialNumber();
            assertEquals(1, serial.signum());
            assertTrue(serial.bitLength() <= 128);
            serials.add(serial);
        }
        assertEquals(20, serials.size());
        assertTrue(serials.stream().anyMatch(s -> s.bitLength() > 120), "not small counters");
    }

    @Test
    void validityIsBackdatedFiveMinutesAndLastsTheConfiguredLifetime() {
        CredentialCertificate defaults = issuer.issue(device.publicKey());
        assertEquals(NOW.minus(Duration.ofMinutes(5)), defaults.notBefore());
        assertEquals(NOW.plus(Duration.ofDays(365)), defaults.notAfter());

        CredentialCertificate shortLived = CertificateIssuer.builder(CA).clock(CLOCK).lifetime(Duration.ofDays(30)).build()
                .issue(device.publicKey());
        assertEquals(NOW.plus(Duration.ofDays(30)), shortLived.notAfter());
    }

    @Test
    void validityNeverOutlastsTheCa() {
        Instant late = CA.certificate().getNotAfter().toInstant().minus(Duration.ofDays(100));
        CredentialCertificate clipped = CertificateIssuer.builder(CA).clock(Clock.fixed(late, ZoneOffset.UTC)).build()
                .issue(device.publicKey());
        assertEquals(CA.certificate().getNotAfter().toInstant(), clipped.notAfter());
        assertTrue(clipped.notAfter().isBefore(late.plus(Duration.ofDays(365))));
    }

    @Test
    void anExpiredCaRefusesToIssue() {
        Instant afterCa = CA.certificate().getNotAfter().toInstant().plusSeconds(1);
        CertificateIssuer expired = CertificateIssuer.builder(CA).clock(Clock.fixed(afterCa, ZoneOffset.UTC)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> expired.issue(device.publicKey()));
        assertTrue(e.getMessage().contains("Rotate"), e.getMessage());
        issuer.issue(device.publicKey()); // a current CA issues
    }

    @Test
    void lifetimeOutsideTenMinutesToTenYearsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CertificateIssuer.builder(CA).lifetime(Duration.ofMinutes(9)));
        assertThrows(IllegalArgumentException.class, () -> CertificateIssuer.builder(CA).lifetime(Duration.ofDays(3651)));
        CertificateIssuer.builder(CA).lifetime(Duration.ofMinutes(10)).build();
    }

    @Test
    void storedDerReadsBackAsTheSameCredential() throws Exception {
        CredentialCertificate issued = issuer.issue(device.publicKey());
        CredentialCertificate read = CredentialCertificate.fromDer(issued.der());
        assertEquals(issued, read);
        assertEquals(issued.credentialId(), read.credentialId());
        assertEquals(issued.devicePublicKey(), read.devicePublicKey());
        assertEquals(issued.serialNumber(), read.serialNumber());
        assertEquals(issued.notAfter(), read.notAfter());
        byte[] copy = issued.der();
        copy[0] = 0;
        assertEquals(read, CredentialCertificate.fromDer(issued.der()), "der() hands out copies");
    }

    @Test
    void bytesThatAreNotACredentialCertificateAreRejected() throws Exception {
        byte[] der = issuer.issue(device.publicKey()).der();
        assertThrows(MalformedCertificateException.class, () -> CredentialCertificate.fromDer(null));
        assertThrows(MalformedCertificateException.class, () -> CredentialCertificate.fromDer(new byte[0]));
        assertThrows(MalformedCertificateException.class, () -> CredentialCertificate.fromDer(Arrays.copyOf(der, der.length - 1)));
        assertThrows(MalformedCertificateException.class, () -> CredentialCertificate.fromDer(Arrays.copyOf(der, der.length + 1)));
        assertThrows(MalformedCertificateException.class, () -> CredentialCertificate.fromDer("not a cert".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedCertificateException.class, () -> CredentialCertificate.fromDer(CA.certificate().getEncoded()),
                "a CA certificate has no credential id subject");
        CredentialCertificate.fromDer(der);
    }

    @Test
    void toStringShowsIdSerialAndExpiryOnly() {
        CredentialCertificate issued = issuer.issue(device.publicKey());
        assertEquals("CredentialCertificate[" + issued.credentialId() + ", serial=" + issued.serialNumber().toString(16)
                + ", notAfter=" + issued.notAfter() + "]", issued.toString());
    }

    static List<String> piiFoundIn(byte[] haystack) {
        return PII.stream().filter(p -> contains(haystack, p.getBytes(StandardCharsets.UTF_8))
                || contains(haystack, p.getBytes(StandardCharsets.UTF_16BE))).toList();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] extensionOctets(X509Certificate cert, String oid) {
        ASN1OctetString outer = ASN1OctetString.getInstance(cert.getExtensionValue(oid));
        return ASN1OctetString.getInstance(outer.getOctets()).getOctets();
    }
}
