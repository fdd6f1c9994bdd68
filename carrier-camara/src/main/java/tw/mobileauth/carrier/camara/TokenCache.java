package tw.mobileauth.carrier.camara;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import tw.mobileauth.carrier.spi.CarrierException;

/**
 * Client-credentials tokens per scope, reused until {@link AccessToken#refreshAt()}. Thread-safe:
 * one fetch per scope at a time, other callers of that scope wait for it and share its token.
 */
final class TokenCache {

    /** Fetches a new token for a scope. */
    @FunctionalInterface
    interface Source {
        AccessToken fetch() throws CarrierException;
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile AccessToken token;
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    TokenCache(Clock clock) {
        this.clock = clock;
    }

    /** A live token for {@code scope}, fetched from {@code source} when there is none. */
    AccessToken get(String scope, Source source) throws CarrierException {
        Slot slot = slots.computeIfAbsent(scope, s -> new Slot());
        AccessToken current = slot.token;
        if (live(current)) {
            return current;
        }
        slot.lock.lock();
        try {
            current = slot.token;
            if (live(current)) {
                return current;
            }
            AccessToken fresh = source.fetch();
            slot.token = fresh;
            return fresh;
        } finally {
            slot.lock.unlock();
        }
    }

    /** Forgets {@code token} for {@code scope}, unless another caller already replaced it. */
    void invalidate(String scope, AccessToken token) {
        Slot slot = slots.get(scope);
        if (slot != null) {
            slot.lock.lock();
            try {
                if (slot.token == token) {
                    slot.token = null;
                }
            } finally {
                slot.lock.unlock();
            }
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
