package tw.mobileauth.credential;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import tw.mobileauth.crypto.internal.BouncyCastle;

/** X.509 plumbing shared by the CA, the issuer and the trust check; all on the BC provider instance. */
final class Certificates {

    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /** ecdsa-with-SHA256. */
    static final String SIGNATURE_OID = "1.2.840.10045.4.3.2";

    private Certificates() {
    }

    /** A random positive serial of 128 bits (RFC 5280 §4.1.2.2 allows up to 20 octets). */
    static BigInteger randomSerial(SecureRandom random) {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    /** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's value. */
    static byte[] keyIdentifier(SubjectPublicKeyInfo spki) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(spki.getPublicKeyData().getBytes());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is unavailable in this JDK", e);
        }
    }

    /** The certificate's own SubjectKeyIdentifier, or one computed from its key when it has none. */
    static byte[] subjectKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension != null) {
            ASN1OctetString outer = ASN1OctetString.getInstance(extension);
            return ASN1OctetString.getInstance(outer.getOctets()).getOctets();
        }
        return keyIdentifier(SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()));
    }

    static ContentSigner signer(PrivateKey key, SecureRandom random) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                    .setProvider(BouncyCastle.provider()).setSecureRandom(random).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("BouncyCastle cannot sign with the CA key", e);
        }
    }

    static X509Certificate toX509(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().setProvider(BouncyCastle.provider()).getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalStateException("BouncyCastle cannot read the certificate it just built", e);
        }
    }

    /** Whether {@code certificate} carries an ecdsa-with-SHA256 signature by {@code issuerKey}. */
    static boolean isSignedBy(X509Certificate certificate, PublicKey issuerKey) {
        if (!SIGNATURE_OID.equals(certificate.getSigAlgOID())) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM, BouncyCastle.provider());
            verifier.initVerify(issuerKey);
            verifier.update(certificate.getTBSCertificate());
            return verifier.verify(certificate.getSignature());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
