package tw.mobileauth.leakscan;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's leak scan over the whole reactor build (docs/leak-scan.md): every module's captured test
 * output and log files, and every table the JDBC stores' tests left behind, hold none of the fixture
 * people's data in any usual spelling, no test password and no random secret with its name.
 *
 * <p>The reactor builds this module after every other one (its pom-type dependencies), so the scan
 * sees the logs of the same build. It refuses to pass on too little: fewer modules whose tests ran,
 * log lines or table rows than the minimums below (system properties {@code leakscan.minModules},
 * {@code leakscan.minLines}, {@code leakscan.minRows}) mean the scan ran without the build it judges.
 */
class LeakScanTest {

    private static final int MIN_MODULES = Integer.getInteger("leakscan.minModules", 17);
    private static final long MIN_LINES = Long.getLong("leakscan.minLines", 1_500);
    private static final long MIN_ROWS = Long.getLong("leakscan.minRows", 1_000);

    @Test
    void noTestLogOrTableDumpOfTheBuildHoldsAFixturePersonsDataOrASecret() {
        Path root = Path.of(System.getProperty("leakscan.root", "..")).toAbsolutePath().normalize();
        Path self = Path.of("").toAbsolutePath().normalize();
        Captured captured = Captured.from(root, self);

        List<Needles.Needle> needles = new ArrayList<>(Needles.fixture());
        List<Needles.Needle> recorded = Needles.recorded(captured.secrets());
        needles.addAll(recorded);
        LeakScanner scanner = new LeakScanner(needles, Needles.SHAPES);
        List<Path> files = new ArrayList<>(captured.logs());
        files.addAll(captured.dumps());
        LeakScanner.Report report = scanner.scan(root, files);

        String volume = String.format("leak scan: %d modules tested %s, %d with output or dumps;"
                + " %d log files, %,d lines; %d table dumps, %,d rows; %,d bytes; %,d needles (%d recorded secrets from %d files) and %d shapes; %d hits",
                captured.tested().size(), captured.tested(), captured.modules().size(), captured.logs().size(), report.lines(),
                captured.dumps().size(), report.rows(), report.bytes(), needles.size(), recorded.size(), captured.secrets().size(),
                Needles.SHAPES.size(), report.hits().size());
        System.out.println(volume);

        assertTrue(captured.tested().size() >= MIN_MODULES && report.lines() >= MIN_LINES && report.rows() >= MIN_ROWS,
                "too little to scan, so this would pass without judging anything (run it in the full reactor build,"
                        + " e.g. mvn -B verify): " + volume);
        assertTrue(captured.dumps().stream().anyMatch(d -> d.getFileName().toString().startsWith("h2"))
                && captured.dumps().stream().anyMatch(d -> d.getFileName().toString().startsWith("postgres")),
                "table dumps of both H2 and PostgreSQL: " + volume);
        if (!report.hits().isEmpty()) {
            StringBuilder b = new StringBuilder(volume).append('\n');
            report.hits().forEach(h -> b.append("  ").append(h).append('\n'));
            System.out.println(b);
            fail(report.hits().size() + " leaks (each location with what was found there):\n" + b);
        }
    }
}
