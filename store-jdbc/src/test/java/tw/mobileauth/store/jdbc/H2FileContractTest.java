package tw.mobileauth.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The store contract on an H2 file database. */
class H2FileContractTest extends JdbcContractSuite {

    private static HikariDataSource database;

    @Override
    protected synchronized HikariDataSource database() {
        if (database == null) {
            try {
                database = migrated(TestDatabases.h2File(Files.createTempDirectory("mobileauth-h2").resolve("stores")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return database;
    }
}
