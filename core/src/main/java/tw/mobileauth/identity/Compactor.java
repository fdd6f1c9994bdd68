package tw.mobileauth.identity;

import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

/**
 * The input scan that the number and date parsers share. It turns raw input into the compact
 * string that each parser then checks: full-width forms become half-width, spaces and dashes are
 * dropped, and a per-field {@link Rule} decides what to keep from each other character.
 *
 * <p>It compiles no regex and allocates only a buffer of the input's length and the result
 * string. Rules should be non-capturing lambdas or method references, which the JVM creates once.
 */
final class Compactor {

    /**
     * Longest raw input any number or date parser looks at. Longer input is rejected with
     * {@code TOO_LONG} before it is scanned, so a megabyte of garbage costs nothing.
     */
    static final int MAX_RAW_LENGTH = 100;

    /** What a {@link Rule} returns for a separator it drops, beyond the spaces and dashes always dropped. */
    static final int DROP = -1;

    /**
     * What a {@link Rule} returns for a character it does not take. Spaces and dashes are then
     * dropped; anything else fails the input.
     */
    static final int REJECT = -2;

    private Compactor() {
    }

    /** What one field keeps of each character. */
    @FunctionalInterface
    interface Rule {

        /**
         * @param c    the code point, already half-width (see {@link Chars#halfWidth})
         * @param kept how many characters have been kept so far
         * @return the character to keep (which may differ from {@code c}), {@link #DROP} or {@link #REJECT}
         */
        int keep(int c, int kept);
    }

    /**
     * Scans {@code input} code point by code point and returns what {@code rule} kept, in order.
     *
     * <p>Failures, all for {@code field}: {@code REQUIRED} (null input, or nothing kept),
     * {@code TOO_LONG} (over {@value #MAX_RAW_LENGTH} chars), {@code INVALID_CHARACTER} (a
     * rejected character that {@link Chars#isForbidden} names, wherever it stands), then
     * {@code BAD_FORMAT} (any other rejected character).
     *
     * @param input the raw input; may be null
     * @param field the field to report failures for
     * @param rule  what to keep
     * @return the kept characters, never empty
     * @throws InvalidInputException as above
     */
    static String compact(CharSequence input, String field, Rule rule) throws InvalidInputException {
        if (input == null) {
            throw InvalidInputException.of(field, FieldReason.REQUIRED);
        }
        int n = input.length();
        if (n > MAX_RAW_LENGTH) {
            throw InvalidInputException.of(field, FieldReason.TOO_LONG);
        }
        char[] buf = new char[n];
        int len = 0;
        boolean misfit = false;
        for (int i = 0; i < n; ) {
            int cp = Character.codePointAt(input, i);
            i += Character.charCount(cp);
            int c = Chars.halfWidth(cp);
            int k = rule.keep(c, len);
            if (k >= 0) {
                buf[len++] = (char) k;
            } else if (k == DROP || Chars.isSpace(c) || Chars.isDash(c)) {
                // skipped: neither kept nor a misfit
            } else if (Chars.isForbidden(c)) {
                // Outranks BAD_FORMAT whatever follows, so there is no need to read further.
                throw InvalidInputException.of(field, FieldReason.INVALID_CHARACTER);
            } else {
                misfit = true;
            }
        }
        if (misfit) {
            throw InvalidInputException.of(field, FieldReason.BAD_FORMAT);
        }
        if (len == 0) {
            throw InvalidInputException.of(field, FieldReason.REQUIRED);
        }
        return new String(buf, 0, len);
    }
}
