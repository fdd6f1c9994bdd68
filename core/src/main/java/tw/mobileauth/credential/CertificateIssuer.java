package tw.mobileauth.credential;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.crypto.DevicePublicKey;

/**
 * Issues the X.509 v3 credential certificate for an enrolled device key, signed by the
 * {@link EnrollmentCa} with SHA256withECDSA on the BouncyCastle provider (docs/architecture.md, "Credentials and data at rest").
 *
 * <pre>{@code
 * CertificateIssuer issuer = CertificateIssuer.builder(ca).lifetime(Duration.ofDays(365)).clock(clock).build();
 * CredentialCertificate issued = issuer.issue(devicePublicKey);
 * store.save(issued.credentialId(), issued.der(), ...);
 * }</pre>
 *
 * <p>Every certificate has:
 * <ul>
 *   <li>subject {@code CN=<credential id>}, a fresh random {@link CredentialId}, and nothing
 *       else: <strong>no PII</strong> (no name, ID number, phone or birth date) anywhere in it;</li>
 *   <li>a random positive 128-bit serial;</li>
 *   <li>notBefore = now − {@value #NOT_BEFORE_BACKDATE_MINUTES} minutes (tolerates clients whose
 *       clocks run slightly behind), notAfter = now + lifetime, but never after the CA's own
 *       notAfter;</li>
 *   <li>KeyUsage digitalSignature (critical), ExtendedKeyUsage clientAuth, BasicConstraints
 *       CA=false (critical), SubjectKeyIdentifier of the device key, AuthorityKeyIdentifier of the
 *       CA key.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class CertificateIssuer {

    /** Default lifetime of a credential certificate: 365 days. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(365);
    /** How far notBefore is set before the issuing instant, in minutes: {@value}. */
    public static final int NOT_BEFORE_BACKDATE_MINUTES = 5;

    private static final Logger LOG = LoggerFactory.getLogger(CertificateIssuer.class);
    private static final Duration BACKDATE = Duration.ofMinutes(NOT_BEFORE_BACKDATE_MINUTES);

    private final EnrollmentCa ca;
    private final X500Name issuerName;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;
    private final Instant caNotBefore;
    private final Instant caNotAfter;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random;

    private CertificateIssuer(Builder b) {
        this.ca = b.ca;
        X509Certificate caCertificate = b.ca.certificate();
        try {
            this.issuerName = new JcaX509CertificateHolder(caCertificate).getSubject();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the CA certificate cannot be encoded", e);
        }
        this.authorityKeyIdentifier = new AuthorityKeyIdentifier(b.ca.keyIdentifier());
        this.caNotBefore = caCertificate.getNotBefore().toInstant();
        this.caNotAfter = caCertificate.getNotAfter().toInstant();
        this.lifetime = b.lifetime;
        this.clock = b.clock;
        this.random = b.random;
    }

    /**
     * Starts configuring an issuer for {@code ca}; the other settings have defaults.
     *
     * @param ca the ca value
     * @return this builder
     */
    public static Builder builder(EnrollmentCa ca) {
        return new Builder(Objects.requireNonNull(ca, "ca"));
    }

    /**
     * Issues a certificate for {@code deviceKey} under a new random credential id.
     *
     * @param deviceKey the device key
     * @return the credential certificate
     * @throws IllegalStateException if the CA certificate is not valid at the clock's now
     *         (expired or not yet valid): rotate the CA, keeping the old one in {@link TrustedCas}
     */
    public CredentialCertificate issue(DevicePublicKey deviceKey) {
        Objects.requireNonNull(deviceKey, "deviceKey");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (now.isBefore(caNotBefore) || now.isAfter(caNotAfter)) {
            throw new IllegalStateException("the enrolment CA is valid " + caNotBefore + " .. " + caNotAfter
                    + ", not at " + now + ". Rotate the CA and keep the old certificate in TrustedCas.");
        }
        Instant notBefore = max(now.minus(BACKDATE), caNotBefore);
        Instant notAfter = min(now.plus(lifetime), caNotAfter);
        CredentialId id = CredentialId.generate(random);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, id.value()).build();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(deviceKey.spki());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, Certificates.randomSerial(random),
                Date.from(notBefore), Date.from(notAfter), subject, spki);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(Certificates.keyIdentifier(spki)));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier);
        } catch (CertIOException e) {
            throw new IllegalStateException("BouncyCastle could not encode a certificate extension", e);
        }
        X509CertificateHolder holder = builder.build(Certificates.signer(ca.signingKey(), random));
        byte[] der;
        try {
            der = holder.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("BouncyCastle could not encode the certificate it built", e);
        }
        return new CredentialCertificate(id, deviceKey, Certificates.toX509(holder), der);
    }

    /** {@return the issuing CA's certificate} */
    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** {@code CertificateIssuer[ca=…, lifetime=…]}. */
    @Override
    public String toString() {
        return "CertificateIssuer[ca=" + ca.certificate().getSubjectX500Principal().getName() + ", lifetime=" + lifetime + "]";
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Configures a {@link CertificateIssuer}; the CA is given up front, everything else has a default. */
    public static final class Builder {
        private static final Duration MIN_LIFETIME = Duration.ofMinutes(10);
        private static final Duration MAX_LIFETIME = Duration.ofDays(10 * 365);

        private final EnrollmentCa ca;
        private Duration lifetime = DEFAULT_LIFETIME;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();

        private Builder(EnrollmentCa ca) {
            this.ca = ca;
        }

        /**
         * {@return how long an issued certificate is valid; default 365 days, allowed 10 minutes .. 10 years}
         * It is cut short when the CA itself expires sooner.
         *
         * @param lifetime the lifetime value
         */
        public Builder lifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
                throw new IllegalArgumentException("certificate lifetime must be 10 minutes .. 10 years, was " + lifetime);
            }
            this.lifetime = lifetime;
            return this;
        }

        /**
         * {@return the clock for validity periods; default {@code Clock.systemUTC()}}
         *
         * @param clock the clock that decides expiry
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return source of credential ids, serials and signature nonces; default {@code new SecureRandom()}}
         *
         * @param random the source of randomness
         */
        public Builder secureRandom(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * {@return the issuer} Logs a WARN when the CA expires before {@code now + lifetime}, because
         * certificates issued from then on will be shorter than configured.
         */
        public CertificateIssuer build() {
            CertificateIssuer issuer = new CertificateIssuer(this);
            Instant wanted = clock.instant().plus(lifetime);
            if (issuer.caNotAfter.isBefore(wanted)) {
                LOG.warn("The enrolment CA expires at {}, before the configured certificate lifetime ({}) ends; "
                        + "certificates will be cut short. Plan a CA rotation.", issuer.caNotAfter, lifetime);
            }
            return issuer;
        }
    }
}
