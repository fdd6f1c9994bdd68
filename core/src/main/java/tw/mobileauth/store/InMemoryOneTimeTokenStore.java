package tw.mobileauth.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link OneTimeTokenStore} in a {@link ConcurrentHashMap}. Claims and consumption are single
 * atomic map operations, so exactly one racing caller wins. Expired tokens are swept every few
 * thousand writes (using the clock given here) and by {@link #purgeExpired}.
 *
 * <p>Bounded: anonymous callers create tokens (form challenges, login challenges), so the store
 * holds at most {@code maxEntries} (default {@value #DEFAULT_MAX_ENTRIES}, about 100 MB at worst).
 * When it is full, an insert first sweeps the expired tokens and, if it is still full, throws
 * {@link StoreException} with {@link StoreException.Reason#FULL}: new requests are refused until
 * tokens expire, instead of the heap running out. Concurrent inserts may overshoot the cap by the
 * number of writers.
 */
public final class InMemoryOneTimeTokenStore implements OneTimeTokenStore {

    /** Default cap on stored tokens: {@value}. */
    public static final int DEFAULT_MAX_ENTRIES = 250_000;

    private final ConcurrentHashMap<String, OneTimeToken> tokens = new ConcurrentHashMap<>();
    private final Sweeper sweeper;
    private final int maxEntries;

    /** A store swept with the system UTC clock, holding at most {@value #DEFAULT_MAX_ENTRIES} tokens. */
    public InMemoryOneTimeTokenStore() {
        this(Clock.systemUTC());
    }

    /**
     * A store whose sweeps read {@code clock} (give it the services' clock), holding at most {@value #DEFAULT_MAX_ENTRIES} tokens.
     *
     * @param clock the clock that decides expiry
     */
    public InMemoryOneTimeTokenStore(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    /**
     * A store whose sweeps read {@code clock}, holding at most {@code maxEntries} tokens.
     *
     * @param clock the clock that decides expiry
     * @param maxEntries the max entries
     * @throws IllegalArgumentException if {@code maxEntries < 1}
     */
    public InMemoryOneTimeTokenStore(Clock clock, int maxEntries) {
        this.sweeper = new Sweeper(clock, this::purgeExpired);
        this.maxEntries = Sweeper.requireCap(maxEntries);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException {@link StoreException.Reason#FULL} if {@code maxEntries} live tokens are stored
     */
    @Override
    public boolean insert(OneTimeToken token) {
        Objects.requireNonNull(token, "token");
        sweeper.makeRoom(tokens::size, maxEntries, "the in-memory one-time token store");
        boolean inserted = tokens.putIfAbsent(token.key(), token) == null;
        if (inserted) {
            sweeper.wrote();
        }
        return inserted;
    }

    @Override
    public Optional<OneTimeToken> find(String key) {
        return Optional.ofNullable(tokens.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public ClaimResult claim(String key, String claimant, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(now, "now");
        ClaimResult[] result = {ClaimResult.notFound()};
        tokens.computeIfPresent(key, (k, current) -> {
            if (current.claimant().isPresent()) {
                result[0] = ClaimResult.of(ClaimResult.Status.ALREADY_CLAIMED, current);
                return current;
            }
            if (current.isExpiredAt(now)) {
                result[0] = ClaimResult.of(ClaimResult.Status.EXPIRED, current);
                return current;
            }
            OneTimeToken claimed = current.claimedBy(claimant, now);
            result[0] = ClaimResult.of(ClaimResult.Status.CLAIMED, claimed);
            return claimed;
        });
        return result[0];
    }

    @Override
    public Optional<OneTimeToken> consume(String key, Instant now) {
        Objects.requireNonNull(now, "now");
        OneTimeToken removed = tokens.remove(Objects.requireNonNull(key, "key"));
        return removed == null || removed.isExpiredAt(now) ? Optional.empty() : Optional.of(removed);
    }

    @Override
    public boolean revoke(String key) {
        return tokens.remove(Objects.requireNonNull(key, "key")) != null;
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        AtomicInteger purged = new AtomicInteger();
        tokens.forEach((k, t) -> {
            if (t.isExpiredAt(now) && tokens.remove(k, t)) {
                purged.incrementAndGet();
            }
        });
        return purged.get();
    }
}
