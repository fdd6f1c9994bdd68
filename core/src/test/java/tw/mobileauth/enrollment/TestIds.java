package tw.mobileauth.enrollment;

/** Synthetic, checksum-valid identifiers (docs/identifiers.md). */
final class TestIds {

    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO";

    private TestIds() {
    }

    /** A new-format resident certificate number, A8…, with a valid check digit. */
    static String residentNumber() {
        return withCheckDigit("A8" + "0000001");
    }

    /** {@code prefix} is a letter and 8 digits; appends the check digit. */
    static String withCheckDigit(String prefix) {
        int code = LETTERS.indexOf(prefix.charAt(0)) + 10;
        int sum = code / 10 + (code % 10) * 9;
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 1};
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(prefix.charAt(i + 1), 10) * weights[i];
        }
        return prefix + ((10 - sum % 10) % 10);
    }
}
