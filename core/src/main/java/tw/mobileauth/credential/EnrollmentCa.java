package tw.mobileauth.credential;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.DevicePublicKey;
import tw.mobileauth.crypto.internal.BouncyCastle;

/**
 * The portal's enrolment CA: an ECDSA P-256 private key and its CA certificate, which sign every
 * credential certificate (docs/architecture.md, "Credentials and data at rest").
 *
 * <p>In production, load it from a PKCS#12 keystore:
 * <pre>{@code
 * EnrollmentCa ca = EnrollmentCa.fromPkcs12(Path.of("/etc/portal/enrolment-ca.p12"), password, "enrolment-ca");
 * }</pre>
 * Loading checks that the entry is a private key with a CA certificate (BasicConstraints CA=true,
 * keyCertSign when KeyUsage is present), that both are ECDSA P-256, and that the key belongs to
 * the certificate. The key is held as a BouncyCastle key for fast signing. {@code toString} shows
 * the certificate's subject, never the key. Immutable and thread-safe.
 *
 * <p>{@link #generateDevelopmentCa(String, Clock)} makes a throw-away CA for examples and tests
 * only, and says so in its name and in a WARN log.
 */
public final class EnrollmentCa {

    /** Validity of a {@link #generateDevelopmentCa development CA}: 5 years. */
    public static final Duration DEVELOPMENT_CA_VALIDITY = Duration.ofDays(5 * 365 + 1);

    private static final Logger LOG = LoggerFactory.getLogger(EnrollmentCa.class);
    private static final Duration DEVELOPMENT_CA_BACKDATE = Duration.ofMinutes(5);

    private final PrivateKey signingKey;
    private final X509Certificate certificate;
    private final byte[] keyIdentifier;

    private EnrollmentCa(PrivateKey signingKey, X509Certificate certificate) {
        this.signingKey = signingKey;
        this.certificate = certificate;
        this.keyIdentifier = Certificates.subjectKeyIdentifier(certificate);
    }

    /**
     * Loads the CA from a PKCS#12 file.
     *
     * @param path     the {@code .p12} file
     * @param password the keystore password, also used for the key entry; not kept
     * @param alias    the key entry's alias
     * @return the enrollment ca
     * @throws CaConfigurationException if the file cannot be read or holds no valid CA entry
     *         under {@code alias}; the message says which and what to do
     */
    public static EnrollmentCa fromPkcs12(Path path, char[] password, String alias) throws CaConfigurationException {
        Objects.requireNonNull(path, "path");
        try (InputStream in = Files.newInputStream(path)) {
            return fromPkcs12(in, password, alias);
        } catch (IOException e) {
            throw new CaConfigurationException("cannot read the enrolment CA keystore " + path
                    + ": " + e.getMessage() + ". Check the path and file permissions.", e);
        }
    }

