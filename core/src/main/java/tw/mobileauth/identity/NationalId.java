package tw.mobileauth.identity;

import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

/**
 * A checksum-valid national ID (國民身分證統一編號) or resident certificate number (統一證號).
 *
 * <p>Accepted shapes, after normalisation:
 * <ul>
 *   <li>{@code [A-Z][12][0-9]{8}}: a citizen ({@link IdClass#CITIZEN}), whatever the third digit;</li>
 *   <li>{@code [A-Z][89][0-9]{8}}: a new-format resident number ({@link IdClass#RESIDENT_NEW_FORMAT});</li>
 *   <li>{@code [A-Z][A-D][0-9]{8}}: an old-format resident number ({@link IdClass#RESIDENT_OLD_FORMAT}),
 *       whose second letter counts in the checksum by the units digit of its value (A→0 … D→3).</li>
 * </ul>
 * Every letter A–Z is accepted as the first character, including ones no longer issued.
 *
 * <p>Equality is on the canonical {@link #value()}. {@link #toString()} is masked, e.g.
 * {@code A12****789}: log that, never {@link #value()}.
 */
public final class NationalId {

    /** A letter's value is its index in this string plus 10 (A=10 … Z=33, I=34, O=35). */
    private static final String LETTER_ORDER = "ABCDEFGHJKLMNPQRSTUVXYWZIO";
    private static final int[] LETTER_VALUE = new int[26];
    /** Weights of characters 2–10. */
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 1, 1};

    static {
        for (int i = 0; i < LETTER_ORDER.length(); i++) {
            LETTER_VALUE[LETTER_ORDER.charAt(i) - 'A'] = i + 10;
        }
    }

    private final String value;
    private final IdClass idClass;

    private NationalId(String value, IdClass idClass) {
        this.value = value;
        this.idClass = idClass;
    }

    /**
     * Parses an ID as a person typed or pasted it.
     *
     * <p>Normalisation: full-width letters and digits become half-width, lower case becomes upper
     * case, and spaces (any Unicode space, tab, CR, LF) and hyphens/dashes are removed. So
     * {@code " t200000009 "}, {@code "Ｔ２０００００００９"} and {@code "T200-000-009"} are the
     * same ID.
     *
     * <p>Reasons, all for field {@link FieldNames#NATIONAL_ID}: {@code REQUIRED} (null or blank),
     * {@code TOO_LONG} (over 100 raw characters), {@code INVALID_CHARACTER} (controls, format
     * characters such as U+202E, unpaired surrogates), {@code WRONG_DOCUMENT_NUMBER} (12 letters
     * or digits: a residence-permit or NHI card number), {@code BAD_FORMAT}, {@code BAD_CHECKSUM}.
     *
     * @param input the raw input; may be null
     * @return the ID, never null
     * @throws InvalidInputException if the input is not a checksum-valid ID
     */
    public static NationalId parse(CharSequence input) throws InvalidInputException {
        String id = Compactor.compact(input, FieldNames.NATIONAL_ID, NationalId::keep);
        if (id.length() == 12) {
            throw error(FieldReason.WRONG_DOCUMENT_NUMBER);
        }
        if (id.length() != 10) {
            throw error(FieldReason.BAD_FORMAT);
        }
        return fromCanonical(id);
    }

    /** Keeps letters, upper-cased, and digits. */
    private static int keep(int c, int kept) {
        if (c >= 'a' && c <= 'z') {
            return c - ('a' - 'A');
        }
        return (c >= 'A' && c <= 'Z') || Chars.isAsciiDigit(c) ? c : Compactor.REJECT;
    }

    private static NationalId fromCanonical(String id) throws InvalidInputException {
        char first = id.charAt(0);
        if (first < 'A' || first > 'Z') {
            throw error(FieldReason.BAD_FORMAT);
        }
        char second = id.charAt(1);
        IdClass idClass;
        int secondValue;
        if (second == '1' || second == '2') {
            idClass = IdClass.CITIZEN;
            secondValue = second - '0';
        } else if (second == '8' || second == '9') {
            idClass = IdClass.RESIDENT_NEW_FORMAT;
            secondValue = second - '0';
        } else if (second >= 'A' && second <= 'D') {
            idClass = IdClass.RESIDENT_OLD_FORMAT;
            secondValue = LETTER_VALUE[second - 'A'] % 10;
        } else {
            throw error(FieldReason.BAD_FORMAT);
        }
        for (int i = 2; i < 10; i++) {
            if (!Chars.isAsciiDigit(id.charAt(i))) {
                throw error(FieldReason.BAD_FORMAT);
            }
        }
        int letterValue = LETTER_VALUE[first - 'A'];
        int sum = letterValue / 10 + 9 * (letterValue % 10) + WEIGHTS[0] * secondValue;
        for (int i = 2; i < 10; i++) {
            sum += WEIGHTS[i - 1] * (id.charAt(i) - '0');
        }
        if (sum % 10 != 0) {
            throw error(FieldReason.BAD_CHECKSUM);
        }
        return new NationalId(id, idClass);
    }

    private static InvalidInputException error(FieldReason reason) {
        return InvalidInputException.of(FieldNames.NATIONAL_ID, reason);
    }

    /** @return the canonical 10-character form, upper case, e.g. {@code T200000009}; personal data, do not log */
    public String value() {
        return value;
    }

    /** @return whether this is a citizen ID, a new-format or an old-format resident number */
    public IdClass idClass() {
        return idClass;
    }

    /**
     * @return true for a citizen ID ({@code [A-Z][12]…}), including third digits 6–9 (naturalised
     *     or former HK/Macau/mainland residents, all citizens now); false for resident numbers
     */
    public boolean isCitizen() {
        return idClass == IdClass.CITIZEN;
    }

    /** @return the first 3 and last 3 characters with the middle 4 hidden, e.g. {@code A12****789} */
    public String masked() {
        return value.substring(0, 3) + "****" + value.substring(7);
    }

    /** Equal when the canonical values are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NationalId && ((NationalId) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** @return {@link #masked()}, never the full ID */
    @Override
    public String toString() {
        return masked();
    }
}
