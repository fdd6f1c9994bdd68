package tw.mobileauth.carrier.testkit.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One row of {@code camara/PROVENANCE.md}: where an official CAMARA definition comes from and the
 * SHA-256 its bytes must have.
 *
 * @param file       the file name the definition is looked up by, e.g. {@code sim-swap.yaml}
 * @param api        the API's name, e.g. {@code SIM Swap}
 * @param version    the {@code info.version} the file must declare, e.g. {@code 2.1.0}
 * @param repository the GitHub repository, {@code owner/name}
 * @param tag        the release tag
 * @param commit     the commit the tag points at
 * @param path       the file's path in the repository at that tag
 * @param sha256     the lowercase hex SHA-256 of the file's bytes
 * @param licence    the licence, e.g. {@code Apache-2.0}
 */
public record OfficialDefinition(String file, String api, String version, String repository, String tag,
        String commit, String path, String sha256, String licence) {

    private static final int COLUMNS = 9;

    /**
     * Checks the components.
     *
     * @param file the file value
     * @param api the api value
     * @param version the version value
     * @param repository the repository value
     * @param tag the tag value
     * @param commit the commit value
     * @param path the path value
     * @param sha256 the sha256 value
     * @param licence the licence value
     */
    public OfficialDefinition {
        for (String s : new String[] {file, api, version, repository, tag, commit, path, sha256, licence}) {
            Objects.requireNonNull(s, "every provenance column is required");
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("SHA-256 of " + file + " must be 64 lowercase hex digits, was " + sha256);
        }
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("commit of " + file + " must be 40 lowercase hex digits, was " + commit);
        }
    }

    /**
     * Reads the rows of the Markdown table whose header starts with {@code | File |}.
     *
     * @throws IllegalArgumentException when there is no such table or a row does not have nine cells
     */
    static List<OfficialDefinition> parseTable(String markdown) {
        List<OfficialDefinition> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : markdown.split("\\R", -1)) {
            String t = line.strip();
            if (!inTable) {
                inTable = t.startsWith("| File |");
                continue;
            }
            if (!t.startsWith("|")) {
                break;
            }
            if (t.startsWith("|---")) {
                continue;
            }
            String[] cells = t.substring(1, t.length() - (t.endsWith("|") ? 1 : 0)).split("\\|", -1);
            if (cells.length != COLUMNS) {
                throw new IllegalArgumentException("a provenance row needs " + COLUMNS + " cells, has "
                        + cells.length + ": " + t);
            }
            rows.add(new OfficialDefinition(cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip(),
                    cells[4].strip(), cells[5].strip(), cells[6].strip(), cells[7].strip(), cells[8].strip()));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no provenance table (a header starting with '| File |') was found");
        }
        return List.copyOf(rows);
    }
}
