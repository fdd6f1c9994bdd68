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
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import tw.mobileauth.Stores;
import tw.mobileauth.client.BoundDevice;
import tw.mobileauth.client.BrowserFamily;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.CredentialStatus;
import tw.mobileauth.store.CredentialStore;

/**
 * The SDK's Flyway migrations: from empty, again (a no-op), next to a portal's own Flyway, the
 * upgrade from version 1, and the refusal of a schema a newer SDK migrated.
 */
class MigrationsTest {

    private static final Instant T0 = Instant.parse("2025-03-14T02:00:00Z");

    @Test
    void anEmptyDatabaseIsMigratedOnceAndTheSecondRunChangesNothing() throws Exception {
        for (HikariDataSource ds : new HikariDataSource[] {TestDatabases.h2Memory(), TestDatabases.postgres().open()}) {
            try (ds) {
                assertEquals("2", JdbcStores.migrate(ds));
                assertEquals(2, appliedMigrations(ds));
                assertEquals("2", JdbcStores.migrate(ds), "a second run is a no-op");
                assertEquals(2, appliedMigrations(ds));
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

                assertEquals("2", JdbcStores.migrate(ds), "already there: nothing to do");
                assertEquals(2, appliedMigrations(ds));
                assertUsable(JdbcStores.create(ds));
            }
        }
    }

    @Test
    void ourMigrationsJoinASchemaThatAlreadyHoldsThePortalsTables() throws Exception {
        try (HikariDataSource ds = TestDatabases.postgres().open()) {
            Flyway.configure().dataSource(ds).locations("classpath:db/portal").load().migrate();
            assertEquals("2", JdbcStores.migrate(ds), "baselined at 0 next to the portal's tables, then V1 and V2");
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
                assertEquals("3", onMigrate.databaseVersion());
                assertEquals("2", onMigrate.codeVersion());
                assertTrue(onMigrate.getMessage().contains("version 3") && onMigrate.getMessage().contains("version 2"),
                        onMigrate.getMessage());
                assertThrows(SchemaTooNewException.class, () -> JdbcStores.create(ds), "nor do the stores start");
            }
        }
    }

    /**
     * A database a version-1 SDK migrated and wrote to: V2 adds the bound-device columns, the old
     * credential reads as "unknown", and a value this SDK does not know (a newer SDK's enum constant)
     * reads as unknown (device class) or OTHER (browser family), never as an error.
     */
    @Test
    void aVersionOneDatabaseIsUpgradedAndItsCredentialsReadAsUnknownBoundDevice() throws Exception {
        for (HikariDataSource ds : new HikariDataSource[] {TestDatabases.h2Memory(), TestDatabases.postgres().open()}) {
            try (ds) {
                Flyway.configure().dataSource(ds).locations(JdbcStores.MIGRATIONS_LOCATION)
                        .table(JdbcStores.HISTORY_TABLE).target("1").load().migrate();
                insertVersionOneCredential(ds, "old-credential");

                assertEquals("2", JdbcStores.migrate(ds), "V1 is not too new: it is upgraded");
                CredentialStore credentials = JdbcStores.create(ds).credentials();
                CredentialRecord old = credentials.find("old-credential").orElseThrow();
                assertEquals(Optional.empty(), old.boundDevice());
                assertEquals(CredentialStatus.ACTIVE, old.status());

                execute(ds, "UPDATE mobileauth_credential SET bound_device_class = 'HOLOGRAM',"
                        + " bound_browser_family = 'CHROME' WHERE credential_id = 'old-credential'");
                assertEquals(Optional.empty(), credentials.find("old-credential").orElseThrow().boundDevice());
                execute(ds, "UPDATE mobileauth_credential SET bound_device_class = 'DESKTOP',"
                        + " bound_browser_family = 'NETSCAPE' WHERE credential_id = 'old-credential'");
                assertEquals(Optional.of(new BoundDevice(DeviceClass.DESKTOP, BrowserFamily.OTHER)),
                        credentials.find("old-credential").orElseThrow().boundDevice());
            }
        }
    }

    private static void insertVersionOneCredential(HikariDataSource ds, String id) throws SQLException {
        execute(ds, "INSERT INTO mobileauth_credential (credential_id, version, subject_key, birth_date_verifier,"
                + " name_verifier, password_hash, device_public_key, certificate, status, issued_at, not_after)"
                + " VALUES ('" + id + "', 0, 'subject', 'bd', 'name', '$argon2id$x', 'spki', 'der', 'ACTIVE',"
                + " TIMESTAMP WITH TIME ZONE '2025-03-14 02:00:00+00', TIMESTAMP WITH TIME ZONE '2026-03-14 02:00:00+00')");
    }

    private static void execute(HikariDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
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
