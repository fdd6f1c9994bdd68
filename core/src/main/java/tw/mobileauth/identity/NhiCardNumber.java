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
        String digits = Compactor.compact(input, FieldNames.NHI_CARD_NUMBER,
                (c, kept) -> Chars.isAsciiDigit(c) ? c : Compactor.REJECT);
        if (digits.length() != DIGITS) {
            throw error(FieldReason.BAD_FORMAT);
        }
        return new NhiCardNumber(digits);
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
