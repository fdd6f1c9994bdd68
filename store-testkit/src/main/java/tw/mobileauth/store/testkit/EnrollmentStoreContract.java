package tw.mobileauth.store.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.enrollment.EnrollmentState;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.EnrollmentStore;

/**
 * The contract every {@link EnrollmentStore} keeps. A JDBC store extends this class and
 * implements {@link #newStore()}; the same tests then run against it.
 */
public abstract class EnrollmentStoreContract {

    /** A fixed instant the contract tests start from. */
    protected static final Instant T0 = Instant.parse("2025-03-14T02:00:00Z");

    private EnrollmentStore store;

    /** {@return a fresh, empty store} */
    protected abstract EnrollmentStore newStore();

    @BeforeEach
    final void setUpStore() {
        store = newStore();
    }

    /**
     * {@return an enrollment record for the contract tests}
     *
     * @param id the id
     * @param purgeAfter when the record may be purged
     */
    protected static EnrollmentRecord record(String id, Instant purgeAfter) {
        return new EnrollmentRecord(id, 0, EnrollmentState.AWAITING_DEVICE, T0, T0, T0.plus(Duration.ofMinutes(30)),
                purgeAfter, "{\"v\":1}", Optional.empty());
    }

    /** {@return a fresh random record id} */
    protected static String newId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void insertedRecordIsFoundUnchangedAndASecondInsertOfTheSameIdIsRefused() {
        EnrollmentRecord r = record(newId(), T0.plusSeconds(1800));
        assertTrue(store.insert(r));
        assertEquals(r, store.find(r.id()).orElseThrow());

        EnrollmentRecord other = new EnrollmentRecord(r.id(), 0, EnrollmentState.VERIFYING, T0, T0, T0, T0, "{}",
                Optional.empty());
        assertFalse(store.insert(other));
        assertEquals(r, store.find(r.id()).orElseThrow());
    }

    @Test
    void unknownIdIsEmptyNotNull() {
        assertTrue(store.find(newId()).isEmpty());
    }

    @Test
    void compareAndSetWritesOnlyWhenTheExpectedVersionIsStillStored() {
        EnrollmentRecord r = record(newId(), T0.plusSeconds(1800));
        store.insert(r);
        EnrollmentRecord v1 = r.next(EnrollmentState.DEVICE_CONNECTED, "{\"v\":1,\"x\":1}", T0.plusSeconds(5),
                r.purgeAfter());
        assertTrue(store.compareAndSet(0, v1));
        assertEquals(v1, store.find(r.id()).orElseThrow());

        EnrollmentRecord stale = r.next(EnrollmentState.CANCELLED, "{}", T0.plusSeconds(6), r.purgeAfter());
        assertFalse(store.compareAndSet(0, stale), "a writer that read version 0 must lose");
        assertEquals(v1, store.find(r.id()).orElseThrow());
    }

    @Test
    void compareAndSetOnAMissingRecordFailsAndCreatesNothing() {
        EnrollmentRecord ghost = record(newId(), T0).next(EnrollmentState.VERIFYING, "{}", T0, T0);
        assertFalse(store.compareAndSet(0, ghost));
        assertTrue(store.find(ghost.id()).isEmpty());
    }

    @Test
    void compareAndSetRejectsASuccessorThatSkipsAVersion() {
        EnrollmentRecord r = record(newId(), T0);
        store.insert(r);
        EnrollmentRecord skip = new EnrollmentRecord(r.id(), 2, r.state(), T0, T0, T0, T0, "{}", Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> store.compareAndSet(0, skip));
    }

