package tw.mobileauth.store.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.store.CounterState;
import tw.mobileauth.store.CounterStore;

/** The contract every {@link CounterStore} keeps; a JDBC store extends it. */
public abstract class CounterStoreContract {

    /** A fixed instant the contract tests start from. */
    protected static final Instant T0 = Instant.parse("2025-03-14T02:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private CounterStore store;

    /** {@return a fresh, empty store} */
    protected abstract CounterStore newStore();

    @BeforeEach
    final void setUpStore() {
        store = newStore();
    }

    @Test
    void incrementCountsWithinTheWindowAndStartsAfreshAfterIt() {
        assertEquals(1, store.increment("k", T0, WINDOW).count());
        assertEquals(2, store.increment("k", T0.plusSeconds(60), WINDOW).count());
        CounterState third = store.increment("k", T0.plus(WINDOW).minusSeconds(1), WINDOW);
        assertEquals(3, third.count());
        assertEquals(T0, third.windowStart(), "the window is not extended by later failures");

        CounterState fresh = store.increment("k", T0.plus(WINDOW), WINDOW);
        assertEquals(1, fresh.count());
        assertEquals(T0.plus(WINDOW), fresh.windowStart());
    }

    @Test
    void failuresAreNotCountedWhileLockedAndTheLockOnlyGrows() {
        store.increment("k", T0, WINDOW);
        store.lockUntil("k", T0.plusSeconds(60));
        store.lockUntil("k", T0.plusSeconds(30));
        assertEquals(Optional.of(T0.plusSeconds(60)), store.find("k").orElseThrow().lockedUntil());

        CounterState during = store.increment("k", T0.plusSeconds(59), WINDOW);
        assertEquals(1, during.count(), "not counted while locked");
        assertTrue(during.isLockedAt(T0.plusSeconds(59)));

        CounterState after = store.increment("k", T0.plusSeconds(60), WINDOW);
        assertEquals(2, after.count(), "counted again once the lock has passed");
        assertFalse(after.isLockedAt(T0.plusSeconds(60)));
    }

    @Test
    void resetForgetsCountAndLock() {
        store.increment("k", T0, WINDOW);
        store.lockUntil("k", T0.plusSeconds(60));
        assertTrue(store.reset("k"));
        assertFalse(store.reset("k"));
        assertTrue(store.find("k").isEmpty());
        assertEquals(1, store.increment("k", T0.plusSeconds(1), WINDOW).count());
    }

    @Test
    void aNonPositiveWindowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> store.increment("k", T0, Duration.ZERO));
    }

    @Test
    void purgeKeepsLockedCountersUntilTheLockEnds() {
        store.increment("short", T0, WINDOW);
        store.increment("locked", T0, WINDOW);
        store.lockUntil("locked", T0.plus(WINDOW).plusSeconds(100));

        assertEquals(1, store.purgeExpired(T0.plus(WINDOW)));
        assertTrue(store.find("locked").isPresent());
        assertEquals(1, store.purgeExpired(T0.plus(WINDOW).plusSeconds(100)));
        assertTrue(store.find("locked").isEmpty());
    }

    @Test
    void concurrentIncrementsAreAllCounted() throws Exception {
        int threads = 4;
        int perThread = 250;
        Races.race(threads, i -> () -> {
            for (int n = 0; n < perThread; n++) {
                store.increment("hot", T0, WINDOW);
            }
            return null;
        });
        assertEquals((long) threads * perThread, store.find("hot").orElseThrow().count());
    }
}
