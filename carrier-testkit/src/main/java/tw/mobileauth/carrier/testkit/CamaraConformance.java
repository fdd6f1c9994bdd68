package tw.mobileauth.carrier.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.carrier.testkit.schema.CamaraDefinitions;
import tw.mobileauth.carrier.testkit.schema.ExchangeValidator;
import tw.mobileauth.carrier.testkit.schema.ProfileExtensions;

/**
 * Schema validation of the fake networks' exchanges, for the whole test JVM: the one
 * {@link ExchangeValidator} (the official CAMARA definitions plus the reference profiles, built the
 * first time it is needed), the tally per operationId of every {@link ConformanceLog}, and the report.
 *
 * <p>The official definitions are found as {@link CamaraDefinitions#findOfficial()} says: the
 * directory of {@code -Dmobileauth.camara.definitions} or {@code $MOBILEAUTH_CAMARA_DEFINITIONS}, the
 * classpath, or {@code shared/camara/} above the working directory. When they are absent, exchanges
 * are still recorded and counted as SKIPPED, one warning says where to put the files, the report says
 * so at its top, and {@link CarrierConformanceKit}'s
 * {@code everyExchangeIsValidatedAgainstTheOfficialDefinitions} is reported as skipped, never passed.
 * When a location holds files that do not verify (SHA-256), every check fails.
 *
 * <p>The report, {@code target/camara-conformance.txt} below the working directory (or the file of
 * {@code -Dmobileauth.camara.report}), is rewritten after each conformance-kit class and once more
 * when the JVM exits; it is written only when that {@code target} directory exists or the property
 * is set.
 */
public final class CamaraConformance {

    /** System property naming the report file; default {@value #DEFAULT_REPORT} below the working directory. */
    public static final String REPORT_PROPERTY = "mobileauth.camara.report";
    /** The default report file, relative to the working directory (surefire runs in the module's directory). */
    public static final String DEFAULT_REPORT = "target/camara-conformance.txt";

    private static final Logger LOG = LoggerFactory.getLogger(CamaraConformance.class);

    private static final Map<String, EnumMap<ConformanceLog.Outcome, Long>> COUNTS = new TreeMap<>();

    private CamaraConformance() {
    }

    /** Built on first use; a failure to verify present files is kept and rethrown on every use. */
    private static final class Holder {
        static final Optional<ExchangeValidator> VALIDATOR;
        static final RuntimeException FAILURE;
        static final String ORIGIN;

        static {
            Optional<ExchangeValidator> v = Optional.empty();
            RuntimeException failure = null;
            String origin;
            try {
                Optional<CamaraDefinitions> official = CamaraDefinitions.findOfficial();
                if (official.isPresent()) {
                    v = Optional.of(ExchangeValidator.of(official.get(), List.of(ProfileExtensions.load("cht"),
                            ProfileExtensions.load("twm"), ProfileExtensions.load("fet"))));
                    origin = official.get().origin();
                    LOG.info("CAMARA schema validation ON: every exchange of the fake networks is validated against the"
                            + " official definitions from {} plus the cht, twm and fet profile extensions", origin);
                } else {
                    origin = "ABSENT";
                    LOG.warn(absenceMessage());
                }
            } catch (RuntimeException e) {
                failure = e;
                origin = "UNUSABLE: " + e.getMessage();
                LOG.error("CAMARA schema validation cannot run: {}", e.getMessage());
            }
            VALIDATOR = v;
            FAILURE = failure;
            ORIGIN = origin;
            Runtime.getRuntime().addShutdownHook(new Thread(CamaraConformance::writeReport, "camara-conformance-report"));
        }
    }

    /** {@return what the warning, the report and the kit's skipped test say when the definitions are absent} */
    public static String absenceMessage() {
        return "CAMARA schema validation SKIPPED: the official definitions were not found, so the fake networks'"
                + " exchanges are recorded but NOT validated. Put the six files listed in"
                + " carrier-testkit/src/main/resources/" + CamaraDefinitions.CLASSPATH_FOLDER + "PROVENANCE.md"
                + " (exact SHA-256) in a directory and run with -D" + CamaraDefinitions.DIRECTORY_PROPERTY
                + "=<dir> (or set $" + CamaraDefinitions.DIRECTORY_ENVIRONMENT + "), or in shared/camara/ beside"
                + " the repository.";
    }

