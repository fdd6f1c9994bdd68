package tw.mobileauth.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failure counters with a reset window and a lock-out. Thread-safe; every method is atomic, so
 * concurrent failures are all counted.
 */
public interface CounterStore {

    /**
     * {@return the counter for {@code key}, if there is one}
     *
     * @param key the key
     */
    Optional<CounterState> find(String key);

    /**
     * Increment-and-read, in one atomic step:
     * <ul>
     *   <li>while locked ({@code now < lockedUntil}) nothing changes: failures are not counted
     *       during a lock-out;</li>
     *   <li>with no counter, or once {@code now >= windowEnd}, a new window starts: count 1,
     *       {@code windowStart = now}, {@code windowEnd = now + resetWindow}, and a lock that has
     *       passed is dropped;</li>
     *   <li>otherwise the count grows by one (the window is not extended).</li>
     * </ul>
     *
     * @param resetWindow how long a window lasts; must be positive
     * @param key the key
     * @param now the current instant
     * @return the counter after the step
     * @throws IllegalArgumentException if {@code resetWindow} is not positive
     */
    CounterState increment(String key, Instant now, Duration resetWindow);

    /**
     * Locks the key until {@code until}, or keeps a later lock that is already set
     * ({@code lockedUntil = max(lockedUntil, until)}). Creates a counter with count 0 if none exists.
     *
     * @param key the key
     * @param until the until value
     * @return the counter after the step
     */
    CounterState lockUntil(String key, Instant until);

    /**
     * Forgets the counter and any lock (e.g. after a successful login). @return whether one existed
     *
     * @param key the key
     * @return {@code true} if it holds, {@code false} otherwise
     */
    boolean reset(String key);

    /**
     * Deletes every counter whose {@link CounterState#expiresAt()} is at or before {@code now}. @return how many
     *
     * @param now the current instant
     * @return the int
     */
    int purgeExpired(Instant now);
}
