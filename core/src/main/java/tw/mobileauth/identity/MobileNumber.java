package tw.mobileauth.identity;

import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

/**
 * A Taiwanese mobile number: {@code 09} followed by 8 digits ({@code +8869XXXXXXXX} in E.164).
 *
 * <p>The carrier cannot be inferred from the number (number portability), so this type says
 * nothing about it.
 *
 * <p>Equality is on the number. {@link #toString()} is masked, e.g. {@code 0912***678}.
 */
public final class MobileNumber {

    /** The 9 digits after the country code, starting with 9. */
    private final String subscriber;

    private MobileNumber(String subscriber) {
        this.subscriber = subscriber;
    }

    /**
     * Parses a mobile number as a person typed or pasted it.
     *
     * <p>Accepted, in any combination: spaces, {@code - ( ) .} (and their full-width forms),
     * full-width digits, and one of the prefixes {@code +886}, {@code 886}, {@code 00886} or
     * {@code 002886} in front of the {@code 9…} digits instead of the leading {@code 0}. A trunk
     * {@code 0} written after the country code, as in {@code +886 (0)912 345 678}, is tolerated.
     * Examples: {@code 0912-345-678}, {@code (09)1234-5678}, {@code +886 912 345 678},
     * {@code 886912345678}, {@code 002886912345678}, {@code ０９１２３４５６７８}.
     *
     * <p>Reasons, all for field {@link FieldNames#MOBILE_NUMBER}: {@code REQUIRED},
     * {@code TOO_LONG} (over 100 raw characters), {@code INVALID_CHARACTER}, {@code BAD_FORMAT}
     * (letters, misplaced {@code +}, wrong number of digits), {@code NOT_A_MOBILE_NUMBER} (a
     * Taiwanese landline such as {@code 02-2345-6789}, or a foreign number).
     *
     * @param input the raw input; may be null
     * @return the number, never null
     * @throws InvalidInputException if the input is not a Taiwanese mobile number
     */
    public static MobileNumber parse(CharSequence input) throws InvalidInputException {
        if (input == null) {
            throw error(FieldReason.REQUIRED);
        }
        int n = input.length();
        if (n > Chars.MAX_RAW_LENGTH) {
            throw error(FieldReason.TOO_LONG);
        }
        char[] digits = new char[n];
        int len = 0;
        boolean plus = false;
        boolean forbidden = false;
        boolean misfit = false;
        for (int i = 0; i < n; ) {
            int cp = Character.codePointAt(input, i);
            i += Character.charCount(cp);
            int c = Chars.halfWidth(cp);
            if (Chars.isAsciiDigit(c)) {
                digits[len++] = (char) c;
            } else if (c == '+' && len == 0 && !plus) {
                plus = true;
            } else if (Chars.isSpace(c) || Chars.isDash(c) || c == '(' || c == ')' || c == '.') {
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
            throw plus ? error(FieldReason.BAD_FORMAT) : error(FieldReason.REQUIRED);
        }
        String d = new String(digits, 0, len);
        String rest;
        if (plus) {
            if (!d.startsWith("886")) {
                throw error(FieldReason.NOT_A_MOBILE_NUMBER);
            }
            rest = d.substring(3);
        } else if (d.startsWith("002886")) {
            rest = d.substring(6);
        } else if (d.startsWith("00886")) {
            rest = d.substring(5);
        } else if (d.startsWith("00")) {
            throw error(FieldReason.NOT_A_MOBILE_NUMBER);
        } else if (d.startsWith("0")) {
            rest = d;
        } else if (d.startsWith("886")) {
            rest = d.substring(3);
        } else {
            throw error(FieldReason.BAD_FORMAT);
        }
        if (rest.startsWith("0")) {
            rest = rest.substring(1);
        }
        if (rest.isEmpty()) {
            throw error(FieldReason.BAD_FORMAT);
        }
        if (rest.charAt(0) != '9') {
            throw error(FieldReason.NOT_A_MOBILE_NUMBER);
        }
        if (rest.length() != 9) {
            throw error(FieldReason.BAD_FORMAT);
        }
        return new MobileNumber(rest);
    }

    private static InvalidInputException error(FieldReason reason) {
        return InvalidInputException.of(FieldNames.MOBILE_NUMBER, reason);
    }

    /** @return the E.164 form, e.g. {@code +886912345678}; personal data, do not log */
    public String e164() {
        return "+886" + subscriber;
    }

    /** @return the domestic form, e.g. {@code 0912345678}; personal data, do not log */
    public String national() {
        return "0" + subscriber;
    }

    /** @return the first 4 and last 3 digits of the domestic form, e.g. {@code 0912***678} */
    public String masked() {
        return "0" + subscriber.substring(0, 3) + "***" + subscriber.substring(6);
    }

    /** Equal when the numbers are equal, however they were spelled. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MobileNumber && ((MobileNumber) o).subscriber.equals(subscriber);
    }

    @Override
    public int hashCode() {
        return subscriber.hashCode();
    }

    /** @return {@link #masked()}, never the full number */
    @Override
    public String toString() {
        return masked();
    }
}