    /**
     * {@return the validator, or empty when the official definitions are absent}
     *
     * @throws IllegalStateException when they are present but do not verify
     */
    public static Optional<ExchangeValidator> validator() {
        if (Holder.FAILURE != null) {
            throw new IllegalStateException("the official CAMARA definitions were found but cannot be used: "
                    + Holder.FAILURE.getMessage(), Holder.FAILURE);
        }
        return Holder.VALIDATOR;
    }

    /** {@return whether exchanges are validated in this JVM} */
    public static boolean definitionsPresent() {
        return Holder.FAILURE == null && Holder.VALIDATOR.isPresent();
    }

    static synchronized void count(ConformanceLog.Entry e) {
        COUNTS.computeIfAbsent(e.operation(), k -> new EnumMap<>(ConformanceLog.Outcome.class))
                .merge(e.outcome(), 1L, Long::sum);
    }

    /**
     * Exchanges per operationId and outcome so far in this JVM, sorted by operationId.
     *
     * @return the long>>
     */
    public static synchronized Map<String, Map<ConformanceLog.Outcome, Long>> counts() {
        Map<String, Map<ConformanceLog.Outcome, Long>> out = new TreeMap<>();
        COUNTS.forEach((op, m) -> out.put(op, Map.copyOf(m)));
        return out;
    }

    /** {@return the report's text: where the definitions came from, then one line per operation} */
    public static synchronized String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("# CAMARA conformance of the fake carrier networks' exchanges\n");
        sb.append("# module: ").append(Path.of(System.getProperty("user.dir")).getFileName()).append(", written ")
                .append(Instant.now()).append('\n');
        sb.append("# definitions: ").append(Holder.ORIGIN).append('\n');
        if (Holder.VALIDATOR.isEmpty()) {
            sb.append("# ").append(absenceMessage()).append('\n');
        }
        sb.append("# validated: request and answer conform; answer-only: the answer conforms, the request was off-spec"
                + " on purpose (the fakes' own tests); fault-injected: shaped by a fault outside the definitions by"
                + " design, not judged; skipped: no definitions; rejected/unmatched: failed a test\n");
        EnumMap<ConformanceLog.Outcome, Long> total = new EnumMap<>(ConformanceLog.Outcome.class);
        COUNTS.forEach((op, m) -> {
            m.forEach((o, n) -> total.merge(o, n, Long::sum));
            sb.append(line(op, m)).append('\n');
        });
        sb.append(line("TOTAL", total)).append('\n');
        return sb.toString();
    }

    private static String line(String op, Map<ConformanceLog.Outcome, Long> m) {
        long validated = m.getOrDefault(ConformanceLog.Outcome.VALIDATED, 0L);
        return String.format("validated %d %s of operation %s (answer-only %d, fault-injected %d, skipped %d,"
                        + " rejected %d, unmatched %d)", validated, validated == 1 ? "exchange" : "exchanges", op,
                m.getOrDefault(ConformanceLog.Outcome.REQUEST_OFF_SPEC, 0L),
                m.getOrDefault(ConformanceLog.Outcome.FAULT_INJECTED, 0L),
                m.getOrDefault(ConformanceLog.Outcome.SKIPPED, 0L), m.getOrDefault(ConformanceLog.Outcome.REJECTED, 0L),
                m.getOrDefault(ConformanceLog.Outcome.UNMATCHED, 0L));
    }

    /**
     * Checks every live network's pending exchanges and writes {@link #report()} to the report file.
     *
     * @return the file written, or empty when there is no {@code target} directory and no property
     */
    public static Optional<Path> writeReport() {
        FakeCarrierNetworks.checkLive();
        String configured = System.getProperty(REPORT_PROPERTY);
        Path file = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.dir"), DEFAULT_REPORT);
        if ((configured == null || configured.isBlank()) && !Files.isDirectory(file.getParent())) {
            return Optional.empty();
        }
        synchronized (CamaraConformance.class) {
            if (COUNTS.isEmpty()) {
                return Optional.empty();
            }
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, report(), StandardCharsets.UTF_8);
                return Optional.of(file);
            } catch (IOException e) {
                LOG.warn("cannot write the CAMARA conformance report {}: {}", file, e.toString());
                return Optional.empty();
            }
        }
    }
}
