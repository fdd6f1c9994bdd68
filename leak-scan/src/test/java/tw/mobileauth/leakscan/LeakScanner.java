package tw.mobileauth.leakscan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Searches text files line by line for the needles (in lower case, so any mix of case matches) and
 * the secret shapes. A literal is looked up by its first two characters, so a line costs one table
 * probe per character however many needles there are. Hits say where (file and line, or for a table
 * dump the row and column) and what, never the value found.
 */
final class LeakScanner {

    /** One finding: where, and what was found there (never the value itself). */
    record Hit(String where, String what) {
        @Override
        public String toString() {
            return where + ": " + what;
        }
    }

    /** How much was searched, and what was found. */
    record Report(int files, long lines, long rows, long bytes, List<Hit> hits) {
    }

    private final Map<Integer, List<Needles.Needle>> byFirstTwo = new HashMap<>();
    private final boolean[] firstChar = new boolean[Character.MAX_VALUE + 1];
    private final List<Needles.Shape> shapes;

    LeakScanner(List<Needles.Needle> needles, List<Needles.Shape> shapes) {
        for (Needles.Needle n : needles) {
            if (n.text().length() < 2) {
                throw new IllegalArgumentException("a needle needs at least two characters: " + n.what());
            }
            byFirstTwo.computeIfAbsent(key(n.text(), 0), k -> new ArrayList<>()).add(n);
            firstChar[n.text().charAt(0)] = true;
        }
        byFirstTwo.values().forEach(list -> list.sort(Comparator.comparingInt((Needles.Needle n) -> n.text().length()).reversed()));
        this.shapes = List.copyOf(shapes);
    }

    private static int key(String s, int i) {
        return (s.charAt(i) << 16) | s.charAt(i + 1);
    }

    /**
     * Scans every file; a {@code .tsv} file is a table dump (a header line of column names, then
     * rows), anything else a log.
     *
     * @param root the directory hit locations are given relative to
     */
    Report scan(Path root, List<Path> files) {
        int count = 0;
        long lines = 0;
        long rows = 0;
        long bytes = 0;
        List<Hit> hits = new ArrayList<>();
        for (Path file : files) {
            boolean table = file.getFileName().toString().endsWith(".tsv");
            String name = root.relativize(file.toAbsolutePath()).toString();
            long n = scanFile(file, name, table, hits);
            count++;
            if (table) {
                rows += Math.max(0, n - 1);
            } else {
                lines += n;
            }
            try {
                bytes += Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Report(count, lines, rows, bytes, List.copyOf(hits));
    }

    private long scanFile(Path file, String name, boolean table, List<Hit> hits) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String[] header = null;
            long number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (table && header == null) {
                    header = line.split("\t", -1);
                }
                for (Found f : find(line)) {
                    hits.add(new Hit(table ? where(name, number, header, f.column) : name + ":" + number, f.what));
                }
            }
            return number;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static String where(String name, long line, String[] header, int column) {
        String col = header != null && column < header.length ? header[column] : "column " + (column + 1);
        return name + " row " + (line - 1) + " column " + col;
    }

    private record Found(int start, int end, int column, String what) {
    }

    /** The needles and shapes in one line; a match inside a longer one (0912000101 in +886912000101) counts once. */
    private List<Found> find(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        List<Found> found = new ArrayList<>();
        for (int i = 0; i + 1 < lower.length(); i++) {
            if (!firstChar[lower.charAt(i)]) {
                continue;
            }
            List<Needles.Needle> candidates = byFirstTwo.get(key(lower, i));
            if (candidates == null) {
                continue;
            }
            for (Needles.Needle n : candidates) {
                int end = i + n.text().length();
                if (lower.startsWith(n.text(), i) && (!isDigits(n.text()) || standsAlone(lower, i, end))) {
                    found.add(new Found(i, end, column(lower, i), n.what()));
                    break; // the longest needle starting here
                }
            }
        }
        for (Needles.Shape shape : shapes) {
            Matcher m = shape.pattern().matcher(line);
            while (m.find()) {
                found.add(new Found(m.start(), m.end(), column(line, m.start()),
                        shape.what() + " (" + (m.end() - m.start()) + " characters)"));
            }
        }
        found.sort(Comparator.comparingInt((Found f) -> f.end - f.start).reversed());
        List<Found> kept = new ArrayList<>();
        for (Found f : found) {
            if (kept.stream().noneMatch(k -> k.start <= f.start && f.end <= k.end)) {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparingInt(Found::start));
        return kept;
    }

    private static boolean isDigits(String text) {
        return text.chars().allMatch(Character::isDigit);
    }

    /**
     * Whether the digits at {@code [start, end)} are a number of their own, not a run inside a longer
     * one: a birth date's 7 or 8 digits (0690130, 19800130) turn up by chance inside timestamps'
     * nanoseconds (20:46:03.706901301) and random ids, where they are no one's data.
     */
    private static boolean standsAlone(String line, int start, int end) {
        return (start == 0 || !Character.isDigit(line.charAt(start - 1)))
                && (end == line.length() || !Character.isDigit(line.charAt(end)));
    }

    private static int column(String line, int at) {
        int tabs = 0;
        for (int i = 0; i < at && i < line.length(); i++) {
            if (line.charAt(i) == '\t') {
                tabs++;
            }
        }
        return tabs;
    }
}
