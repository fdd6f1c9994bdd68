package tw.mobileauth.credential;

/**
 * Bytes offered as a credential certificate are not a DER X.509 certificate whose subject is a
 * single {@link CredentialId} CN and whose key is an ECDSA P-256 device key. Raised when reading
 * a stored certificate back; a store that only holds what {@link CertificateIssuer} issued never
 * causes it, so treat it as corruption.
 */
public final class MalformedCertificateException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedCertificateException(String message) {
        super(message);
    }

    MalformedCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
