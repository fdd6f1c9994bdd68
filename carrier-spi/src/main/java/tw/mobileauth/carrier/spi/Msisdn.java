package tw.mobileauth.carrier.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 with its {@code +}, e.g. {@code +886912345678}, as every CAMARA body
 * carries it. {@link #toString()} is masked; {@link #e164()} is the raw number for the wire.
 *
 * @param e164 the number, {@code +} followed by 7–15 digits, first digit not 0
 */
public record Msisdn(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /**
     * @param e164 the e164 value
     * @throws IllegalArgumentException if {@code e164} is not E.164 with a leading {@code +}
     */
    public Msisdn {
        Objects.requireNonNull(e164, "e164");
        if (!E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("not an E.164 number with a leading '+' (length "
                    + e164.length() + "); expected e.g. +886912345678");
        }
    }

    /**
     * {@return same as the constructor; reads better at call sites}
     *
     * @param e164 the e164 value
     */
    public static Msisdn of(String e164) {
        return new Msisdn(e164);
    }

    /** Masked: country code and the last three digits, e.g. {@code +886******678}. */
    @Override
    public String toString() {
        int keepHead = e164.startsWith("+886") ? 4 : 3;
        return e164.substring(0, keepHead) + "*".repeat(e164.length() - keepHead - 3)
                + e164.substring(e164.length() - 3);
    }
}
