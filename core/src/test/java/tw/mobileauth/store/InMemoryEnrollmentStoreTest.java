package tw.mobileauth.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryEnrollmentStoreTest extends EnrollmentStoreContract {

    @Override
    protected EnrollmentStore newStore() {
        return new InMemoryEnrollmentStore();
    }

    @Test
    void expiredRecordsAreSweptAutomaticallyWithoutAnExplicitPurge() {
        Instant later = T0.plusSeconds(3600);
        InMemoryEnrollmentStore store = new InMemoryEnrollmentStore(Clock.fixed(later, ZoneOffset.UTC));
        EnrollmentRecord stale = record(newId(), T0.plusSeconds(10));
        EnrollmentRecord fresh = record(newId(), later.plusSeconds(10));
        store.insert(stale);
        store.insert(fresh);
        for (int i = 0; i < Sweeper.EVERY; i++) {
            store.insert(record(newId(), later.plusSeconds(10)));
        }
        assertTrue(store.find(stale.id()).isEmpty(), "swept once the clock passed its purge time");
        assertTrue(store.find(fresh.id()).isPresent());
    }
}
