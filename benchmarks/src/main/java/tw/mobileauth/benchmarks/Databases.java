package tw.mobileauth.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;
import tw.mobileauth.Stores;
import tw.mobileauth.store.InMemoryOneTimeTokenStore;
import tw.mobileauth.store.jdbc.JdbcStores;

/**
 * The stores a benchmark runs on, by name: {@code memory} ({@link Stores#inMemory}), {@code h2}
 * (a fresh in-memory H2 database through {@link JdbcStores}) and {@code postgres} (a fresh database
 * on an embedded PostgreSQL server, started once per JVM; zonky, on loopback). Each JDBC store sits
 * behind its own HikariCP pool, migrated with the SDK's Flyway migrations.
 */
final class Databases implements AutoCloseable {

    private static EmbeddedPostgres postgres;

    final Stores stores;
    private final HikariDataSource pool;

    private Databases(Stores stores, HikariDataSource pool) {
        this.stores = stores;
        this.pool = pool;
    }

    /**
     * The in-memory stores, with a token store sized for what a benchmark issues: used and
     * unused tokens stay until they expire, and a fast benchmark issues far more than the default
     * cap (250,000) in one iteration. The cap itself is measured by {@link MemoryFootprint}.
     */
    static Stores inMemory() {
        Clock clock = Clock.systemUTC();
        Stores base = Stores.inMemory(clock);
        return new Stores(base.enrollments(), new InMemoryOneTimeTokenStore(clock, 20_000_000), base.credentials(),
                base.counters());
    }

    /** Opens store kind {@code kind}: memory, h2 or postgres. */
    static Databases open(String kind) {
        String name = "mobileauth_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return switch (kind) {
            case "memory" -> new Databases(inMemory(), null);
            case "h2" -> jdbc(pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1"));
            case "postgres" -> {
                EmbeddedPostgres server = postgres();
                execute(server.getJdbcUrl("postgres", "postgres"), "CREATE DATABASE " + name);
                yield jdbc(pool(server.getJdbcUrl("postgres", name)));
            }
            default -> throw new IllegalArgumentException("store kind must be memory, h2 or postgres, not " + kind);
        };
    }

    private static Databases jdbc(HikariDataSource pool) {
        JdbcStores.migrate(pool);
        return new Databases(JdbcStores.create(pool), pool);
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(3_000);
        return new HikariDataSource(config);
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return postgres;
    }

    private static void execute(String url, String sql) {
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + sql, e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
