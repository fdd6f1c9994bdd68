package tw.mobileauth.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes every row of every table of a database to tab-separated files, so a test run leaves
 * behind what its JDBC stores held and the leak scan (docs/leak-scan.md) can search it for the
 * fixture people's data.
 *
 * <p>The tables come from {@link java.sql.DatabaseMetaData#getTables}: the SDK's, Flyway's history
 * and any a portal added, in every schema but the databases' own catalogues. Each table goes to
 * {@code <directory>/<database>-<table>.tsv}: a header line of column names, then one line per row,
 * each value as {@link ResultSet#getString} gives it ({@code \N} for SQL NULL; tab, newline, carriage
 * return and backslash escaped). A later dump of the same database and table replaces the earlier one.
 *
 * <p>Call it at the end of a test that leaves data behind, e.g. in an {@code @AfterAll}:
 * <pre>{@code
 * TableDumps.write(dataSource, "postgres-portal");  // → target/table-dumps/postgres-portal-*.tsv
 * }</pre>
 */
public final class TableDumps {

    /** Where {@link #write(DataSource, String)} writes: under the module's {@code target}, where Maven runs tests. */
    public static final Path DEFAULT_DIRECTORY = Path.of("target", "table-dumps");

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "pg_toast");

    private TableDumps() {
    }

    /**
     * Dumps every table reachable through {@code dataSource} to {@link #DEFAULT_DIRECTORY}.
     *
     * @param dataSource the database to dump; a connection is taken and closed again
     * @param database a name for the database, unique in the module's test run (letters, digits, {@code -_.})
     * @return the number of rows written
     */
    public static long write(DataSource dataSource, String database) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            return write(c, database, DEFAULT_DIRECTORY);
        } catch (SQLException e) {
            throw new IllegalStateException("could not dump the tables of " + database, e);
        }
    }

    /**
     * Dumps every table reachable through {@code connection} (left open) to {@code directory}.
     *
     * @param connection the database to dump; left open
     * @param database a name for the database, unique in the module's test run (letters, digits, {@code -_.})
     * @param directory where the dump files go
     * @return the number of rows written
     * @throws SQLException if the database cannot be read
     */
    public static long write(Connection connection, String database, Path directory) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(directory, "directory");
        if (database == null || !database.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("database must be 1-100 letters, digits, '-', '_' or '.': " + database);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        long rows = 0;
        for (String[] table : tables(connection)) {
            String file = database + "-" + (table[0] == null ? "" : table[0].toLowerCase(Locale.ROOT) + ".")
                    + table[1].toLowerCase(Locale.ROOT) + ".tsv";
            rows += dumpTable(connection, table, directory.resolve(file));
        }
        return rows;
    }

    /** {schema, name} of every table outside the system catalogues. */
    private static List<String[]> tables(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema == null || !SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) {
                    out.add(new String[] {schema, rs.getString("TABLE_NAME")});
                }
            }
        }
        return out;
    }

    private static long dumpTable(Connection c, String[] table, Path file) throws SQLException {
        String name = (table[0] == null ? "" : quote(table[0]) + ".") + quote(table[1]);
        long rows = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + name);
                BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            for (int i = 1; i <= columns; i++) {
                out.write((i > 1 ? "\t" : "") + escape(meta.getColumnLabel(i)));
            }
            out.write('\n');
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    String value = rs.getString(i);
                    out.write((i > 1 ? "\t" : "") + (value == null ? "\\N" : escape(value)));
                }
                out.write('\n');
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return rows;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
