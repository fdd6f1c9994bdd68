package tw.mobileauth.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import tw.mobileauth.Stores;

/**
 * The SDK's Flyway migrations: from empty, again (a no-op), next to a portal's own Flyway, and
 * the refusal of a schema a newer SDK migrated.
 */
class MigrationsTest {

    private static final Instant T0 = Instant.parse("2025-03-14T02:00:00Z");

    @Test
    void anEmptyDatabaseIsMigratedOnceAndTheSecondRunChangesNothing() throws Exception {
        for (HikariDataSource ds : new HikariDataSource[] {TestDatabases.h2Memory(), TestDatabases.postgres().open()}) {
            try (ds) {
                assertEquals("1", JdbcStores.migrate(ds));
                assertEquals(1, appliedMigrations(ds));
                assertEquals("1", JdbcStores.migrate(ds), "a second run is a no-op");
                assertEquals(1, appliedMigrations(ds));
                assertUsable(JdbcStores.create(ds));
            }
        }
    }

    @Test
    void aDatabaseThePortalsOwnFlywayMigratedWithOurLocationNeedsNothingMore() throws Exception {
        for (HikariDataSource ds : new HikariDataSource[] {TestDatabases.h2Memory(), TestDatabases.postgres().open()}) {
            try (ds) {
                // The portal's own migrations, in its own history table ...
                Flyway.configure().dataSource(ds).locations("classpath:db/portal").load().migrate();
                // ... and ours, as the README shows: our location, our history table.
                Flyway.configure().dataSource(ds).locations(JdbcStores.MIGRATIONS_LOCATION)
                        .table(JdbcStores.HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("0").load().migrate();

                assertEquals("1", JdbcStores.migrate(ds), "already there: nothing to do");
                assertEquals(1, appliedMigrations(ds));
                assertUsable(JdbcStores.create(ds));
            }
        }
    }

    @Test
    void ourMigrationsJoinASchemaThatAlreadyHoldsThePortalsTables() throws Exception {
        try (HikariDataSource ds = TestDatabases.postgres().open()) {
            Flyway.configure().dataSource(ds).locations("classpath:db/portal").load().migrate();
            assertEquals("1", JdbcStores.migrate(ds), "baselined at 0 next to the portal's tables, then V1");
            assertUsable(JdbcStores.create(ds));
        }
    }

    @Test
    void aSchemaMigratedByANewerSdkIsRefusedNamingBothVersions() throws Exception {
        for (HikariDataSource ds : new HikariDataSource[] {TestDatabases.h2Memory(), TestDatabases.postgres().open()}) {
            try (ds) {
                JdbcStores.migrate(ds);
                Flyway.configure().dataSource(ds).locations(JdbcStores.MIGRATIONS_LOCATION, "classpath:db/mobileauth-next")
                        .table(JdbcStores.HISTORY_TABLE).load().migrate();

                SchemaTooNewException onMigrate = assertThrows(SchemaTooNewException.class, () -> JdbcStores.migrate(ds));
                assertEquals("2", onMigrate.databaseVersion());
                assertEquals("1", onMigrate.codeVersion());
                assertTrue(onMigrate.getMessage().contains("version 2") && onMigrate.getMessage().contains("version 1"),
                        onMigrate.getMessage());
                assertThrows(SchemaTooNewException.class, () -> JdbcStores.create(ds), "nor do the stores start");
            }
        }
    }

    private static void assertUsable(Stores stores) {
        assertEquals(1, stores.counters().increment("k", T0, Duration.ofMinutes(1)).count());
    }

    private static int appliedMigrations(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + JdbcStores.HISTORY_TABLE + "\""
                        + " WHERE \"type\" = 'SQL' AND \"success\" = TRUE")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
