package tw.mobileauth.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.Consumer;

/**
 * Runs an in-memory store's TTL clean-up every {@link #EVERY} writes, with the store's clock, so
 * that expired records do not pile up when nobody calls {@code purgeExpired}; and enforces the
 * store's entry cap.
 */
final class Sweeper {

    /** Writes between two sweeps. A sweep is O(size), so this keeps its amortised cost small. */
    static final int EVERY = 4096;
    /** A full store sweeps at most this often, so that a flood of refused writes costs no O(size) scan each. */
    static final Duration FULL_SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final Clock clock;
    private final Consumer<Instant> purge;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicReference<Instant> lastFullSweep = new AtomicReference<>(Instant.MIN);

    Sweeper(Clock clock, Consumer<Instant> purge) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.purge = purge;
    }

    void wrote() {
        if (writes.incrementAndGet() % EVERY == 0) {
            purge.accept(clock.instant());
        }
    }

    /**
     * Before a write: if the store holds {@code maxEntries} or more, sweeps the expired ones (at
     * most once per {@link #FULL_SWEEP_INTERVAL}), and if it is still full refuses the write.
     *
     * @throws StoreException {@link StoreException.Reason#FULL}
     */
    void makeRoom(IntSupplier size, int maxEntries, String store) {
        if (size.getAsInt() < maxEntries) {
            return;
        }
        Instant now = clock.instant();
        Instant last = lastFullSweep.get();
        if (!now.isBefore(last.plus(FULL_SWEEP_INTERVAL)) && lastFullSweep.compareAndSet(last, now)) {
            purge.accept(now);
        }
        if (size.getAsInt() >= maxEntries) {
            throw new StoreException(StoreException.Reason.FULL, store + " is full: " + maxEntries
                    + " live entries (maxEntries); refusing new ones until some expire");
        }
    }

    static int requireCap(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        return maxEntries;
    }
}
