package tw.mobileauth.carrier.testkit;

import java.util.regex.Pattern;

/** Format and checksum of Taiwan ID document numbers (docs/identifiers.md), for fixture validation. */
final class TaiwanIds {

    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO";
    private static final Pattern NATIONAL_ID = Pattern.compile("[A-Z][12][0-9]{8}");
    private static final Pattern NEW_RESIDENT = Pattern.compile("[A-Z][89][0-9]{8}");
    private static final Pattern OLD_RESIDENT = Pattern.compile("[A-Z][A-D][0-9]{8}");
    /** The textbook example, reportedly in real use: never in a fixture. */
    static final String TEXTBOOK_EXAMPLE = "A123456789";

    private TaiwanIds() {
    }

    static boolean isNationalId(String id) {
        return NATIONAL_ID.matcher(id).matches() && checksumOk(id);
    }

    static boolean isResidentNumber(String id) {
        return (NEW_RESIDENT.matcher(id).matches() || OLD_RESIDENT.matcher(id).matches()) && checksumOk(id);
    }

    private static boolean checksumOk(String id) {
        int v = LETTERS.indexOf(id.charAt(0)) + 10;
        char second = id.charAt(1);
        int d2 = Character.isLetter(second) ? (LETTERS.indexOf(second) + 10) % 10 : second - '0';
        int sum = v / 10 + 9 * (v % 10) + 8 * d2;
        int[] weights = {7, 6, 5, 4, 3, 2, 1, 1};
        for (int i = 0; i < 8; i++) {
            sum += weights[i] * (id.charAt(i + 2) - '0');
        }
        return sum % 10 == 0;
    }
}