    @Test
    void racingWritersOfOneVersionHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 50; round++) {
            EnrollmentRecord r = record(newId(), T0.plusSeconds(60));
            store.insert(r);
            List<Boolean> wins = Races.race(4, i -> () -> store.compareAndSet(0,
                    r.next(EnrollmentState.DEVICE_CONNECTED, "{\"winner\":" + i + "}", T0, r.purgeAfter())));
            assertEquals(1, wins.stream().filter(w -> w).count(), "round " + round);
            int winner = wins.indexOf(true);
            assertEquals("{\"winner\":" + winner + "}", store.find(r.id()).orElseThrow().document());
        }
    }

    @Test
    void casRetryLoopsNeverLoseAnUpdate() throws Exception {
        EnrollmentRecord r = record(newId(), T0.plusSeconds(60));
        store.insert(r);
        int threads = 4;
        int perThread = 100;
        Races.race(threads, i -> () -> {
            for (int n = 0; n < perThread; n++) {
                while (true) {
                    EnrollmentRecord current = store.find(r.id()).orElseThrow();
                    if (store.compareAndSet(current.version(),
                            current.next(current.state(), current.document(), T0, current.purgeAfter()))) {
                        break;
                    }
                }
            }
            return null;
        });
        assertEquals((long) threads * perThread, store.find(r.id()).orElseThrow().version());
    }

    @Test
    void purgeDeletesOnlyRecordsWhosePurgeTimeHasCome() {
        EnrollmentRecord due = record(newId(), T0.plusSeconds(10));
        EnrollmentRecord later = record(newId(), T0.plusSeconds(11));
        store.insert(due);
        store.insert(later);

        assertEquals(0, store.purgeExpired(T0.plusSeconds(9)));
        assertEquals(1, store.purgeExpired(T0.plusSeconds(10)));
        assertTrue(store.find(due.id()).isEmpty());
        assertTrue(store.find(later.id()).isPresent());
    }

    @Test
    void deleteRemovesTheRecordOnce() {
        EnrollmentRecord r = record(newId(), T0);
        store.insert(r);
        assertTrue(store.delete(r.id()));
        assertFalse(store.delete(r.id()));
        assertTrue(store.find(r.id()).isEmpty());
    }

    @Test
    void deleteAllForSubjectRemovesThatPersonsEnrollmentsInEveryStateAndNobodyElses() {
        EnrollmentRecord mine = withSubject(record(newId(), T0.plusSeconds(1800)), "subject-a");
        EnrollmentRecord mineLater = withSubject(record(newId(), T0.plusSeconds(1800)), "subject-a")
                .next(EnrollmentState.COMPLETED, "{\"v\":1}", T0, T0.plusSeconds(600));
        EnrollmentRecord theirs = withSubject(record(newId(), T0.plusSeconds(1800)), "subject-b");
        EnrollmentRecord legacy = record(newId(), T0.plusSeconds(1800));
        for (EnrollmentRecord r : List.of(mine, mineLater, theirs, legacy)) {
            assertTrue(store.insert(r));
        }
        assertEquals(Optional.of("subject-a"), store.find(mineLater.id()).orElseThrow().subjectKey(),
                "the subject key is stored and kept by next()");

        assertEquals(2, store.deleteAllForSubject("subject-a"));
        assertTrue(store.find(mine.id()).isEmpty());
        assertTrue(store.find(mineLater.id()).isEmpty());
        assertTrue(store.find(theirs.id()).isPresent());
        assertTrue(store.find(legacy.id()).isPresent());
        assertEquals(0, store.deleteAllForSubject("subject-a"));
    }

    @Test
    void listBySubjectReturnsThatPersonsEnrollmentsInEveryStateOldestFirstAndNobodyElses() {
        EnrollmentRecord older = withSubject(record(newId(), T0.plusSeconds(1800)), "subject-a");
        EnrollmentRecord r = record(newId(), T0.plusSeconds(1800));
        EnrollmentRecord newer = withSubject(new EnrollmentRecord(r.id(), 0, r.state(), T0.plusSeconds(5),
                T0.plusSeconds(5), r.expiresAt(), r.purgeAfter(), r.document(), java.util.Optional.empty()), "subject-a");
        EnrollmentRecord theirs = withSubject(record(newId(), T0.plusSeconds(1800)), "subject-b");
        for (EnrollmentRecord x : List.of(newer, theirs, older, record(newId(), T0.plusSeconds(1800)))) {
            assertTrue(store.insert(x));
        }
        EnrollmentRecord finished = newer.next(EnrollmentState.COMPLETED, "{\"v\":1}", T0.plusSeconds(9), T0.plusSeconds(600));
        assertTrue(store.compareAndSet(newer.version(), finished));

        assertEquals(List.of(older, finished), store.listBySubject("subject-a"));
        assertEquals(List.of(), store.listBySubject("subject-c"));
    }

    private static EnrollmentRecord withSubject(EnrollmentRecord r, String subjectKey) {
        return new EnrollmentRecord(r.id(), r.version(), r.state(), r.createdAt(), r.updatedAt(), r.expiresAt(),
                r.purgeAfter(), r.document(), Optional.of(subjectKey));
    }
}
