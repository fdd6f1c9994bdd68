package tw.mobileauth.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;
import tw.mobileauth.crypto.internal.BouncyCastle;

/**
 * An ECDSA P-256 device key pair held in Java: what the browser's WebCrypto key does, for tests
 * and non-browser clients (a native app, a load generator).
 *
 * <pre>{@code
 * DeviceKey device = DeviceKey.generate(new SecureRandom());
 * byte[] spki = device.publicKeySpki();                      // send at enrolment
 * byte[] sig  = device.sign(SignedMessages.login(nonce, credentialId, origin));
 * }</pre>
 *
 * <p>{@link #sign(byte[])} returns the 64-byte P1363 form {@code r ‖ s}, exactly like
 * {@code crypto.subtle.sign({name: "ECDSA", hash: "SHA-256"}, …)}. The private key never leaves
 * this object; {@code toString} shows only the public fingerprint. Thread-safe.
 */
public final class DeviceKey {

    private final PrivateKey privateKey;
    private final DevicePublicKey publicKey;
    private final SecureRandom random;

    private DeviceKey(PrivateKey privateKey, DevicePublicKey publicKey, SecureRandom random) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.random = random;
    }

    /**
     * {@return a fresh P-256 key pair; {@code random} also supplies the signing nonces}
     *
     * @param random the source of randomness
     */
    public static DeviceKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            return new DeviceKey(pair.getPrivate(), DevicePublicKey.fromSpki(pair.getPublic().getEncoded()), random);
        } catch (GeneralSecurityException | CryptoException.InvalidDeviceKey e) {
            throw new IllegalStateException("BouncyCastle could not make a P-256 key pair", e);
        }
    }

    /** {@return the public key as DER SubjectPublicKeyInfo, like WebCrypto's {@code exportKey("spki", …)}} */
    public byte[] publicKeySpki() {
        return publicKey.spki();
    }

    /** {@return the public key} */
    public DevicePublicKey publicKey() {
        return publicKey;
    }

    /**
     * {@return SHA256withECDSA over {@code data}, as 64 bytes {@code r ‖ s} (P1363, WebCrypto's format)}
     *
     * @param data the data value
     */
    public byte[] sign(byte[] data) {
        Objects.requireNonNull(data, "data");
        try {
            Signature signer = Signature.getInstance("SHA256withPLAIN-ECDSA", BouncyCastle.provider());
            signer.initSign(privateKey, random);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle could not sign with P-256", e);
        }
    }

    /** {@code DeviceKey[P-256, sha256=<public key fingerprint>]}; never the private key. */
    @Override
    public String toString() {
        return "DeviceKey[P-256, sha256=" + publicKey.fingerprint() + "]";
    }
}
