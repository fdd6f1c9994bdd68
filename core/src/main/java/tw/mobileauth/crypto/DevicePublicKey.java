package tw.mobileauth.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import tw.mobileauth.crypto.internal.BouncyCastle;

/**
 * A device's ECDSA P-256 public key: the browser's non-extractable WebCrypto key (docs/signed-messages.md),
 * as exported with {@code crypto.subtle.exportKey("spki", publicKey)}.
 *
 * <p>Accepted: the DER SubjectPublicKeyInfo with algorithm {@code id-ecPublicKey}, the named curve
 * {@code prime256v1} (secp256r1, P-256) and a 65-byte uncompressed point that lies on the curve,
 * encoded exactly as DER (so one key has one encoding and one {@link #fingerprint()}).
 * Everything else (RSA, other curves, explicit parameters, compressed points, trailing bytes) is
 * rejected with {@link CryptoException.InvalidDeviceKey}.
 *
 * <p>Signatures are verified as SHA256withECDSA with the shared BouncyCastle provider, on a
 * per-thread {@link Signature} and a key parsed once. Immutable and thread-safe. Equal when the
 * SPKI bytes are equal; a public key is not a secret, so {@code toString} shows the fingerprint.
 */
public final class DevicePublicKey {

    /** Length of a P1363 (raw {@code r ‖ s}) P-256 signature, as WebCrypto produces: 64 bytes. */
    public static final int P1363_SIGNATURE_BYTES = 64;

    private static final int MAX_SPKI_BYTES = 256;
    private static final int MIN_DER_SIGNATURE_BYTES = 8;
    private static final int MAX_DER_SIGNATURE_BYTES = 72;
    private static final ThreadLocal<Signature> DER_VERIFIER =
            ThreadLocal.withInitial(() -> newSignature("SHA256withECDSA"));
    private static final ThreadLocal<Signature> P1363_VERIFIER =
            ThreadLocal.withInitial(() -> newSignature("SHA256withPLAIN-ECDSA"));

    private final byte[] spki;
    private final PublicKey key;
    private final String fingerprint;

    private DevicePublicKey(byte[] spki, PublicKey key) {
        this.spki = spki;
        this.key = key;
        this.fingerprint = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(spki));
    }

    /**
     * Parses and validates a device public key.
     *
     * @param spki DER SubjectPublicKeyInfo of an ECDSA P-256 key (91 bytes from WebCrypto);
     *             copied, so the caller may reuse the array
     * @return the device public key
     * @throws CryptoException.InvalidDeviceKey if {@code spki} is {@code null} or is not such a key
     */
    public static DevicePublicKey fromSpki(byte[] spki) throws CryptoException.InvalidDeviceKey {
        if (spki == null || spki.length == 0 || spki.length > MAX_SPKI_BYTES) {
            throw invalid("missing or longer than " + MAX_SPKI_BYTES + " bytes");
        }
        byte[] copy = spki.clone();
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(copy));
        } catch (Exception e) { // IOException, IllegalArgumentException, ClassCastException … from BC's parser
            throw invalid("not a DER SubjectPublicKeyInfo");
        }
        AlgorithmIdentifier algorithm = info.getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            throw invalid("algorithm is " + algorithm.getAlgorithm().getId() + ", not EC (1.2.840.10045.2.1)");
        }
        if (!X9ObjectIdentifiers.prime256v1.equals(algorithm.getParameters())) {
            throw invalid("curve is not the named curve P-256 (prime256v1, 1.2.840.10045.3.1.7)");
        }
        byte[] point;
        try {
            if (info.getPublicKeyData().getPadBits() != 0) {
                throw invalid("public key BIT STRING has unused bits");
            }
            point = info.getPublicKeyData().getOctets();
            if (!Arrays.equals(info.getEncoded(ASN1Encoding.DER), copy)) {
                throw invalid("not in canonical DER");
            }
        } catch (CryptoException.InvalidDeviceKey e) {
            throw e;
        } catch (Exception e) {
            throw invalid("not in canonical DER");
        }
        if (point.length != 65 || point[0] != 0x04) {
            throw invalid("point is not a 65-byte uncompressed P-256 point");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC", BouncyCastle.provider()).generatePublic(new X509EncodedKeySpec(copy));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw invalid("point is not on the P-256 curve");
        }
        if (!(key instanceof ECPublicKey) || !((ECPublicKey) key).getQ().isValid()
                || ((ECPublicKey) key).getQ().isInfinity()) {
            throw invalid("point is not on the P-256 curve");
        }
        return new DevicePublicKey(copy, key);
    }

    /** {@return a copy of the DER SubjectPublicKeyInfo} */
    public byte[] spki() {
        return spki.clone();
    }

    /**
     * {@return SHA-256 of the SPKI, unpadded base64url (43 characters): a stable name for this key, e.g.
     * to detect that two enrolments used the same device key}
     */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * {@return whether {@code signature} is a valid SHA256withECDSA signature by this key over
     * {@code data}}
     *
     * <p>Accepts both encodings: the 64-byte IEEE P1363 form {@code r ‖ s} that WebCrypto's
     * {@code crypto.subtle.sign({name: "ECDSA", hash: "SHA-256"}, …)} returns, and ASN.1 DER
     * ({@code SEQUENCE { INTEGER r, INTEGER s }}, 8–72 bytes) as the JDK and most other
     * libraries produce. A 64-byte value is tried as P1363 first, then as DER. Never throws: any
     * malformed or {@code null} input is simply not a valid signature.
     *
     * @param data the data value
     * @param signature the signature value
     */
    public boolean verify(byte[] data, byte[] signature) {
        if (data == null || signature == null) {
            return false;
        }
        if (signature.length == P1363_SIGNATURE_BYTES && verifyWith(P1363_VERIFIER.get(), data, signature)) {
            return true;
        }
        if (signature.length < MIN_DER_SIGNATURE_BYTES || signature.length > MAX_DER_SIGNATURE_BYTES
                || signature[0] != 0x30) {
            return false;
        }
        return verifyWith(DER_VERIFIER.get(), data, signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DevicePublicKey && Arrays.equals(spki, ((DevicePublicKey) other).spki);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(spki);
    }

    /** {@code DevicePublicKey[P-256, sha256=<fingerprint>]}. */
    @Override
    public String toString() {
        return "DevicePublicKey[P-256, sha256=" + fingerprint + "]";
    }

    private boolean verifyWith(Signature verifier, byte[] data, byte[] signature) {
        try {
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException malformed) {
            return false;
        }
    }

    private static Signature newSignature(String algorithm) {
        try {
            return Signature.getInstance(algorithm, BouncyCastle.provider());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("BouncyCastle lacks " + algorithm, e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    private static CryptoException.InvalidDeviceKey invalid(String why) {
        return new CryptoException.InvalidDeviceKey("device public key rejected: " + why
                + ". Send the browser key as crypto.subtle.exportKey(\"spki\", key) of an ECDSA P-256 key.");
    }
}
