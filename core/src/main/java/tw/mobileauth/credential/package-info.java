/**
 * Device credentials ("行動電話憑證", docs/architecture.md, "Credentials and data at rest"): the enrolment CA, the certificates it issues
 * for device keys, and the set of CAs a portal trusts while it rotates its CA.
 *
 * <ul>
 *   <li>{@link tw.mobileauth.credential.EnrollmentCa}: the CA key and certificate, from PKCS#12
 *       (or a loudly-labelled development CA);</li>
 *   <li>{@link tw.mobileauth.credential.CertificateIssuer}: issues a
 *       {@link tw.mobileauth.credential.CredentialCertificate} whose subject is an opaque
 *       {@link tw.mobileauth.credential.CredentialId} and which contains no PII;</li>
 *   <li>{@link tw.mobileauth.credential.TrustedCas}: signature and validity checks at login.</li>
 * </ul>
 *
 * <p>All signing and verification uses the one unregistered BouncyCastle provider instance.
 */
package tw.mobileauth.credential;
