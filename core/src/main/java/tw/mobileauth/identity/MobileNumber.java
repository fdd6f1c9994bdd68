package tw.mobileauth.identity;

import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

/**
 * A Taiwanese mobile number: {@code 09} followed by 8 digits ({@code +8869} and 8 digits in E.164).
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
        String kept = Compactor.compact(input, FieldNames.MOBILE_NUMBER, MobileNumber::keep);
        String rest;
        if (kept.charAt(0) == '+') {
            if (kept.length() == 1) {
                throw error(FieldReason.BAD_FORMAT);
            }
            if (!kept.startsWith("886", 1)) {
                throw error(FieldReason.NOT_A_MOBILE_NUMBER);
            }
            rest = kept.substring(4);
        } else if (kept.startsWith("002886")) {
            rest = kept.substring(6);
        } else if (kept.startsWith("00886")) {
            rest = kept.substring(5);
        } else if (kept.startsWith("00")) {
            throw error(FieldReason.NOT_A_MOBILE_NUMBER);
        } else if (kept.startsWith("0")) {
            rest = kept;
        } else if (kept.startsWith("886")) {
            rest = kept.substring(3);
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

    /** Keeps digits and one leading {@code +}; drops {@code ( ) .} as well as spaces and dashes. */
    private static int keep(int c, int kept) {
        if (Chars.isAsciiDigit(c) || (c == '+' && kept == 0)) {
            return c;
        }
        return c == '(' || c == ')' || c == '.' ? Compactor.DROP : Compactor.REJECT;
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
