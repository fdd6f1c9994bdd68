package tw.mobileauth.benchmarks;

/** Checksum-valid synthetic identity values, so every benchmark thread can be its own person. */
final class Ids {

    private Ids() {
    }

    /** A checksum-valid 身分證號 {@code A1nnnnnnnC} for {@code n} in 0..9,999,999. */
    static String nationalId(int n) {
        String body = "1" + String.format("%07d", n);
        int sum = 1; // the letter A is 10: 1×1 + 0×9
        for (int i = 0; i < 8; i++) {
            sum += (body.charAt(i) - '0') * (8 - i);
        }
        int check = (10 - sum % 10) % 10;
        return "A" + body + check;
    }
}
