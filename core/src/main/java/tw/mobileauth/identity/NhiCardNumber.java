package tw.mobileauth.identity;

import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

/**
 * An NHI card number (健保卡號): the 12-digit serial number printed on the front of the card.
 *
 * <p>No public check digit is known, so only the format is checked. The number probably changes
 * when a card is re-issued: never use it as a key for a person, and do not keep it after the
 * enrolment ends.
 *
 * <p>Equality is on the digits. {@link #toString()} shows only the last 4 digits,
 * e.g. {@code ********9012}.
 */
public final class NhiCardNumber {

    private static final int DIGITS = 12;

    private final String digits;

    private NhiCardNumber(String digits) {
        this.digits = digits;
    }

    /**
     * Parses a card number as a person typed or pasted it: 12 digits, half- or full-width, with
     * any spaces and hyphens/dashes between them ({@code 0000 1234 5678}, {@code 0000-1234-5678}).
     *
     * <p>Reasons, all for field {@link FieldNames#NHI_CARD_NUMBER}: {@code REQUIRED},
     * {@code TOO_LONG} (over 100 raw characters), {@code INVALID_CHARACTER}, {@code BAD_FORMAT}
     * (anything but 12 digits).
     *
     * @param input the raw input; may be null
     * @return the card number, never null
     * @throws InvalidInputException if the input is not 12 digits
     */
    public static NhiCardNumber parse(CharSequence input) throws InvalidInputException {
        if (input == null) {
            throw error(FieldReason.REQUIRED);
        }
        int n = input.length();
        if (n > Chars.MAX_RAW_LENGTH) {
            throw error(FieldReason.TOO_LONG);
        }
        char[] buf = new char[n];
        int len = 0;
        boolean forbidden = false;
        boolean misfit = false;
        for (int i = 0; i < n; ) {
            int cp = Character.codePointAt(input, i);
            i += Character.charCount(cp);
            int c = Chars.halfWidth(cp);
            if (Chars.isAsciiDigit(c)) {
                buf[len++] = (char) c;
            } else if (Chars.isSpace(c) || Chars.isDash(c)) {
                continue;
            } else if (Chars.isForbidden(c)) {
                forbidden = true;
            } else {
                misfit = true;
            }
        }
        if (forbidden) {
            throw error(FieldReason.INVALID_CHARACTER);
        }
        if (misfit) {
            throw error(FieldReason.BAD_FORMAT);
        }
        if (len == 0) {
            throw error(FieldReason.REQUIRED);
        }
        if (len != DIGITS) {
            throw error(FieldReason.BAD_FORMAT);
        }
        return new NhiCardNumber(new String(buf, 0, DIGITS));
    }

    private static InvalidInputException error(FieldReason reason) {
        return InvalidInputException.of(FieldNames.NHI_CARD_NUMBER, reason);
    }

    /** @return the 12 digits; personal data, do not log or keep after the enrolment */
    public String value() {
        return digits;
    }

    /** @return 8 asterisks and the last 4 digits, e.g. {@code ********9012} */
    public String masked() {
        return "********" + digits.substring(DIGITS - 4);
    }

    /** Equal when the digits are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NhiCardNumber && ((NhiCardNumber) o).digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    /** @return {@link #masked()}, never the full number */
    @Override
    public String toString() {
        return masked();
    }
}
