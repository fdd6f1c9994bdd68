package tw.mobileauth.carrier.testkit.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The official CAMARA OpenAPI definitions the conformance kit validates against, each checked
 * against the SHA-256 that {@code camara/PROVENANCE.md} records for it.
 *
 * <p>The files are looked up, in this order (PROVENANCE.md says why they are not in the repository):
 * <ol>
 *   <li>the directory named by the system property {@value #DIRECTORY_PROPERTY}, else by the
 *       environment variable {@value #DIRECTORY_ENVIRONMENT};</li>
 *   <li>the classpath folder {@value #CLASSPATH_FOLDER};</li>
 *   <li>{@code shared/camara/} in the nearest ancestor of {@code user.dir} that has it.</li>
 * </ol>
 * A location is used only when it holds every file of the table; a file whose bytes differ from
 * the recorded SHA-256, or whose {@code info.version} differs from the recorded version, is refused.
 */
public final class CamaraDefinitions {

    /** System property naming a directory that holds the official definition files. */
    public static final String DIRECTORY_PROPERTY = "mobileauth.camara.definitions";
    /** Environment variable naming that directory when the system property is not set (IDEs, CI). */
    public static final String DIRECTORY_ENVIRONMENT = "MOBILEAUTH_CAMARA_DEFINITIONS";
    /** Classpath folder that may hold the official definition files, next to PROVENANCE.md. */
    public static final String CLASSPATH_FOLDER = "tw/mobileauth/carrier/testkit/camara/";
    private static final String PROVENANCE = CLASSPATH_FOLDER + "PROVENANCE.md";
    private static final String SHARED_FOLDER = "shared/camara";
    static final String IRI_BASE = "https://definitions.mobileauth.invalid/camara/";

    private final String origin;
    private final List<OfficialDefinition> provenance;
    private final List<ApiDocument> documents;

    private CamaraDefinitions(String origin, List<OfficialDefinition> provenance, List<ApiDocument> documents) {
        this.origin = origin;
        this.provenance = provenance;
        this.documents = documents;
    }

    /** {@return the rows of PROVENANCE.md: the definitions that {@link #official()} requires} */
    public static List<OfficialDefinition> provenance() {
        try (InputStream in = CamaraDefinitions.class.getClassLoader().getResourceAsStream(PROVENANCE)) {
            if (in == null) {
                throw new IllegalStateException("the classpath has no " + PROVENANCE);
            }
            return OfficialDefinition.parseTable(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PROVENANCE, e);
        }
    }

    /**
     * {@return the official definitions from the first location that has all of them}
     *
     * @throws IllegalStateException naming every location looked at when none has all the files, or
     *                               when a file's SHA-256 or version differs from PROVENANCE.md
     */
    public static CamaraDefinitions official() {
        return findOfficial().orElseThrow(() -> new IllegalStateException(
                "the official CAMARA definitions were not found; looked in " + String.join(", ", candidates())
                        + ". Put the six files listed in " + PROVENANCE + " (exact SHA-256) in one of them, e.g. run"
                        + " with -D" + DIRECTORY_PROPERTY + "=<dir>"));
    }

    /**
     * {@return the official definitions, or empty when no location has all the files}
     *
     * @throws IllegalStateException when a location has them all but one is not the recorded file
     */
    public static Optional<CamaraDefinitions> findOfficial() {
        List<OfficialDefinition> rows = provenance();
        String dir = configuredDirectory();
        if (dir != null && !dir.isBlank()) {
            Path p = Path.of(dir);
            if (!hasAll(p, rows)) {
                throw new IllegalStateException(configuredBy() + "=" + dir + " does not hold every file of "
                        + PROVENANCE + ": " + missing(p, rows));
            }
            return Optional.of(fromDirectory(p));
        }
        if (rows.stream().allMatch(r -> CamaraDefinitions.class.getClassLoader()
                .getResource(CLASSPATH_FOLDER + r.file()) != null)) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (OfficialDefinition r : rows) {
                try (InputStream in = CamaraDefinitions.class.getClassLoader()
                        .getResourceAsStream(CLASSPATH_FOLDER + r.file())) {
                    files.put(r.file(), Objects.requireNonNull(in, r.file()).readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + CLASSPATH_FOLDER + r.file(), e);
                }
            }
            return Optional.of(verified("classpath:" + CLASSPATH_FOLDER, rows, files));
        }
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path shared = p.resolve(SHARED_FOLDER);
            if (hasAll(shared, rows)) {
                return Optional.of(fromDirectory(shared));
            }
        }
        return Optional.empty();
    }

    /**
     * {@return the official definitions from {@code directory}}
     *
     * @param directory the directory value
     * @throws IllegalStateException when a file is missing or is not the recorded one
     */
    public static CamaraDefinitions fromDirectory(Path directory) {
        List<OfficialDefinition> rows = provenance();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (OfficialDefinition r : rows) {
            Path f = directory.resolve(r.file());
            try {
                files.put(r.file(), Files.readAllBytes(f));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the official definition " + f + " (" + r.api() + " "
                        + r.version() + "): " + e.getMessage(), e);
            }
        }
        return verified(directory.toAbsolutePath().toString(), rows, files);
    }

    /**
     * Definitions from contents given by the caller, checked for nothing but being valid OpenAPI 3:
     * for a kit's own tests and for APIs outside the official table. Never use it to stand in for
     * the official files.
     *
     * @param contents file name to YAML or JSON text
     * @return the camara definitions
     */
    public static CamaraDefinitions unverified(Map<String, String> contents) {
        List<ApiDocument> docs = new ArrayList<>();
        contents.forEach((name, text) -> docs.add(ApiDocument.parse(name, IRI_BASE + "unverified/" + name, text)));
        return new CamaraDefinitions("unverified", List.of(), List.copyOf(docs));
    }

    private static CamaraDefinitions verified(String origin, List<OfficialDefinition> rows, Map<String, byte[]> files) {
        List<ApiDocument> docs = new ArrayList<>();
        for (OfficialDefinition r : rows) {
            byte[] bytes = files.get(r.file());
            String actual = sha256(bytes);
            if (!actual.equals(r.sha256())) {
                throw new IllegalStateException(origin + "/" + r.file() + " is not the official " + r.api() + " "
                        + r.version() + " (" + r.repository() + " " + r.tag() + "): SHA-256 " + actual + ", expected "
                        + r.sha256());
            }
            ApiDocument doc = ApiDocument.parse(r.file(), IRI_BASE + r.file(),
                    new String(bytes, StandardCharsets.UTF_8));
            if (!doc.version().equals(r.version())) {
                throw new IllegalStateException(r.file() + " declares info.version " + doc.version()
                        + ", PROVENANCE.md records " + r.version());
            }
            docs.add(doc);
        }
        return new CamaraDefinitions(origin, rows, List.copyOf(docs));
    }

    private static boolean hasAll(Path dir, List<OfficialDefinition> rows) {
        return Files.isDirectory(dir) && rows.stream().allMatch(r -> Files.isRegularFile(dir.resolve(r.file())));
    }

    private static List<String> missing(Path dir, List<OfficialDefinition> rows) {
        return rows.stream().map(OfficialDefinition::file).filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
    }

    private static String configuredDirectory() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        return dir != null && !dir.isBlank() ? dir : System.getenv(DIRECTORY_ENVIRONMENT);
    }

    private static String configuredBy() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        return dir != null && !dir.isBlank() ? "-D" + DIRECTORY_PROPERTY : "$" + DIRECTORY_ENVIRONMENT;
    }

    private static List<String> candidates() {
        List<String> c = new ArrayList<>();
        c.add("-D" + DIRECTORY_PROPERTY + " / $" + DIRECTORY_ENVIRONMENT + " (not set)");
        c.add("classpath:" + CLASSPATH_FOLDER);
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            c.add(p.resolve(SHARED_FOLDER).toString());
        }
        return c;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@return where the files were read: a directory, the classpath folder, or {@code unverified}} */
    public String origin() {
        return origin;
    }

    /** {@return the provenance rows these definitions were verified against (empty for {@link #unverified})} */
    public List<OfficialDefinition> verifiedAgainst() {
        return provenance;
    }

    /** {@return {@code title version} of each definition, e.g. {@code SIM Swap 2.1.0}} */
    public List<String> apis() {
        return documents.stream().map(d -> d.title() + " " + d.version()).toList();
    }

    /** {@return the operationIds of every definition, in document order} */
    public List<String> operationIds() {
        return documents.stream().flatMap(d -> d.operations().stream()).map(OperationSpec::operationId).toList();
    }

    List<ApiDocument> documents() {
        return documents;
    }
}
