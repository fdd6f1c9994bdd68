package tw.mobileauth.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.mobileauth.crypto.DeviceKey;

class EnrollmentCaTest {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    private final Clock clock = CertificateIssuerTest.CLOCK;

    @Test
    void pkcs12RoundTripLoadsTheSameCaThatStillSigns(@TempDir Path dir) throws Exception {
        EnrollmentCa generated = EnrollmentCa.generateDevelopmentCa("round trip", clock);
        Path file = dir.resolve("ca.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            generated.exportToPkcs12(out, PASSWORD, "enrolment-ca");
        }

        EnrollmentCa loaded = EnrollmentCa.fromPkcs12(file, PASSWORD, "enrolment-ca");
        assertEquals(generated.certificate(), loaded.certificate());

        CredentialCertificate issued = CertificateIssuer.builder(loaded).clock(clock).build()
                .issue(DeviceKey.generate(new SecureRandom()).publicKey());
        assertEquals(TrustedCas.Verdict.VALID,
                TrustedCas.of(generated.certificate()).verify(issued.x509Certificate(), CertificateIssuerTest.NOW));

        EnrollmentCa fromStream = EnrollmentCa.fromPkcs12(new ByteArrayInputStream(Files.readAllBytes(file)), PASSWORD, "enrolment-ca");
        assertEquals(generated.certificate(), fromStream.certificate());
    }

    @Test
    void wrongPasswordIsAConfigurationError() throws Exception {
        byte[] p12 = export(EnrollmentCa.generateDevelopmentCa("pw", clock), "ca");
        CaConfigurationException e = assertThrows(CaConfigurationException.class,
                () -> EnrollmentCa.fromPkcs12(new ByteArrayInputStream(p12), "Tr0ub4dor&3".toCharArray(), "ca"));
        assertTrue(e.getMessage().contains("password"), e.getMessage());
        assertFalse(e.getMessage().contains("Tr0ub4dor"), "never echoes a password: " + e.getMessage());
        EnrollmentCa.fromPkcs12(new ByteArrayInputStream(p12), PASSWORD, "ca");
    }

    @Test
    void exportRefusesPasswordsTheJdkCannotUse() throws Exception {
        EnrollmentCa ca = EnrollmentCa.generateDevelopmentCa("export", clock);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class, () -> ca.exportToPkcs12(out, "密碼".toCharArray(), "ca"));
        assertThrows(IllegalArgumentException.class, () -> ca.exportToPkcs12(out, new char[0], "ca"));
        assertEquals(0, out.size(), "nothing written");
        ca.exportToPkcs12(out, PASSWORD, "ca");
        assertTrue(out.size() > 0);
    }

    @Test
    void missingAliasNamesTheAliasesThatExist() throws Exception {
        byte[] p12 = export(EnrollmentCa.generateDevelopmentCa("alias", clock), "the-real-one");
        CaConfigurationException e = assertThrows(CaConfigurationException.class,
                () -> EnrollmentCa.fromPkcs12(new ByteArrayInputStream(p12), PASSWORD, "typo"));
        assertTrue(e.getMessage().contains("'typo'") && e.getMessage().contains("the-real-one"), e.getMessage());
    }

    @Test
    void unreadableFilesAndNonKeystoresAreConfigurationErrors(@TempDir Path dir) throws Exception {
        assertThrows(CaConfigurationException.class, () -> EnrollmentCa.fromPkcs12(dir.resolve("absent.p12"), PASSWORD, "ca"));
        Path junk = Files.writeString(dir.resolve("junk.p12"), "-----BEGIN NONSENSE-----");
        assertThrows(CaConfigurationException.class, () -> EnrollmentCa.fromPkcs12(junk, PASSWORD, "ca"));
    }

    @Test
    void anEndEntityCertificateIsNotAcceptedAsTheCa() throws Exception {
        EnrollmentCa ca = EnrollmentCa.generateDevelopmentCa("ca", clock);
        KeyPair device = p256();
        CredentialCertificate leaf = CertificateIssuer.builder(ca).clock(clock).build()
                .issue(tw.mobileauth.crypto.DevicePublicKey.fromSpki(device.getPublic().getEncoded()));
        byte[] p12 = keystore(device, leaf.x509Certificate());
        CaConfigurationException e = assertThrows(CaConfigurationException.class,
                () -> EnrollmentCa.fromPkcs12(new ByteArrayInputStream(p12), PASSWORD, "ca"));
        assertTrue(e.getMessage().contains("end-entity"), e.getMessage());
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRejected() throws Exception {
        EnrollmentCa ca = EnrollmentCa.generateDevelopmentCa("mismatch", clock);
        byte[] p12 = keystore(p256(), ca.certificate());
        CaConfigurationException e = assertThrows(CaConfigurationException.class,
                () -> EnrollmentCa.fromPkcs12(new ByteArrayInputStream(p12), PASSWORD, "ca"));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void developmentCaSaysSoInItsNameAndInAWarning() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        EnrollmentCa ca;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ca = EnrollmentCa.generateDevelopmentCa("portal example", clock);
        } finally {
            System.setErr(original);
        }
        assertTrue(ca.certificate().getSubjectX500Principal().getName().contains("portal example (DEVELOPMENT ONLY)"));
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("WARN") && log.contains("DEVELOPMENT") && log.contains("NEVER use it in production"), log);
        assertTrue(ca.certificate().getBasicConstraints() >= 0 && ca.certificate().getKeyUsage()[5], "a CA that may sign");
    }

    @Test
    void toStringShowsTheSubjectButNoKeyMaterial() throws Exception {
        EnrollmentCa ca = EnrollmentCa.generateDevelopmentCa("shown", clock);
        String shown = ca.toString();
        assertTrue(shown.contains("shown (DEVELOPMENT ONLY)"), shown);
        String key = Base64.getEncoder().encodeToString(ca.signingKey().getEncoded());
        assertFalse(shown.contains(key.substring(key.length() - 20)));
    }

    private static byte[] export(EnrollmentCa ca, String alias) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ca.exportToPkcs12(out, PASSWORD, alias);
        return out.toByteArray();
    }

    private static byte[] keystore(KeyPair pair, X509Certificate certificate) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("ca", pair.getPrivate(), PASSWORD, new Certificate[] {certificate});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keyStore.store(out, PASSWORD);
        return out.toByteArray();
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
