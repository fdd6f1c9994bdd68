package tw.mobileauth.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tw.mobileauth.store.CounterState;
import tw.mobileauth.store.CounterStore;

/**
 * A {@link CounterStore} that runs something just before the first {@code lockUntil} reaches the
 * real store: a deterministic way to let "another request" act between an increment and the lock
 * that follows it.
 */
final class InterleavingCounters implements CounterStore {

    private final CounterStore delegate;
    private Runnable beforeFirstLock = () -> { };

    InterleavingCounters(CounterStore delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code action} once, before the next {@code lockUntil}. */
    void beforeFirstLock(Runnable action) {
        this.beforeFirstLock = action;
    }

    @Override
    public Optional<CounterState> find(String key) {
        return delegate.find(key);
    }

    @Override
    public CounterState increment(String key, Instant now, Duration resetWindow) {
        return delegate.increment(key, now, resetWindow);
    }

    @Override
    public CounterState lockUntil(String key, Instant until) {
        Runnable action = beforeFirstLock;
        beforeFirstLock = () -> { };
        action.run();
        return delegate.lockUntil(key, until);
    }

    @Override
    public boolean reset(String key) {
        return delegate.reset(key);
    }

    @Override
    public int purgeExpired(Instant now) {
        return delegate.purgeExpired(now);
    }
}
