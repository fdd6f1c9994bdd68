package tw.mobileauth.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Test fixtures: an independent implementation of the checksum in docs/identifiers.md, used to
 * build synthetic IDs, and a fixed clock. All IDs built here are made up.
 */
final class IdFixtures {

    /** 2025-06-01T00:00Z, which is 2025-06-01 08:00 in Taipei. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

    private static final String ORDER = "ABCDEFGHJKLMNPQRSTUVXYWZIO";

    private IdFixtures() {
    }

    /** S = 1·x1 + 9·x2 + 8·d2 + … + 1·d9 + 1·d10 for a 10-character ID; old-format letters count by their units digit. */
    static int checksum(String id) {
        int v = ORDER.indexOf(id.charAt(0)) + 10;
        int s = v / 10 + 9 * (v % 10);
        int[] w = {8, 7, 6, 5, 4, 3, 2, 1, 1};
        for (int i = 1; i < 10; i++) {
            char c = id.charAt(i);
            int d = Character.isLetter(c) ? (ORDER.indexOf(c) + 10) % 10 : c - '0';
            s += w[i - 1] * d;
        }
        return s;
    }

    /** The first 9 characters plus the one check digit that makes the checksum divisible by 10. */
    static String withCheckDigit(String first9) {
        for (char d = '0'; d <= '9'; d++) {
            if (checksum(first9 + d) % 10 == 0) {
                return first9 + d;
            }
        }
        throw new AssertionError("no check digit for " + first9);
    }
}
