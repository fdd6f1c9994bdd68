package tw.mobileauth.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure counter as stored, e.g. failed logins for one credential or one person.
 *
 * @param key         what is counted: an opaque, keyed identifier, never a raw ID
 * @param count       failures in the current window, {@code >= 0}
 * @param windowStart when the current window began (the first failure in it)
 * @param windowEnd   when the count resets unless locked
 * @param lockedUntil until when the key is locked out, if it is or was
 */
public record CounterState(String key, long count, Instant windowStart, Instant windowEnd,
        Optional<Instant> lockedUntil) {

    /**
     * @param key the key
     * @param count the count value
     * @param windowStart the window start
     * @param windowEnd the window end
     * @param lockedUntil the locked until
     * @throws IllegalArgumentException if the count is negative or the window ends before it starts
     */
    public CounterState {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        if (count < 0 || windowEnd.isBefore(windowStart)) {
            throw new IllegalArgumentException("a counter needs count >= 0 and windowEnd >= windowStart");
        }
    }

    /**
     * {@return whether the key is locked at {@code now} ({@code now < lockedUntil})}
     *
     * @param now the current instant
     */
    public boolean isLockedAt(Instant now) {
        return lockedUntil.isPresent() && now.isBefore(lockedUntil.get());
    }

    /** {@return when the store may forget this counter: the later of the window's end and the lock's end} */
    public Instant expiresAt() {
        return lockedUntil.filter(windowEnd::isBefore).orElse(windowEnd);
    }
}
