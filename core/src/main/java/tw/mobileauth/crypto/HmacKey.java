package tw.mobileauth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 key that turns identifying values into <em>keyed verifiers</em>: values a store
 * can keep and compare without revealing what they are (docs/architecture.md, "Credentials and data at rest").
 *
 * <p>Uses:
 * <ul>
 *   <li>the subject key, {@code verifier("subject", nationalId)}, the same for every credential of
 *       a person, so it can index them;</li>
 *   <li>per-credential verifiers, {@code verifier("birth-date", credentialId, "1980-01-31")} and
 *       {@code verifier("name", credentialId, nameComparisonKey)}, which differ between
 *       credentials even for equal values, so a store dump cannot be joined on them;</li>
 *   <li>the optional password pepper of {@link Argon2idPasswordHasher}.</li>
 * </ul>
 *
 * <p>Encoding: the MAC input is {@code "mobileauth-tw/verifier/v1" ‖ 0x00 ‖ field(purpose) ‖
 * [field(scope)] ‖ field(value)}, where {@code field(x) = u32be(len(x)) ‖ x} and strings are
 * UTF-8 (an unpaired surrogate is kept as its own three-byte sequence, so distinct strings never
 * collide). A verifier is the 32-byte MAC in unpadded base64url: 43 characters.
 *
 * <p>Values are expected to be validated and normalised by the identity types first; a
 * {@code null} argument is a programming error ({@code NullPointerException}), an invalid
 * purpose an {@code IllegalArgumentException}. {@code matches} never throws for any stored value.
 *
 * <p>The key is a secret: it comes from configuration, never from the store it protects. This
 * class has no {@code equals} and its {@code toString} shows nothing. Instances are immutable and
 * thread-safe.
 */
public final class HmacKey {

    /** The minimum key length, in bytes: 32 (256 bits). */
    public static final int MIN_KEY_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERIFIER_TAG = Framing.checkTag("mobileauth-tw/verifier/v1");
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    private HmacKey(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, ALGORITHM);
    }

    /**
     * {@return a key from configured bytes} The array is copied; the caller may wipe its own copy.
     *
     * @param keyBytes at least {@value #MIN_KEY_BYTES} bytes
     * @throws IllegalArgumentException if the key is shorter than {@value #MIN_KEY_BYTES} bytes
     *         (configuration error: generate one with {@link #generate(SecureRandom)})
     */
    public static HmacKey fromBytes(byte[] keyBytes) {
        Objects.requireNonNull(keyBytes, "keyBytes");
        if (keyBytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("HMAC key has " + keyBytes.length + " bytes; at least "
                    + MIN_KEY_BYTES + " random bytes are required. Generate one with HmacKey.generate(new SecureRandom()).");
        }
        return new HmacKey(keyBytes); // SecretKeySpec keeps its own copy
    }

    /**
     * {@return a fresh random 32-byte key}
     *
     * @param random the source of randomness
     */
    public static HmacKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[MIN_KEY_BYTES];
        random.nextBytes(bytes);
        HmacKey key = new HmacKey(bytes);
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
     * {@return the keyed verifier of {@code value} for {@code purpose}: 43 characters of base64url}
     * Deterministic: the same key, purpose and value always give the same verifier.
     *
     * @param purpose a constant naming the use, {@code [a-z0-9][a-z0-9._-]{0,63}},
     *                e.g. {@code "subject"}; verifiers for different purposes are unrelated
     * @param value   the value, e.g. a normalised national ID
     */
    public String verifier(String purpose, String value) {
        return B64URL.encodeToString(verifierBytes(purpose, null, value));
    }

    /**
     * {@return the keyed verifier of {@code value} for {@code purpose}, bound to {@code scope} (typically
     * a credential id), so equal values in different scopes give unrelated verifiers}
     *
     * @param purpose as in {@link #verifier(String, String)}
     * @param scope   the scope, e.g. the credential id
     * @param value   the value, e.g. an ISO birth date {@code 1980-01-31}
     */
    public String verifier(String purpose, String scope, String value) {
        Objects.requireNonNull(scope, "scope");
        return B64URL.encodeToString(verifierBytes(purpose, scope, value));
    }

    /**
     * {@return whether {@code storedVerifier} is the verifier of {@code value} for {@code purpose}, compared
     * in constant time} Only the exact 43-character form {@link #verifier(String, String)} returns
     * matches; anything else (including {@code null}) simply does not.
     *
     * @param storedVerifier the stored verifier
     * @param purpose the purpose value
     * @param value the value
     */
    public boolean matches(String storedVerifier, String purpose, String value) {
        return matchesExpected(storedVerifier, verifierBytes(purpose, null, value));
    }

    /**
     * {@return the scoped form of {@link #matches(String, String, String)}}
     *
     * @param storedVerifier the stored verifier
     * @param purpose the purpose value
     * @param scope the scope value
     * @param value the value
     */
    public boolean matches(String storedVerifier, String purpose, String scope, String value) {
        Objects.requireNonNull(scope, "scope");
        return matchesExpected(storedVerifier, verifierBytes(purpose, scope, value));
    }

    /** Redacted: a key never shows its bytes. */
    @Override
    public String toString() {
        return "HmacKey[redacted]";
    }

    /** Raw HMAC-SHA256 of {@code message} (used by the password pepper). */
    byte[] mac(byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
        }
    }

    private static boolean matchesExpected(String storedVerifier, byte[] expected) {
        // Compare the canonical spellings, so only the exact stored form matches.
        byte[] expectedText = B64URL.encode(expected);
        byte[] storedText = storedVerifier == null ? new byte[0] : storedVerifier.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expectedText, storedText);
    }

    /**
     * {@code [a-z0-9][a-z0-9._-]{0,63}}, checked without a regex: this runs several times on every
     * login, and the login path stays free of regular expressions.
     */
    private static boolean isPurpose(String purpose) {
        int n = purpose.length();
        if (n == 0 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = purpose.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    private byte[] verifierBytes(String purpose, String scope, String value) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(value, "value");
        if (!isPurpose(purpose)) {
            throw new IllegalArgumentException("verifier purpose must match [a-z0-9][a-z0-9._-]{0,63}, e.g. \"subject\"");
        }
        byte[] purposeBytes = purpose.getBytes(StandardCharsets.US_ASCII);
        byte[] valueBytes = Framing.utf8(value);
        byte[] input = scope == null
                ? Framing.frame(VERIFIER_TAG, purposeBytes, valueBytes)
                : Framing.frame(VERIFIER_TAG, purposeBytes, Framing.utf8(scope), valueBytes);
        Framing.wipe(valueBytes);
        try {
            return mac(input);
        } finally {
            Framing.wipe(input);
        }
    }
}
