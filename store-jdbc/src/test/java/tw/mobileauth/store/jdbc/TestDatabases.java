package tw.mobileauth.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import tw.mobileauth.testing.TableDumps;

/**
 * The databases the store-jdbc tests run on, each a fresh one behind its own HikariCP pool:
 * H2 in memory, H2 in a file, and PostgreSQL, which is embedded (zonky; as root it runs the server
 * under {@code unshare -U}) unless {@code MOBILEAUTH_TEST_POSTGRES_URL} names an external one
 * (a JDBC URL with user and password; every test database is then a fresh schema in it).
 *
 * <p>Every pool dumps all the tables of its database to {@code target/table-dumps} as it closes
 * ({@link TableDumps}), so the leak scan (docs/leak-scan.md) searches what the stores held at the end
 * of each test.
 */
final class TestDatabases {

    /** Set to a JDBC URL to run the PostgreSQL tests against that server instead of the embedded one. */
    static final String EXTERNAL_POSTGRES = "MOBILEAUTH_TEST_POSTGRES_URL";

    private static EmbeddedPostgres embedded;

    private TestDatabases() {
    }

    static HikariDataSource h2Memory() {
        return pool("jdbc:h2:mem:" + fresh() + ";DB_CLOSE_DELAY=-1", Optional.empty());
    }

    /** An H2 database in {@code file} (without the .mv.db suffix); reopen it by calling this again. */
    static HikariDataSource h2File(Path file) {
        return pool("jdbc:h2:file:" + file.toAbsolutePath(), Optional.empty());
    }

    /** A fresh PostgreSQL database (embedded) or schema (external). */
    static PostgresDatabase postgres() {
        String name = fresh();
        Optional<String> external = Optional.ofNullable(System.getenv(EXTERNAL_POSTGRES)).filter(s -> !s.isBlank());
        if (external.isPresent()) {
            execute(external.get(), "CREATE SCHEMA " + name);
            return new PostgresDatabase(external.get(), Optional.of(name));
        }
        EmbeddedPostgres server = embeddedServer();
        execute(server.getJdbcUrl("postgres", "postgres"), "CREATE DATABASE " + name);
        return new PostgresDatabase(server.getJdbcUrl("postgres", name), Optional.empty());
    }

    /** One PostgreSQL database; {@link #open()} gives a new pool on it (a "node"). */
    record PostgresDatabase(String url, Optional<String> schema) {
        HikariDataSource open() {
            return pool(url, schema);
        }
    }

    /** The embedded server, started once per test JVM and stopped at its exit. */
    static synchronized EmbeddedPostgres embeddedServer() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return embedded;
    }

    /** Deletes every row of the SDK's tables, so each contract test starts empty. */
    static void empty(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"mobileauth_enrollment", "mobileauth_token", "mobileauth_credential",
                    "mobileauth_counter"}) {
                s.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static HikariDataSource pool(String url, Optional<String> schema) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(12);
        config.setConnectionTimeout(3_000);
        schema.ifPresent(config::setSchema);
        return new DumpedOnClose(config, url, schema);
    }

    /** A pool that first dumps every table of its database when it closes (once, and only if reachable). */
    private static final class DumpedOnClose extends HikariDataSource {
        private final String url;
        private final Optional<String> schema;

        DumpedOnClose(HikariConfig config, String url, Optional<String> schema) {
            super(config);
            this.url = url;
            this.schema = schema;
        }

        @Override
        public void close() {
            if (!isClosed()) {
                dump(url, schema);
            }
            super.close();
        }
    }

    /**
     * Dumps the database at {@code url} through a connection of its own, so a database that went away
     * (DatabaseDownTest) is skipped at once instead of waiting for the pool's connection timeout.
     */
    static void dump(String url, Optional<String> schema) {
        String name = dumpName(url, schema);
        try (Connection c = java.sql.DriverManager.getConnection(url)) {
            if (schema.isPresent()) {
                c.setSchema(schema.get());
            }
            TableDumps.write(c, name, TableDumps.DEFAULT_DIRECTORY);
        } catch (SQLException e) {
            System.err.println("No table dump of " + name + ": the database is not reachable (" + e.getSQLState() + ")");
        }
    }

    /** h2mem-NAME, h2file-DIR-NAME or postgres-DATABASE[-SCHEMA]: unique per test database. */
    static String dumpName(String url, Optional<String> schema) {
        String base = url.split("[;?]", 2)[0];
        String kind = base.startsWith("jdbc:h2:mem:") ? "h2mem" : base.startsWith("jdbc:h2:") ? "h2file" : "postgres";
        Path path = Path.of(base.substring(base.lastIndexOf(':') + 1));
        String last = kind.equals("h2file") && path.getParent() != null
                ? path.getParent().getFileName() + "-" + path.getFileName() : base.substring(base.lastIndexOf('/') + 1);
        if (kind.equals("h2mem")) {
            last = base.substring("jdbc:h2:mem:".length());
        }
        String name = kind + "-" + last + schema.map(s -> "-" + s).orElse("");
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static void execute(String url, String sql) {
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + sql, e);
        }
    }

    private static String fresh() {
        return "mobileauth_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }
}
