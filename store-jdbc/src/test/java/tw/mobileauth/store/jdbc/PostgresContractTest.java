package tw.mobileauth.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The store contract on PostgreSQL: embedded, or the server {@value TestDatabases#EXTERNAL_POSTGRES}
 * names.
 */
class PostgresContractTest extends JdbcContractSuite {

    private static HikariDataSource database;

    @Override
    protected synchronized HikariDataSource database() {
        if (database == null) {
            database = migrated(TestDatabases.postgres().open());
        }
        return database;
    }
}
