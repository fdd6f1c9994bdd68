package tw.mobileauth.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link CounterStore} in a {@link ConcurrentHashMap}; each step is one atomic {@code compute}.
 * Counters past their {@link CounterState#expiresAt()} are swept every few thousand writes (using
 * the clock given here) and by {@link #purgeExpired}.
 */
public final class InMemoryCounterStore implements CounterStore {

    private final ConcurrentHashMap<String, CounterState> counters = new ConcurrentHashMap<>();
    private final Sweeper sweeper;

    /** A store swept with the system UTC clock. */
    public InMemoryCounterStore() {
        this(Clock.systemUTC());
    }

    /**
     * A store whose automatic sweep reads {@code clock}.
     *
     * @param clock the clock that decides expiry
     */
    public InMemoryCounterStore(Clock clock) {
        this.sweeper = new Sweeper(clock, this::purgeExpired);
    }

    @Override
    public Optional<CounterState> find(String key) {
        return Optional.ofNullable(counters.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public CounterState increment(String key, Instant now, Duration resetWindow) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        if (resetWindow.isNegative() || resetWindow.isZero()) {
            throw new IllegalArgumentException("resetWindow must be positive, was " + resetWindow);
        }
        CounterState after = counters.compute(key, (k, current) -> {
            if (current != null && current.isLockedAt(now)) {
                return current;
            }
            if (current == null || !now.isBefore(current.windowEnd())) {
                Optional<Instant> lock = current == null ? Optional.empty() : current.lockedUntil().filter(now::isBefore);
                return new CounterState(k, 1, now, now.plus(resetWindow), lock);
            }
            return new CounterState(k, current.count() + 1, current.windowStart(), current.windowEnd(),
                    current.lockedUntil());
        });
        sweeper.wrote();
        return after;
    }

    @Override
    public CounterState lockUntil(String key, Instant until) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(until, "until");
        CounterState after = counters.compute(key, (k, current) -> {
            if (current == null) {
                return new CounterState(k, 0, until, until, Optional.of(until));
            }
            Instant lock = current.lockedUntil().filter(until::isBefore).orElse(until);
            return new CounterState(k, current.count(), current.windowStart(), current.windowEnd(), Optional.of(lock));
        });
        sweeper.wrote();
        return after;
    }

    @Override
    public boolean reset(String key) {
        return counters.remove(Objects.requireNonNull(key, "key")) != null;
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        AtomicInteger purged = new AtomicInteger();
        counters.forEach((k, c) -> {
            if (!c.expiresAt().isAfter(now) && counters.remove(k, c)) {
                purged.incrementAndGet();
            }
        });
        return purged.get();
    }
}
