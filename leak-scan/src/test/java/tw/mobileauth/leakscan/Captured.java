package tw.mobileauth.leakscan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a reactor build's tests left behind, module by module: each test class's captured stdout and
 * stderr ({@code target/surefire-reports/*-output.txt}, and surefire's {@code *.dumpstream} of output
 * it could not route), log files ({@code target/test-logs/**}), table dumps
 * ({@code target/table-dumps/*.tsv}) and recorded secrets ({@code target/secrets-seen/*.txt}).
 *
 * @param logs     captured output and log files
 * @param dumps    table dumps
 * @param secrets  recorded secrets (searched for, not searched in)
 * @param modules  the modules (directories relative to the root) that left logs or dumps
 * @param tested   the modules whose tests ran (surefire wrote a {@code TEST-*.xml} report)
 */
record Captured(List<Path> logs, List<Path> dumps, List<Path> secrets, Set<String> modules, Set<String> tested) {

    /** Module directories are at most this deep under the root ({@code examples/portal-jdk}). */
    private static final int MODULE_DEPTH = 3;

    /** Collects from every module under {@code root} but {@code exclude} (the scan's own module). */
    static Captured from(Path root, Path exclude) {
        List<Path> logs = new ArrayList<>();
        List<Path> dumps = new ArrayList<>();
        List<Path> secrets = new ArrayList<>();
        Set<String> modules = new TreeSet<>();
        Set<String> tested = new TreeSet<>();
        for (Path module : modules(root)) {
            if (module.equals(exclude)) {
                continue;
            }
            Path target = module.resolve("target");
            int before = logs.size() + dumps.size();
            logs.addAll(files(target.resolve("surefire-reports"), 1,
                    f -> f.endsWith("-output.txt") || f.endsWith(".dumpstream")));
            logs.addAll(files(target.resolve("test-logs"), Integer.MAX_VALUE, f -> true));
            dumps.addAll(files(target.resolve("table-dumps"), 1, f -> f.endsWith(".tsv")));
            secrets.addAll(files(target.resolve("secrets-seen"), 1, f -> f.endsWith(".txt")));
            if (logs.size() + dumps.size() > before) {
                modules.add(root.relativize(module).toString());
            }
            if (!files(target.resolve("surefire-reports"), 1, f -> f.startsWith("TEST-") && f.endsWith(".xml")).isEmpty()) {
                tested.add(root.relativize(module).toString());
            }
        }
        return new Captured(List.copyOf(logs), List.copyOf(dumps), List.copyOf(secrets), modules, tested);
    }

    /** Directories with a pom.xml and a target directory, not inside any target or src. */
    private static List<Path> modules(Path root) {
        try (Stream<Path> walk = Files.walk(root, MODULE_DEPTH)) {
            return walk.filter(Files::isDirectory)
                    .filter(d -> root.relativize(d).toString().isEmpty() || !inBuildOrSource(root.relativize(d)))
                    .filter(d -> Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("target")))
                    .map(Path::toAbsolutePath).map(Path::normalize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        }
    }

    private static boolean inBuildOrSource(Path relative) {
        for (Path part : relative) {
            String p = part.toString();
            if (p.equals("target") || p.equals("src") || p.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> files(Path dir, int depth, java.util.function.Predicate<String> name) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir, depth)) {
            return walk.filter(Files::isRegularFile).filter(f -> name.test(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
