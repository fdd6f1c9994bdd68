package tw.mobileauth.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import tw.mobileauth.Stores;

/**
 * The schema checks and the clean-up job on H2 alone (MigrationsTest runs them on H2 and PostgreSQL
 * together): the mutation profile runs no PostgreSQL, so these are what it judges the SQL paths by.
 */
class H2MigrationsTest {

    @Test
    void migrateReportsTheAppliedVersionEveryTime() {
        try (HikariDataSource ds = TestDatabases.h2Memory()) {
            assertEquals("2", JdbcStores.migrate(ds));
            assertEquals("2", JdbcStores.migrate(ds), "a second run applies nothing and reports the same version");
        }
    }

    @Test
    void aNewerSchemaIsRefusedByMigrateAndByCreateNamingBothVersions() {
        try (HikariDataSource ds = TestDatabases.h2Memory()) {
            JdbcStores.migrate(ds);
            Flyway.configure().dataSource(ds).locations(JdbcStores.MIGRATIONS_LOCATION, "classpath:db/mobileauth-next")
                    .table(JdbcStores.HISTORY_TABLE).load().migrate();
            SchemaTooNewException onMigrate = assertThrows(SchemaTooNewException.class, () -> JdbcStores.migrate(ds));
            assertEquals("3", onMigrate.databaseVersion());
            assertEquals("2", onMigrate.codeVersion());
            SchemaTooNewException onCreate = assertThrows(SchemaTooNewException.class, () -> JdbcStores.create(ds));
            assertEquals("3", onCreate.databaseVersion());
            assertEquals("2", onCreate.codeVersion());
        }
    }

    @Test
    void theCleanUpJobOnAnEmptyStoreDeletesNothingAndSaysSo() {
        try (HikariDataSource ds = TestDatabases.h2Memory()) {
            JdbcStores.migrate(ds);
            Stores stores = JdbcStores.create(ds);
            JdbcStores.Purged purged = JdbcStores.purgeExpired(stores, Instant.parse("2030-01-01T00:00:00Z"));
            assertEquals(new JdbcStores.Purged(0, 0, 0), purged);
        }
    }
}
