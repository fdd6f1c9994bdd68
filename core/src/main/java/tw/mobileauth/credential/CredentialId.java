package tw.mobileauth.credential;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The opaque id of an issued device credential: {@code mat_} followed by 128 random bits in
 * unpadded base64url (22 characters), e.g. {@code mat_Xy3k9Qp0VwL2aB7cD8eF1g}.
 *
 * <p>It is the certificate's subject CN and the key of the credential record. It is random, so it
 * says nothing about the person; it is an identifier, not a secret, and may be logged. Immutable;
 * equal when the text is equal.
 */
public final class CredentialId {

    /** Every credential id starts with this: {@value}. */
    public static final String PREFIX = "mat_";

    private static final int RANDOM_BYTES = 16;
    private static final Pattern FORMAT = Pattern.compile("mat_[A-Za-z0-9_-]{22}");
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final String value;

    private CredentialId(String value) {
        this.value = value;
    }

    /**
     * {@return a new random id (128 bits from {@code random})}
     *
     * @param random the source of randomness
     */
    public static CredentialId generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new CredentialId(PREFIX + B64URL.encodeToString(bytes));
    }

    /**
     * Reads an id from untrusted text, e.g. a login attempt. Only the exact canonical form
     * {@link #generate(SecureRandom)} produces is accepted.
     *
     * @param text the text to show, in zh-TW and English
     * @return the id, or empty for {@code null} or anything else; never throws
     */
    public static Optional<CredentialId> parse(String text) {
        if (text == null || text.length() != PREFIX.length() + 22 || !FORMAT.matcher(text).matches()) {
            return Optional.empty();
        }
        String encoded = text.substring(PREFIX.length());
        byte[] bytes = Base64.getUrlDecoder().decode(encoded);
        if (!B64URL.encodeToString(bytes).equals(encoded)) {
            return Optional.empty(); // non-zero padding bits: not a spelling we ever issue
        }
        return Optional.of(new CredentialId(text));
    }

    /** {@return the id as text, {@code mat_…}} */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CredentialId && value.equals(((CredentialId) other).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The id itself: it is random and reveals nothing about the person. */
    @Override
    public String toString() {
        return value;
    }
}
