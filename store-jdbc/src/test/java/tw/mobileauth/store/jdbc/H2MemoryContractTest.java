package tw.mobileauth.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/** The store contract on H2 in memory. */
class H2MemoryContractTest extends JdbcContractSuite {

    private static HikariDataSource database;

    @Override
    protected synchronized HikariDataSource database() {
        if (database == null) {
            database = migrated(TestDatabases.h2Memory());
        }
        return database;
    }
}
