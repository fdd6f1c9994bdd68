package tw.mobileauth.credential;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.DevicePublicKey;

/**
 * An issued device credential certificate ("行動電話憑證", docs/architecture.md, "Credentials and data at rest") with the parts a service
 * needs already read out: the credential id (subject CN) and the device public key.
 *
 * <p>Store {@link #der()}; read it back with {@link #fromDer(byte[])}. Immutable and thread-safe.
 * Equal when the DER bytes are equal. The certificate holds no PII, so {@code toString} may show
 * the credential id and serial.
 */
public final class CredentialCertificate {

    private static final int MAX_DER_BYTES = 16 * 1024;

    private final CredentialId credentialId;
    private final DevicePublicKey devicePublicKey;
    private final X509Certificate certificate;
    private final byte[] der;

    CredentialCertificate(CredentialId credentialId, DevicePublicKey devicePublicKey, X509Certificate certificate, byte[] der) {
        this.credentialId = credentialId;
        this.devicePublicKey = devicePublicKey;
        this.certificate = certificate;
        this.der = der;
    }

    /**
     * Reads a certificate written by {@link #der()}.
     *
     * @param der the der value
     * @return the credential certificate
     * @throws MalformedCertificateException if {@code der} is not one DER X.509 certificate with
     *         a single {@code CN=mat_…} subject and an ECDSA P-256 key
     */
    public static CredentialCertificate fromDer(byte[] der) throws MalformedCertificateException {
        if (der == null || der.length == 0 || der.length > MAX_DER_BYTES) {
            throw new MalformedCertificateException("credential certificate is missing or longer than " + MAX_DER_BYTES + " bytes");
        }
        byte[] copy = der.clone();
        X509CertificateHolder holder;
        try {
            holder = new X509CertificateHolder(copy);
            if (!Arrays.equals(holder.getEncoded(), copy)) {
                throw new MalformedCertificateException("credential certificate is not in canonical DER");
            }
        } catch (IOException | RuntimeException e) {
            throw new MalformedCertificateException("credential certificate is not a DER X.509 certificate", e);
        }
        CredentialId id = subjectCredentialId(holder).orElseThrow(() -> new MalformedCertificateException(
                "credential certificate subject is not a single CN=mat_… credential id"));
        DevicePublicKey key;
        try {
            key = DevicePublicKey.fromSpki(holder.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER));
        } catch (IOException | CryptoException.InvalidDeviceKey e) {
            throw new MalformedCertificateException("credential certificate key is not an ECDSA P-256 device key", e);
        }
        return new CredentialCertificate(id, key, Certificates.toX509(holder), copy);
    }

    /** {@return the credential id, from the subject CN} */
    public CredentialId credentialId() {
        return credentialId;
    }

    /** {@return the device public key the certificate binds; it verifies the device's login signatures} */
    public DevicePublicKey devicePublicKey() {
        return devicePublicKey;
    }

    /** {@return the certificate, e.g. for {@link TrustedCas#verify(X509Certificate, Instant)}} */
    public X509Certificate x509Certificate() {
        return certificate;
    }

    /** {@return a copy of the DER encoding, the form to store} */
    public byte[] der() {
        return der.clone();
    }

    /** {@return PEM ({@code -----BEGIN CERTIFICATE-----}, 64-character lines), e.g. to hand to a client} */
    public String pem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    }

    /** {@return the serial number: random, positive, 128 bits} */
    public BigInteger serialNumber() {
        return certificate.getSerialNumber();
    }

    /**
     * Start of validity (inclusive).
     *
     * @return the instant
     */
    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    /** {@return end of validity (inclusive)} */
    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CredentialCertificate && Arrays.equals(der, ((CredentialCertificate) other).der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    /** {@code CredentialCertificate[mat_…, serial=<hex>, notAfter=…]}. */
    @Override
    public String toString() {
        return "CredentialCertificate[" + credentialId + ", serial=" + serialNumber().toString(16)
                + ", notAfter=" + notAfter() + "]";
    }

    private static Optional<CredentialId> subjectCredentialId(X509CertificateHolder holder) {
        RDN[] rdns = holder.getSubject().getRDNs();
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            return Optional.empty();
        }
        AttributeTypeAndValue cn = rdns[0].getFirst();
        if (!BCStyle.CN.equals(cn.getType())) {
            return Optional.empty();
        }
        return cn.getValue() instanceof ASN1String
                ? CredentialId.parse(((ASN1String) cn.getValue()).getString())
                : Optional.empty();
    }
}
