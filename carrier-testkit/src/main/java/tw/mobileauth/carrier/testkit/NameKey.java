package tw.mobileauth.carrier.testkit;

/**
 * The name comparison key of taiwan-identifiers.md: trim, full-width ASCII and U+3000 to
 * half-width, no whitespace, middle-dot variants unified. Variant characters (峯/峰) and
 * compatibility ideographs (U+FA0C) are never folded: no NFC/NFKC anywhere.
 */
final class NameKey {

    private static final int MIDDLE_DOT = 0x00B7;

    private NameKey() {
    }

    static String of(String name) {
        String trimmed = name.strip();
        StringBuilder sb = new StringBuilder(trimmed.length());
        trimmed.codePoints().forEach(cp -> {
            int c = cp;
            if (c == 0x3000) {
                c = ' ';
            } else if (c >= 0xFF01 && c <= 0xFF5E) {
                c -= 0xFEE0;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return;
            }
            if (c == 0x2027 || c == 0x30FB || c == 0xFF0E || c == '.') {
                c = MIDDLE_DOT;
            }
            sb.appendCodePoint(c);
        });
        return sb.toString();
    }

    static boolean matches(String registered, String claimed) {
        return of(registered).equals(of(claimed));
    }

    /** 0-99 similarity of two keys that differ, by code-point edit distance; never 100. */
    static int score(String registered, String claimed) {
        int[] a = of(registered).codePoints().toArray();
        int[] b = of(claimed).codePoints().toArray();
        int max = Math.max(a.length, b.length);
        if (max == 0) {
            return 0;
        }
        int distance = Math.max(1, editDistance(a, b));
        return Math.max(0, Math.min(99, (int) Math.floor(99.0 * (max - distance) / max)));
    }

    private static int editDistance(int[] a, int[] b) {
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }
}
