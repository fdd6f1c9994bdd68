package tw.mobileauth.carrier.camara;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.CarrierException.Origin;

/**
 * Client-credentials tokens per scope, reused until {@link AccessToken#refreshAt()}. Thread-safe:
 * one fetch per scope at a time; other callers of that scope wait for it and share its token, but
 * never past their own deadline: a caller whose deadline comes first gives up with
 * {@link CarrierException.CarrierUnavailable} {@code DEADLINE_EXCEEDED}.
 */
final class TokenCache {

    /** Fetches a new token for a scope. */
    @FunctionalInterface
    interface Source {
        AccessToken fetch() throws CarrierException;
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        final AtomicReference<AccessToken> token = new AtomicReference<>();
    }

    private final String carrierId;
    private final Clock clock;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    TokenCache(String carrierId, Clock clock) {
        this.carrierId = carrierId;
        this.clock = clock;
    }

    /**
     * A live token for {@code scope}, fetched from {@code source} when there is none. Waits for
     * another caller's fetch of the same scope at most until {@code ctx}'s deadline.
     */
    AccessToken get(CallContext ctx, String scope, Source source) throws CarrierException {
        Slot slot = slots.computeIfAbsent(scope, s -> new Slot());
        AccessToken current = slot.token.get();
        if (live(current)) {
            return current;
        }
        Duration left = ctx.remaining(clock);
        boolean locked;
        try {
            locked = left.compareTo(Duration.ZERO) > 0 && slot.lock.tryLock(left.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CarrierException.CarrierUnavailable(Origin.transport(carrierId, "INTERRUPTED", ctx.correlator()),
                    Optional.empty(), "interrupted while waiting for the token of scope " + scope, e);
        }
        if (!locked) {
            throw new CarrierException.CarrierUnavailable(
                    Origin.transport(carrierId, "DEADLINE_EXCEEDED", ctx.correlator()), Optional.empty(),
                    "another call's request for a token of scope " + scope + " did not finish before this call's"
                            + " deadline; give the next call more time",
                    null);
        }
        try {
            current = slot.token.get();
            if (live(current)) {
                return current;
            }
            AccessToken fresh = source.fetch();
            slot.token.set(fresh);
            return fresh;
        } finally {
            slot.lock.unlock();
        }
    }

    /** Forgets {@code token} for {@code scope}, unless another caller already replaced it. Never waits. */
    void invalidate(String scope, AccessToken token) {
        Slot slot = slots.get(scope);
        if (slot != null) {
            slot.token.compareAndSet(token, null);
        }
    }

    /** Forgets every token. */
    void clear() {
        slots.clear();
    }

    private boolean live(AccessToken token) {
        return token != null && clock.instant().isBefore(token.refreshAt());
    }
}
