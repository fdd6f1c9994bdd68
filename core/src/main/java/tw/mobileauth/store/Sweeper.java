package tw.mobileauth.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * Runs an in-memory store's TTL clean-up every {@link #EVERY} writes, with the store's clock, so
 * that expired records do not pile up when nobody calls {@code purgeExpired}.
 */
final class Sweeper {

    /** Writes between two sweeps. A sweep is O(size), so this keeps its amortised cost small. */
    static final int EVERY = 4096;

    private final Clock clock;
    private final ToIntFunction<Instant> purge;
    private final AtomicLong writes = new AtomicLong();

    Sweeper(Clock clock, ToIntFunction<Instant> purge) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.purge = purge;
    }

    void wrote() {
        if (writes.incrementAndGet() % EVERY == 0) {
            purge.applyAsInt(clock.instant());
        }
    }
}
