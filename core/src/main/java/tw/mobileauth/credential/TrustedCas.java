package tw.mobileauth.credential;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import tw.mobileauth.crypto.internal.BouncyCastle;

/**
 * The enrolment CA certificates a portal trusts, so the CA can be rotated (docs/architecture.md, "Credentials and data at rest"): issue
 * with the new CA while the old one stays trusted until the last certificate it issued expires,
 * then drop it.
 *
 * <pre>{@code
 * TrustedCas trusted = TrustedCas.of(newCa.certificate(), oldCa.certificate()).withClock(clock);
 * if (trusted.verify(credential.x509Certificate()) != TrustedCas.Verdict.VALID) { ...fail the login... }
 * }</pre>
 *
 * <p>{@link #verify(X509Certificate, Instant)} checks that the certificate is an end-entity
 * certificate signed (ecdsa-with-SHA256) by one of the trusted CAs, and that both it and that CA
 * are within their validity at the instant (bounds inclusive). Revocation is the credential
 * store's job, not this class's. Immutable and thread-safe.
 */
public final class TrustedCas {

    /** The outcome of {@link #verify(X509Certificate, Instant)}; precise, for audit events. */
    public enum Verdict {
        /** Signed by a trusted CA, and it and the CA are valid at the instant. */
        VALID,
        /** Signed by a trusted CA, but the instant is before its (or the CA's) notBefore. */
        NOT_YET_VALID,
        /** Signed by a trusted CA, but the instant is after its (or the CA's) notAfter. */
        EXPIRED,
        /** Not signed by any trusted CA, or not an end-entity certificate. */
        UNTRUSTED
    }

    private final List<Anchor> anchors;
    private final Clock clock;

    private TrustedCas(List<Anchor> anchors, Clock clock) {
        this.anchors = anchors;
        this.clock = clock;
    }

    /**
     * Trusts {@code first} and {@code more}; validity is judged by {@code Clock.systemUTC()} unless {@link #withClock changed}.
     *
     * @param first the first value
     * @param more the more value
     * @return the trusted cas
     */
    public static TrustedCas of(X509Certificate first, X509Certificate... more) {
        List<X509Certificate> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(more));
        return of(all);
    }

    /**
     * Trusts every certificate in {@code cas}.
     *
     * @param cas the cas value
     * @return the trusted cas
     * @throws IllegalArgumentException if {@code cas} is empty or one of them is not an ECDSA
     *         P-256 CA certificate (a configuration error)
     */
    public static TrustedCas of(Collection<X509Certificate> cas) {
        Objects.requireNonNull(cas, "cas");
        if (cas.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted enrolment CA certificate is required");
        }
        List<Anchor> anchors = new ArrayList<>();
        for (X509Certificate ca : cas) {
            Objects.requireNonNull(ca, "ca");
            if (ca.getBasicConstraints() < 0) {
                throw new IllegalArgumentException("not a CA certificate (BasicConstraints CA=false or absent): "
                        + ca.getSubjectX500Principal().getName());
            }
            try {
                PublicKey key = KeyFactory.getInstance("EC", BouncyCastle.provider())
                        .generatePublic(new X509EncodedKeySpec(ca.getPublicKey().getEncoded()));
                anchors.add(new Anchor(ca, ca.getSubjectX500Principal(), key));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("CA certificate key is not an EC key: "
                        + ca.getSubjectX500Principal().getName(), e);
            }
        }
        return new TrustedCas(List.copyOf(anchors), Clock.systemUTC());
    }

    /**
     * {@return the same CAs, judging validity by {@code clock}}
     *
     * @param clock the clock that decides expiry
     */
    public TrustedCas withClock(Clock clock) {
        return new TrustedCas(anchors, Objects.requireNonNull(clock, "clock"));
    }

    /** {@return the trusted CA certificates, in the order given} */
    public List<X509Certificate> certificates() {
        List<X509Certificate> out = new ArrayList<>(anchors.size());
        for (Anchor anchor : anchors) {
            out.add(anchor.certificate);
        }
        return List.copyOf(out);
    }

    /**
     * {@return {@link #verify(X509Certificate, Instant)} at the clock's now}
     *
     * @param certificate the certificate value
     */
    public Verdict verify(X509Certificate certificate) {
        return verify(certificate, clock.instant());
    }

    /**
     * {@return whether {@code certificate} is signed by a trusted CA and valid at {@code at}; see {@link Verdict}}
     *
     * @param certificate the certificate value
     * @param at the at value
     */
    public Verdict verify(X509Certificate certificate, Instant at) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(at, "at");
        if (certificate.getBasicConstraints() >= 0) {
            return Verdict.UNTRUSTED;
        }
        for (Anchor anchor : anchors) {
            if (anchor.subject.equals(certificate.getIssuerX500Principal())
                    && Certificates.isSignedBy(certificate, anchor.publicKey)) {
                Verdict own = validity(certificate, at);
                return own != Verdict.VALID ? own : validity(anchor.certificate, at);
            }
        }
        return Verdict.UNTRUSTED;
    }

    /** {@code TrustedCas[<subject>, …]}. */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Anchor anchor : anchors) {
            names.add(anchor.subject.getName());
        }
        return "TrustedCas" + names;
    }

    private static Verdict validity(X509Certificate certificate, Instant at) {
        if (at.isBefore(certificate.getNotBefore().toInstant())) {
            return Verdict.NOT_YET_VALID;
        }
        if (at.isAfter(certificate.getNotAfter().toInstant())) {
            return Verdict.EXPIRED;
        }
        return Verdict.VALID;
    }

    private static final class Anchor {
        final X509Certificate certificate;
        final X500Principal subject;
        final PublicKey publicKey;

        Anchor(X509Certificate certificate, X500Principal subject, PublicKey publicKey) {
            this.certificate = certificate;
            this.subject = subject;
            this.publicKey = publicKey;
        }
    }
}
