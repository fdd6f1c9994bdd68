package tw.mobileauth.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.FlywayException;
import tw.mobileauth.Stores;
import tw.mobileauth.store.StoreException;

/**
 * The store SPI on a JDBC {@link DataSource}: PostgreSQL for clusters (every portal node on one
 * database), H2 embedded. The SDK never builds a pool; give it the portal's (HikariCP, say).
 *
 * <pre>{@code
 * JdbcStores.migrate(dataSource);              // once at start-up, or let the portal's Flyway do it
 * Stores stores = JdbcStores.create(dataSource);
 * MobileAuth auth = MobileAuth.builder()...stores(stores)...build();
 * // on a schedule (e.g. every few minutes, on one node or all):
 * JdbcStores.purgeExpired(stores, clock.instant());
 * }</pre>
 *
 * <p>Every atomic store operation is one SQL statement in auto-commit (see {@link Dialect} and the
 * store SPI's table), so several nodes race safely and a failed call leaves nothing half-written.
 * A database error surfaces as a {@link StoreException} ({@code BACKEND_FAILED}) with the
 * {@link SQLException} as its cause.
 */
public final class JdbcStores {

    /** Where the SDK's versioned SQL lives in the jar: add it to a portal's own Flyway locations. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/mobileauth";

    /** The SDK's own Flyway history table, so it coexists with the portal's {@code flyway_schema_history}. */
    public static final String HISTORY_TABLE = "mobileauth_schema_history";

    private JdbcStores() {
    }

    /**
     * {@return the four stores on {@code dataSource}, whose schema must be migrated already ({@link #migrate}
     * or the portal's own Flyway with {@link #MIGRATIONS_LOCATION})}
     *
     * @param dataSource the data source
     * @throws IllegalArgumentException if the database is neither PostgreSQL nor H2
     * @throws SchemaTooNewException    if {@link #HISTORY_TABLE} records a schema newer than this SDK's
     * @throws StoreException           if the database cannot be reached
     */
    public static Stores create(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Dialect dialect;
        try (Connection c = dataSource.getConnection()) {
            dialect = Dialect.of(c);
        } catch (SQLException e) {
            throw Jdbc.failed("connect to detect the database", e);
        }
        refuseNewerSchema(flyway(dataSource));
        Jdbc jdbc = new Jdbc(dataSource, dialect);
        return new Stores(new JdbcEnrollmentStore(jdbc), new JdbcOneTimeTokenStore(jdbc), new JdbcCredentialStore(jdbc),
                new JdbcCounterStore(jdbc));
    }

    /**
     * Applies the SDK's pending migrations with Flyway, recording them in {@link #HISTORY_TABLE}.
     * Safe to run on every start and from every node at once (Flyway locks the history table). A
     * schema that holds other tables already (the portal's) is baselined at version 0 first.
     *
     * @param dataSource the data source
     * @return the schema version now applied
     * @throws SchemaTooNewException if the database is at a newer schema version than this SDK
     * @throws StoreException        if the database cannot be reached or a migration fails
     */
    public static String migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Flyway flyway = flyway(dataSource);
        refuseNewerSchema(flyway);
        try {
            flyway.migrate();
            return Optional.ofNullable(flyway.info().current()).map(i -> i.getVersion().getVersion()).orElse("0");
        } catch (FlywayException e) {
            throw new StoreException("the JDBC store could not migrate its schema: " + e.getMessage(), e);
        }
    }

    /** What {@link #purgeExpired} deleted. */
    public record Purged(int enrollments, int tokens, int counters) {
    }

    /**
     * {@return the clean-up job: deletes enrolments past their purge time, expired one-time tokens and
     * counters whose window and lock have passed; live ones stay} Credentials are never purged
     * (their owner revokes or erases them). Idempotent; safe on several nodes at once.
     *
     * @param stores the stores value
     * @param now the current instant
     */
    public static Purged purgeExpired(Stores stores, Instant now) {
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(now, "now");
        return new Purged(stores.enrollments().purgeExpired(now), stores.tokens().purgeExpired(now),
                stores.counters().purgeExpired(now));
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(JdbcStores.class.getClassLoader())
                .locations(MIGRATIONS_LOCATION)
                .table(HISTORY_TABLE)
                // A migration applied by a newer SDK is an error, not something to skip (Flyway's default
                // ignores "future" migrations); refuseNewerSchema names both versions first.
                .ignoreMigrationPatterns(new String[0])
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .cleanDisabled(true)
                .dataSource(dataSource)
                .load();
    }

    private static MigrationVersion codeVersion(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .filter(i -> i.getType() != null && !i.getType().isBaseline() && i.getState().isResolved())
                .map(MigrationInfo::getVersion).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(MigrationVersion.EMPTY);
    }

    private static void refuseNewerSchema(Flyway flyway) {
        try {
            MigrationVersion code = codeVersion(flyway);
            Optional<MigrationVersion> database = Arrays.stream(flyway.info().applied())
                    .map(MigrationInfo::getVersion).filter(Objects::nonNull).max(Comparator.naturalOrder());
            if (database.isPresent() && database.get().compareTo(code) > 0) {
                throw new SchemaTooNewException(database.get().getVersion(), code.getVersion());
            }
        } catch (FlywayException e) {
            throw new StoreException("the JDBC store could not read its schema history: " + e.getMessage(), e);
        }
    }
}
