package tw.mobileauth.store.testkit;

import org.junit.jupiter.api.Nested;
import tw.mobileauth.store.CounterStore;
import tw.mobileauth.store.CredentialStore;
import tw.mobileauth.store.EnrollmentStore;
import tw.mobileauth.store.InMemoryCounterStore;
import tw.mobileauth.store.InMemoryCredentialStore;
import tw.mobileauth.store.InMemoryEnrollmentStore;
import tw.mobileauth.store.InMemoryOneTimeTokenStore;
import tw.mobileauth.store.OneTimeTokenStore;

/** core's in-memory stores keep the published store contract. */
class InMemoryStoresContractTest {

    @Nested
    class Enrollments extends EnrollmentStoreContract {
        @Override
        protected EnrollmentStore newStore() {
            return new InMemoryEnrollmentStore();
        }
    }

    @Nested
    class Tokens extends OneTimeTokenStoreContract {
        @Override
        protected OneTimeTokenStore newStore() {
            return new InMemoryOneTimeTokenStore();
        }
    }

    @Nested
    class Credentials extends CredentialStoreContract {
        @Override
        protected CredentialStore newStore() {
            return new InMemoryCredentialStore();
        }
    }

    @Nested
    class Counters extends CounterStoreContract {
        @Override
        protected CounterStore newStore() {
            return new InMemoryCounterStore();
        }
    }
}
