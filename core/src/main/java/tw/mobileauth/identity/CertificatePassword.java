package tw.mobileauth.identity;

import java.util.Arrays;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

/**
 * The certificate password (憑證密碼) as a wipeable {@code char[]}.
 *
 * <p>The characters are copied in; {@link #wipe()} (or {@link #close()}, for try-with-resources)
 * overwrites the copy with zeros. Wipe the array you passed in yourself. There is deliberately no
 * {@code equals} and no {@code hashCode}, and {@link #toString()} shows nothing. The only way to
 * read the password is {@link #copyOfRawChars()}, whose name says what it does.
 *
 * <p>Whether a password is acceptable is {@link PasswordPolicy}'s decision, not this class's. Not
 * thread-safe.
 */
public final class CertificatePassword implements AutoCloseable {

    private final char[] chars;
    private boolean wiped;

    private CertificatePassword(char[] chars) {
        this.chars = chars;
    }

    /**
     * A password holding a copy of {@code chars}.
     *
     * @param chars the password as typed; not kept, so wipe it after this call
     * @return the password, never null
     * @throws InvalidInputException {@code REQUIRED} for field {@link FieldNames#PASSWORD} if
     *     {@code chars} is null or empty
     */
    public static CertificatePassword of(char[] chars) throws InvalidInputException {
        if (chars == null || chars.length == 0) {
            throw InvalidInputException.of(FieldNames.PASSWORD, FieldReason.REQUIRED);
        }
        return new CertificatePassword(chars.clone());
    }

    /**
     * A fresh copy of the raw password characters. The caller owns the copy and must wipe it
     * ({@code Arrays.fill(copy, '\0')}) when done.
     *
     * @return a copy of the password
     * @throws IllegalStateException if the password has been wiped
     */
    public char[] copyOfRawChars() {
        return rawChars().clone();
    }

    /** @return the password's length in Unicode code points (a surrogate pair counts once) */
    public int codePointCount() {
        char[] c = rawChars();
        return Character.codePointCount(c, 0, c.length);
    }

    /** @return whether {@link #wipe()} has been called */
    public boolean isWiped() {
        return wiped;
    }

    /** Overwrites the characters with zeros. Idempotent; afterwards only {@link #isWiped()} and {@link #wipe()} work. */
    public void wipe() {
        Arrays.fill(chars, '\0');
        wiped = true;
    }

    /** Same as {@link #wipe()}. */
    @Override
    public void close() {
        wipe();
    }

    /**
     * Whether {@code other} holds the same characters. The time taken depends only on the
     * lengths, not on where the passwords differ.
     */
    boolean matches(CertificatePassword other) {
        char[] a = rawChars();
        char[] b = other.rawChars();
        int diff = a.length ^ b.length;
        for (int i = 0; i < a.length; i++) {
            diff |= a[i] ^ b[i % b.length];
        }
        return diff == 0;
    }

    /** The live array, for this package's checks; never hand it out. */
    char[] rawChars() {
        if (wiped) {
            throw new IllegalStateException("the certificate password has been wiped");
        }
        return chars;
    }

    /** @return {@code CertificatePassword[********]}, always */
    @Override
    public String toString() {
        return "CertificatePassword[********]";
    }
}
