package tw.mobileauth.identity;

import java.util.Arrays;
import java.util.Objects;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.FieldReason;

/**
 * What a certificate password (憑證密碼) must satisfy, after NIST SP 800-63B: length and a
 * blocklist, no composition rules.
 *
 * <p>The {@linkplain #standard() standard policy}:
 * <ol>
 *   <li>only whole Unicode characters: an unpaired surrogate is {@code INVALID_CHARACTER} (any
 *       other character, including spaces and CJK, is fine);</li>
 *   <li>{@value #MIN_CODE_POINTS} to {@value #MAX_CODE_POINTS} characters, counted in code
 *       points: {@code TOO_SHORT} / {@code TOO_LONG};</li>
 *   <li>not one of the bundled common passwords (Openwall's list of 3,545 entries, compared
 *       case-insensitively as a whole): {@code COMMON_PASSWORD};</li>
 *   <li>not containing, case-insensitively, any word of the {@link PasswordContext} (the
 *       applicant's ID, birth date spellings, phone digits): {@code CONTAINS_PERSONAL_DATA}.</li>
 * </ol>
 * Steps 1 and 2 stop the check; 3 and 4 are both reported when both fail. Every error is for
 * field {@link FieldNames#PASSWORD}. Immutable and thread-safe.
 */
public final class PasswordPolicy {

    /** The fewest code points a password may have: 8. */
    public static final int MIN_CODE_POINTS = 8;
    /** The most code points a password may have: 128. */
    public static final int MAX_CODE_POINTS = 128;

    private final CommonPasswords common;

    private PasswordPolicy(CommonPasswords common) {
        this.common = common;
    }

    /** @return the standard policy described in the class comment; loads the bundled list once */
    public static PasswordPolicy standard() {
        return Standard.INSTANCE;
    }

    /** @return how many distinct common passwords (after case folding) are rejected */
    public int commonPasswordCount() {
        return common.size();
    }

    /**
     * Checks {@code password} with no personal data to compare against.
     *
     * @param password the password; may be null
     * @throws InvalidInputException if the password breaks the policy ({@code REQUIRED} if null)
     * @throws IllegalStateException if the password has been wiped
     */
    public void check(CertificatePassword password) throws InvalidInputException {
        check(password, PasswordContext.none());
    }

    /**
     * Checks {@code password} against every rule, including the applicant's own data.
     *
     * @param password the password; may be null
     * @param context  the applicant's data the password must not contain; not null
     * @throws InvalidInputException if the password breaks the policy ({@code REQUIRED} if null)
     * @throws IllegalStateException if the password has been wiped
     * @throws NullPointerException  if {@code context} is null (use {@link PasswordContext#none()})
     */
    public void check(CertificatePassword password, PasswordContext context) throws InvalidInputException {
        Objects.requireNonNull(context, "context");
        if (password == null) {
            throw error(FieldReason.REQUIRED);
        }
        char[] raw = password.rawChars();
        if (raw.length > 2 * MAX_CODE_POINTS) {
            throw error(FieldReason.TOO_LONG);
        }
        int codePoints = 0;
        for (int i = 0; i < raw.length; i++) {
            char c = raw[i];
            if (Character.isHighSurrogate(c) && i + 1 < raw.length && Character.isLowSurrogate(raw[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw error(FieldReason.INVALID_CHARACTER);
            }
            codePoints++;
        }
        if (codePoints < MIN_CODE_POINTS) {
            throw error(FieldReason.TOO_SHORT);
        }
        if (codePoints > MAX_CODE_POINTS) {
            throw error(FieldReason.TOO_LONG);
        }
        char[] folded = new char[raw.length];
        try {
            for (int i = 0; i < raw.length; i++) {
                folded[i] = CommonPasswords.fold(raw[i]);
            }
            InvalidInputException.Collector errors = InvalidInputException.collector();
            if (common.contains(folded, folded.length)) {
                errors.add(FieldNames.PASSWORD, FieldReason.COMMON_PASSWORD);
            }
            for (String word : context.words()) {
                if (indexOf(folded, word) >= 0) {
                    errors.add(FieldNames.PASSWORD, FieldReason.CONTAINS_PERSONAL_DATA);
                    break;
                }
            }
            errors.throwIfAny();
        } finally {
            Arrays.fill(folded, '\0');
        }
    }

    private static int indexOf(char[] haystack, String needle) {
        int last = haystack.length - needle.length();
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (haystack[i + j] != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static InvalidInputException error(FieldReason reason) {
        return InvalidInputException.of(FieldNames.PASSWORD, reason);
    }

    /** @return {@code PasswordPolicy[8..128 code points, n common passwords]} */
    @Override
    public String toString() {
        return "PasswordPolicy[" + MIN_CODE_POINTS + ".." + MAX_CODE_POINTS + " code points, "
                + common.size() + " common passwords]";
    }

    /** Loads the bundled list on first use. */
    private static final class Standard {
        static final PasswordPolicy INSTANCE = new PasswordPolicy(CommonPasswords.bundled());
    }
}