    /**
     * Loads the CA from a PKCS#12 stream, which is read to its end but not closed.
     *
     * @param password the keystore password, also used for the key entry; not kept
     * @param alias    the key entry's alias
     * @param in the in value
     * @return the enrollment ca
     * @throws CaConfigurationException if the stream holds no valid CA entry under {@code alias}
     */
    public static EnrollmentCa fromPkcs12(InputStream in, char[] password, String alias) throws CaConfigurationException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(alias, "alias");
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new CaConfigurationException("cannot open the enrolment CA PKCS#12 keystore: wrong password or not a "
                    + "PKCS#12 file. Check the keystore password setting (the JDK accepts ASCII passwords only).", e);
        }
        try {
            if (!keyStore.isKeyEntry(alias)) {
                throw new CaConfigurationException("the enrolment CA keystore has no key entry '" + alias
                        + "'; aliases present: " + Collections.list(keyStore.aliases()) + ". Set the CA alias to one of them.");
            }
            Key key = keyStore.getKey(alias, password);
            Certificate certificate = keyStore.getCertificate(alias);
            if (!(key instanceof PrivateKey) || !(certificate instanceof X509Certificate)) {
                throw new CaConfigurationException("keystore entry '" + alias
                        + "' is not a private key with an X.509 certificate. Store the CA key together with its certificate.");
            }
            return of((PrivateKey) key, (X509Certificate) certificate, "keystore entry '" + alias + "'");
        } catch (UnrecoverableKeyException e) {
            throw new CaConfigurationException("the key of entry '" + alias
                    + "' cannot be recovered with the keystore password. Use one password for the keystore and the key.", e);
        } catch (GeneralSecurityException e) {
            throw new CaConfigurationException("cannot read entry '" + alias + "' of the enrolment CA keystore.", e);
        }
    }

    /**
     * Generates a throw-away CA for <strong>development and tests only</strong>: its key lives
     * only in memory (unless you {@link #exportToPkcs12 export} it), so every credential it
     * issues dies with the process. Logs a WARN every time it is called.
     *
     * <p>Subject {@code CN=<commonName> (DEVELOPMENT ONLY), O=MobileAuth TW}; valid from 5
     * minutes before {@code clock}'s now for {@link #DEVELOPMENT_CA_VALIDITY}; BasicConstraints
     * CA=true, pathLen 0; KeyUsage keyCertSign and cRLSign.
     *
     * @param commonName a name to tell development CAs apart, e.g. {@code "portal-jdk example"}
     * @param clock the clock that decides expiry
     * @return the enrollment ca
     */
    public static EnrollmentCa generateDevelopmentCa(String commonName, Clock clock) {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(clock, "clock");
        if (commonName.isBlank()) {
            throw new IllegalArgumentException("commonName must not be blank");
        }
        SecureRandom random = new SecureRandom();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "MobileAuth TW")
                    .addRDN(BCStyle.CN, commonName + " (DEVELOPMENT ONLY)")
                    .build();
            Instant now = clock.instant();
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, Certificates.randomSerial(random),
                    Date.from(now.minus(DEVELOPMENT_CA_BACKDATE)), Date.from(now.plus(DEVELOPMENT_CA_VALIDITY)), name, spki);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new SubjectKeyIdentifier(Certificates.keyIdentifier(spki)));
            X509Certificate certificate = Certificates.toX509(builder.build(Certificates.signer(pair.getPrivate(), random)));
            LOG.warn("Generated a DEVELOPMENT enrolment CA \"{}\". NEVER use it in production: every credential it "
                    + "issues is lost with it. Load the real CA with EnrollmentCa.fromPkcs12(...).", commonName);
            return new EnrollmentCa(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("BouncyCastle could not generate a development CA", e);
        }
    }

    /** {@return the CA certificate, to publish and to put in {@link TrustedCas}} */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Writes the CA key and certificate as a PKCS#12 keystore, e.g. to keep a development CA
     * across restarts. The output contains the <strong>private key</strong>, protected only by
     * {@code password}; treat it as a secret. The stream is not closed.
     *
     * @param password protects the keystore and the key; ASCII only, as the JDK's PKCS#12
     *                 implementation requires
     * @param out the out value
     * @param alias the alias value
     * @throws IllegalArgumentException if {@code password} is empty or not printable ASCII
     * @throws IOException if writing fails
     */
    public void exportToPkcs12(OutputStream out, char[] password, String alias) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(alias, "alias");
        if (password.length == 0) {
            throw new IllegalArgumentException("a PKCS#12 export needs a non-empty password");
        }
        for (char c : password) {
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("PKCS#12 passwords must be printable ASCII (a JDK limit)");
            }
        }
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(alias, signingKey, password, new Certificate[] {certificate});
            keyStore.store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not build a PKCS#12 keystore", e);
        }
    }

    /** {@code EnrollmentCa[subject=…, notAfter=…]}; never the key. */
    @Override
    public String toString() {
        return "EnrollmentCa[subject=" + certificate.getSubjectX500Principal().getName()
                + ", notAfter=" + certificate.getNotAfter().toInstant() + "]";
    }

    PrivateKey signingKey() {
        return signingKey;
    }

    byte[] keyIdentifier() {
        return keyIdentifier.clone();
    }

    private static EnrollmentCa of(PrivateKey key, X509Certificate certificate, String source)
            throws CaConfigurationException {
        if (certificate.getBasicConstraints() < 0) {
            throw new CaConfigurationException(source + " holds an end-entity certificate (BasicConstraints CA=false or "
                    + "absent). Use the enrolment CA's own certificate.");
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= 5 || !keyUsage[5])) {
            throw new CaConfigurationException(source + ": the CA certificate's KeyUsage lacks keyCertSign.");
        }
        try {
            DevicePublicKey.fromSpki(certificate.getPublicKey().getEncoded()); // same rule: named P-256 only
        } catch (CryptoException.InvalidDeviceKey e) {
            throw new CaConfigurationException(source + ": the CA key is not ECDSA P-256 (" + e.getMessage()
                    + "). Create the enrolment CA with an EC secp256r1 key.", e);
        }
        PrivateKey bcKey;
        PublicKey bcPublic;
        try {
            KeyFactory factory = KeyFactory.getInstance("EC", BouncyCastle.provider());
            bcKey = factory.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
            bcPublic = factory.generatePublic(new X509EncodedKeySpec(certificate.getPublicKey().getEncoded()));
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(Certificates.SIGNATURE_ALGORITHM, BouncyCastle.provider());
            signer.initSign(bcKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(Certificates.SIGNATURE_ALGORITHM, BouncyCastle.provider());
            verifier.initVerify(bcPublic);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new CaConfigurationException(source + ": the private key does not belong to the certificate. "
                        + "Store the CA key with its own certificate.");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CaConfigurationException(source + ": the private key is not a usable EC P-256 key.", e);
        }
        return new EnrollmentCa(bcKey, certificate);
    }
}
