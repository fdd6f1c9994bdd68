package tw.mobileauth.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Nested;
import tw.mobileauth.Stores;
import tw.mobileauth.store.CounterStore;
import tw.mobileauth.store.CredentialStore;
import tw.mobileauth.store.EnrollmentStore;
import tw.mobileauth.store.OneTimeTokenStore;
import tw.mobileauth.store.testkit.CounterStoreContract;
import tw.mobileauth.store.testkit.CredentialStoreContract;
import tw.mobileauth.store.testkit.EnrollmentStoreContract;
import tw.mobileauth.store.testkit.OneTimeTokenStoreContract;

/**
 * The published store contract (store-testkit), run on one migrated database that each test
 * empties first. Subclasses say which database.
 */
abstract class JdbcContractSuite {

    /** The suite's database, migrated once; the same for every test of the subclass. */
    protected abstract HikariDataSource database();

    private Stores freshStores() {
        HikariDataSource ds = database();
        TestDatabases.empty(ds);
        return JdbcStores.create(ds);
    }

    /** Migrates {@code ds} and returns it. */
    static HikariDataSource migrated(HikariDataSource ds) {
        JdbcStores.migrate(ds);
        return ds;
    }

    @Nested
    class Enrollments extends EnrollmentStoreContract {
        @Override
        protected EnrollmentStore newStore() {
            return freshStores().enrollments();
        }
    }

    @Nested
    class Tokens extends OneTimeTokenStoreContract {
        @Override
        protected OneTimeTokenStore newStore() {
            return freshStores().tokens();
        }
    }

    @Nested
    class Credentials extends CredentialStoreContract {
        @Override
        protected CredentialStore newStore() {
            return freshStores().credentials();
        }
    }

    @Nested
    class Counters extends CounterStoreContract {
        @Override
        protected CounterStore newStore() {
            return freshStores().counters();
        }
    }
}
