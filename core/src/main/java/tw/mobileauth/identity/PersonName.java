package tw.mobileauth.identity;

import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

/**
 * A person's name (姓名), stored exactly as entered.
 *
 * <p>The stored form is never normalised: no NFC or NFKC, no trimming, no folding of variant
 * characters. NFC would turn the compatibility ideograph U+FA0C into U+5140, and 峯 is not 峰.
 * Everything is code-point safe, so CJK Extension B and later characters (surrogate pairs such as
 * 𠀋 U+2000B) count as one character each.
 *
 * <p><b>Equality is on the {@linkplain #comparisonKey() comparison key}, not on the stored
 * form</b>: {@code "Bali‧Pawan"} (U+2027) and {@code "Bali·Pawan"} (U+00B7) are equal, and so
 * are {@code "王小明"} and {@code " 王 小 明 "}. Use {@link #value()} to forward the name and
 * {@link #comparisonKey()} or {@link #equals} to compare it.
 *
 * <p>{@link #toString()} is masked, e.g. {@code 王○明}.
 */
public final class PersonName {

    /** The most code points a name may have: 50. */
    public static final int MAX_CODE_POINTS = 50;

    /** The canonical middle dot that every middle-dot variant becomes in the comparison key. */
    private static final char MIDDLE_DOT = '\u00B7';
    private static final String MASK = "\u25CB"; // ○

    private final String value;
    private final String key;

    private PersonName(String value, String key) {
        this.value = value;
        this.key = key;
    }

    /**
     * A name as typed. At most {@value #MAX_CODE_POINTS} code points; spaces are allowed (and
     * ignored by the comparison key); letters, ideographs (assigned or in the ideographic planes
     * 2–3), marks, punctuation and private-use characters are allowed.
     *
     * <p>Reasons, all for field {@link FieldNames#NAME}: {@code REQUIRED} (null, empty or only
     * spaces), {@code TOO_LONG}, {@code INVALID_CHARACTER} (unpaired surrogates, controls such as
     * NUL, tab or newline, format characters such as RTL override U+202E, isolates U+2066–U+2069 or
     * zero-width joiners, unassigned code points outside planes 2–3).
     *
     * @param input the raw input; may be null
     * @return the name, never null
     * @throws InvalidInputException if the input is not an acceptable name
     */
    public static PersonName of(CharSequence input) throws InvalidInputException {
        if (input == null) {
            throw error(FieldReason.REQUIRED);
        }
        int n = input.length();
        if (n > 2 * MAX_CODE_POINTS) {
            throw error(FieldReason.TOO_LONG);
        }
        int codePoints = 0;
        for (int i = 0; i < n; ) {
            int cp = Character.codePointAt(input, i);
            i += Character.charCount(cp);
            codePoints++;
            if (Chars.isForbidden(cp)) {
                throw error(FieldReason.INVALID_CHARACTER);
            }
        }
        if (codePoints > MAX_CODE_POINTS) {
            throw error(FieldReason.TOO_LONG);
        }
        String value = input.toString();
        String key = comparisonKeyOf(value);
        if (key.isEmpty()) {
            throw error(FieldReason.REQUIRED);
        }
        return new PersonName(value, key);
    }

    private static InvalidInputException error(FieldReason reason) {
        return InvalidInputException.of(FieldNames.NAME, reason);
    }

    /**
     * The comparison key of a string, by these steps:
     * <ol>
     *   <li>trim, and</li>
     *   <li>remove all whitespace (the household-registration name field has none), after</li>
     *   <li>turning full-width ASCII (U+FF01–U+FF5E) and U+3000 into half-width;</li>
     *   <li>unify the middle-dot variants U+00B7 ·, U+2027 ‧, U+30FB ・, U+FF65 ･, U+FF0E ． and
     *       {@code .} into U+00B7.</li>
     * </ol>
     * Nothing else changes: no case folding, no NFC/NFKC, no variant folding.
     */
    private static String comparisonKeyOf(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int c = Chars.halfWidth(cp);
            if (isBlank(c)) {
                continue;
            }
            if (c == '.' || c == 0x00B7 || c == 0x2027 || c == 0x30FB || c == 0xFF65) {
                sb.append(MIDDLE_DOT);
            } else {
                sb.appendCodePoint(c);
            }
        }
        return sb.toString();
    }

    /** @return the name exactly as entered, unnormalised; personal data, do not log */
    public String value() {
        return value;
    }

    /**
     * @return the key names are compared by (see the class comment): whitespace removed,
     *     full-width ASCII half-width, middle dots unified; never empty
     */
    public String comparisonKey() {
        return key;
    }

    /**
     * The name with every code point but the first and the last replaced by ○, leading and
     * trailing spaces ignored: {@code 王○明}, {@code 歐○○明} for 4 characters; a 2-character
     * name keeps only its first ({@code 王○}); a 1-character name is {@code ○}.
     *
     * @return the masked name
     */
    public String masked() {
        int start = 0;
        int end = value.length();
        while (start < end && isBlank(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (end > start && isBlank(value.codePointBefore(end))) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        int count = value.codePointCount(start, end);
        if (count <= 1) {
            return MASK;
        }
        StringBuilder sb = new StringBuilder().appendCodePoint(value.codePointAt(start));
        if (count == 2) {
            return sb.append(MASK).toString();
        }
        return sb.append(MASK.repeat(count - 2)).appendCodePoint(value.codePointBefore(end)).toString();
    }

    private static boolean isBlank(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** Equal when the {@linkplain #comparisonKey() comparison keys} are equal, even if the stored forms differ. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PersonName && ((PersonName) o).key.equals(key);
    }

    /** Consistent with {@link #equals}: the comparison key's hash. */
    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** @return {@link #masked()}, never the full name */
    @Override
    public String toString() {
        return masked();
    }
}
