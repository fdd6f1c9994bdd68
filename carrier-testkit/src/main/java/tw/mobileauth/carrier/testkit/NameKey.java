package tw.mobileauth.carrier.testkit;

/**
 * The name comparison key of docs/identifiers.md, the same as core's {@code PersonName}
 * comparison key, step for step:
 * <ol>
 *   <li>full-width ASCII (U+FF01–U+FF5E) and the ideographic space U+3000 become half-width;</li>
 *   <li>every whitespace or space character is removed (so leading and trailing ones too);</li>
 *   <li>the middle-dot variants {@code .} U+002E, U+00B7 ·, U+2027 ‧, U+30FB ・ and U+FF65 ･
 *       become U+00B7 (U+FF0E ． is {@code .} after step 1).</li>
 * </ol>
 * Nothing else changes: no case folding, no NFC/NFKC, no variant folding (峯/峰, U+FA0C/U+5140).
 * The vectors in {@code name-comparison-keys.json} (next to this class) pin both implementations.
 */
final class NameKey {

    private static final int MIDDLE_DOT = 0x00B7;

    private NameKey() {
    }

    static String of(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            int c = halfWidth(cp);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return;
            }
            sb.appendCodePoint(isMiddleDot(c) ? MIDDLE_DOT : c);
        });
        return sb.toString();
    }

    private static int halfWidth(int cp) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            return cp - 0xFEE0;
        }
        return cp == 0x3000 ? ' ' : cp;
    }

    private static boolean isMiddleDot(int c) {
        return c == '.' || c == 0x00B7 || c == 0x2027 || c == 0x30FB || c == 0xFF65;
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
