package tw.mobileauth.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled list of common passwords ({@code common-passwords.txt}, Openwall's password.lst;
 * provenance in the file's header), matched case-insensitively against a whole password.
 *
 * <p>Entries are case-folded, sorted and de-duplicated once; a lookup is a binary search straight
 * on the password's {@code char[]}, so the password never becomes a {@code String}.
 */
final class CommonPasswords {

    static final String RESOURCE = "common-passwords.txt";

    private final String[] sorted;

    private CommonPasswords(String[] sorted) {
        this.sorted = sorted;
    }

    /** Loads the bundled list. A missing resource is a packaging error, so it fails loudly. */
    static CommonPasswords bundled() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource tw/mobileauth/identity/" + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> entries = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    entries.add(fold(line));
                }
            }
            return new CommonPasswords(entries.stream().distinct().sorted().toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tw/mobileauth/identity/" + RESOURCE, e);
        }
    }

    /** @return the number of distinct (case-folded) entries */
    int size() {
        return sorted.length;
    }

    /** Whether the case-folded {@code folded[0..len)} is on the list. */
    boolean contains(char[] folded, int len) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(sorted[mid], folded, len);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Same order as {@link String#compareTo}. */
    private static int compare(String entry, char[] s, int len) {
        int n = Math.min(entry.length(), len);
        for (int i = 0; i < n; i++) {
            int d = entry.charAt(i) - s[i];
            if (d != 0) {
                return d;
            }
        }
        return entry.length() - len;
    }

    /** Case folding as {@link String#equalsIgnoreCase} does it, one char at a time. */
    static char fold(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private static String fold(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = fold(c[i]);
        }
        return new String(c);
    }
}
