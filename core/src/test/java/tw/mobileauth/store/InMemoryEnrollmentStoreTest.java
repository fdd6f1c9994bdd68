package tw.mobileauth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.enrollment.EnrollmentState;

/**
 * What only the in-memory enrolment store does: its automatic sweep and its cap. The store
 * contract itself runs in store-testkit ({@code InMemoryStoresContractTest}).
 */
class InMemoryEnrollmentStoreTest {

    private static final Instant T0 = Instant.parse("2025-03-14T02:00:00Z");

    private static EnrollmentRecord record(String id, Instant purgeAfter) {
        return new EnrollmentRecord(id, 0, EnrollmentState.AWAITING_DEVICE, T0, T0, T0.plusSeconds(1800),
                purgeAfter, "{\"v\":1}", Optional.empty());
    }

    private static String newId() {
        return UUID.randomUUID().toString();
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

    @Test
    void aFullStoreSweepsRecordsPastTheirPurgeTimeFirstAndOtherwiseRefusesWithFull() {
        MutableClock clock = MutableClock.at(T0);
        InMemoryEnrollmentStore store = new InMemoryEnrollmentStore(clock, 2);
        EnrollmentRecord finished = record(newId(), T0.plusSeconds(60));
        assertTrue(store.insert(finished));
        assertTrue(store.insert(record(newId(), T0.plusSeconds(1800))));
        assertEquals(StoreException.Reason.FULL, assertThrows(StoreException.class,
                () -> store.insert(record(newId(), T0.plusSeconds(1800)))).reason());

        clock.advance(java.time.Duration.ofSeconds(60));
        assertTrue(store.insert(record(newId(), T0.plusSeconds(1800))), "the purgeable one made room");
        assertTrue(store.find(finished.id()).isEmpty());
        assertEquals(StoreException.Reason.FULL, assertThrows(StoreException.class,
                () -> store.insert(record(newId(), T0.plusSeconds(1800)))).reason());
        assertThrows(IllegalArgumentException.class, () -> new InMemoryEnrollmentStore(clock, 0));
    }
}
