package tw.mobileauth.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An AES-256-GCM key that seals data at rest, such as the PII a pending enrolment needs until
 * it ends (docs/architecture.md, "Credentials and data at rest").
 *
 * <p>Format of a sealed value, all ASCII:
 * <pre>
 * v1.&lt;nonce&gt;.&lt;ciphertext&gt;
 * </pre>
 * where {@code nonce} is 12 random bytes and {@code ciphertext} is the GCM output (ciphertext
 * followed by the 16-byte tag), both unpadded base64url. The associated data is
 * {@code "mobileauth-tw/sealed/v1" ‖ 0x00 ‖ u32be(len(recordId)) ‖ UTF-8(recordId)}, so a value
 * opens only under the record id it was sealed for: swapping sealed values between records fails.
 *
 * <p>Nonces are random, so one key may seal at most about 2<sup>32</sup> values (NIST SP 800-38D
 * §8.3); rotate the key well before that. The JDK's own AES-GCM is used, because it runs on the
 * CPU's AES instructions.
 *
 * <p>The key is a secret from configuration. No {@code equals}; {@code toString} shows nothing.
 * Instances are immutable and thread-safe.
 */
public final class AeadKey {

    /** The key length, in bytes: 32 (AES-256). */
    public static final int KEY_BYTES = 32;

    private static final String VERSION = "v1";
    private static final String AAD_TAG = Framing.checkTag("mobileauth-tw/sealed/v1");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_SEALED_CHARS = 16 * 1024 * 1024;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final SecureRandom random;

    private AeadKey(byte[] keyBytes, SecureRandom random) {
        this.key = new SecretKeySpec(keyBytes, "AES"); // SecretKeySpec keeps its own copy
        this.random = random;
    }

    /**
     * {@return a key from configured bytes} The array is copied. Nonces come from a new
     * {@link SecureRandom}.
     *
     * @param keyBytes exactly {@value #KEY_BYTES} bytes
     * @throws IllegalArgumentException for any other length (configuration error)
     */
    public static AeadKey fromBytes(byte[] keyBytes) {
        Objects.requireNonNull(keyBytes, "keyBytes");
        if (keyBytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256-GCM key has " + keyBytes.length + " bytes; exactly "
                    + KEY_BYTES + " random bytes are required. Generate one with AeadKey.generate(new SecureRandom()).");
        }
        return new AeadKey(keyBytes, new SecureRandom());
    }

    /**
     * {@return a fresh random key; {@code random} also supplies the nonces}
     *
     * @param random the source of randomness
     */
    public static AeadKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        AeadKey key = new AeadKey(bytes, random);
        Framing.wipe(bytes);
        return key;
    }

    /**
     * {@return a copy of the raw key, to write to a secret store} Anything that calls this handles key
     * material; wipe the array when done.
     */
    public byte[] exposeRawBytesForStorage() {
        return key.getEncoded();
    }

    /**
     * Seals {@code plaintext} for the record {@code recordId}. The plaintext array is not modified;
     * the caller wipes it.
     *
     * @param plaintext the plaintext value
     * @param recordId the record id
     * @return {@code v1.<nonce>.<ciphertext>}, base64url parts
     */
    public String encrypt(byte[] plaintext, String recordId) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(recordId, "recordId");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(recordId));
            byte[] sealed = cipher.doFinal(plaintext);
            return VERSION + '.' + B64URL.encodeToString(nonce) + '.' + B64URL.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is unavailable in this JDK", e);
        }
    }

    /**
     * Opens a value sealed by {@link #encrypt(byte[], String)} for the same record id.
     *
     * @param sealed the sealed value
     * @param recordId the record id
     * @return the plaintext; the caller wipes it
     * @throws CryptoException.DecryptionFailed if the value is not in the v1 format, was modified,
     *         was sealed under another key, or for another record id
     */
    public byte[] decrypt(String sealed, String recordId) throws CryptoException.DecryptionFailed {
        Objects.requireNonNull(recordId, "recordId");
        if (sealed == null || sealed.length() > MAX_SEALED_CHARS) {
            throw new CryptoException.DecryptionFailed("sealed value is missing or too long");
        }
        int first = sealed.indexOf('.');
        int second = first < 0 ? -1 : sealed.indexOf('.', first + 1);
        if (first < 0 || second < 0 || sealed.indexOf('.', second + 1) >= 0
                || !VERSION.equals(sealed.substring(0, first))) {
            throw new CryptoException.DecryptionFailed("sealed value is not in the format v1.<nonce>.<ciphertext>");
        }
        byte[] nonce = strictBase64Url(sealed.substring(first + 1, second));
        byte[] ciphertext = strictBase64Url(sealed.substring(second + 1));
        if (nonce.length != NONCE_BYTES || ciphertext.length < TAG_BITS / 8) {
            throw new CryptoException.DecryptionFailed("sealed value has a wrong nonce or ciphertext length");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(recordId));
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new CryptoException.DecryptionFailed(
                    "sealed value failed authentication: modified, sealed under another key, or for another record");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is unavailable in this JDK", e);
        }
    }

    /** Redacted: a key never shows its bytes. */
    @Override
    public String toString() {
        return "AeadKey[redacted]";
    }

    private static byte[] aad(String recordId) {
        return Framing.frame(AAD_TAG, Framing.utf8(recordId));
    }

    /** Unpadded base64url in its one canonical spelling, or {@code DecryptionFailed}. */
    private static byte[] strictBase64Url(String text) throws CryptoException.DecryptionFailed {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new CryptoException.DecryptionFailed("sealed value is not unpadded base64url");
        }
        if (!B64URL.encodeToString(bytes).equals(text)) {
            throw new CryptoException.DecryptionFailed("sealed value is not unpadded, canonical base64url");
        }
        return bytes;
    }
}
