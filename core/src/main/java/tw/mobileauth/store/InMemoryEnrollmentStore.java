package tw.mobileauth.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link EnrollmentStore} in a {@link ConcurrentHashMap}, for tests and single-node portals.
 * Every operation is one atomic map operation. Records whose {@code purgeAfter} has passed are
 * swept every few thousand writes (using the clock given here) and by {@link #purgeExpired}.
 *
 * <p>Memory: one entry is the record plus its document (about 1 KB), so 100 000 pending
 * enrolments fit well inside 150 MB. The store holds at most {@code maxEntries} (default
 * {@value #DEFAULT_MAX_ENTRIES}); when it is full, an insert first sweeps the records past their
 * purge time and, if it is still full, throws {@link StoreException} with
 * {@link StoreException.Reason#FULL}. Concurrent inserts may overshoot the cap by the number of writers.
 */
public final class InMemoryEnrollmentStore implements EnrollmentStore {

    /** Default cap on stored enrolments: {@value}. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final ConcurrentHashMap<String, EnrollmentRecord> records = new ConcurrentHashMap<>();
    private final Sweeper sweeper;
    private final int maxEntries;

    /** A store swept with the system UTC clock, holding at most {@value #DEFAULT_MAX_ENTRIES} enrolments. */
    public InMemoryEnrollmentStore() {
        this(Clock.systemUTC());
    }

    /**
     * A store whose sweeps read {@code clock} (give it the service's clock), holding at most {@value #DEFAULT_MAX_ENTRIES} enrolments.
     *
     * @param clock the clock that decides expiry
     */
    public InMemoryEnrollmentStore(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    /**
     * A store whose sweeps read {@code clock}, holding at most {@code maxEntries} enrolments.
     *
     * @param clock the clock that decides expiry
     * @param maxEntries the max entries
     * @throws IllegalArgumentException if {@code maxEntries < 1}
     */
    public InMemoryEnrollmentStore(Clock clock, int maxEntries) {
        this.sweeper = new Sweeper(clock, this::purgeExpired);
        this.maxEntries = Sweeper.requireCap(maxEntries);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException {@link StoreException.Reason#FULL} if {@code maxEntries} live records are stored
     */
    @Override
    public boolean insert(EnrollmentRecord record) {
        Objects.requireNonNull(record, "record");
        sweeper.makeRoom(records::size, maxEntries, "the in-memory enrolment store");
        boolean inserted = records.putIfAbsent(record.id(), record) == null;
        if (inserted) {
            sweeper.wrote();
        }
        return inserted;
    }

    @Override
    public Optional<EnrollmentRecord> find(String id) {
        return Optional.ofNullable(records.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public boolean compareAndSet(long expectedVersion, EnrollmentRecord next) {
        Objects.requireNonNull(next, "next");
        if (next.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("the successor's version must be " + (expectedVersion + 1)
                    + ", was " + next.version());
        }
        boolean[] written = {false};
        records.computeIfPresent(next.id(), (id, current) -> {
            if (current.version() != expectedVersion) {
                return current;
            }
            written[0] = true;
            return next;
        });
        return written[0];
    }

    @Override
    public boolean delete(String id) {
        return records.remove(Objects.requireNonNull(id, "id")) != null;
    }

    /** A scan of every record: access requests are rare, and 100 000 records take a few milliseconds. */
    @Override
    public List<EnrollmentRecord> listBySubject(String subjectKey) {
        Objects.requireNonNull(subjectKey, "subjectKey");
        return records.values().stream()
                .filter(r -> r.subjectKey().filter(subjectKey::equals).isPresent())
                .sorted(Comparator.comparing(EnrollmentRecord::createdAt).thenComparing(EnrollmentRecord::id))
                .toList();
    }

    /** A scan of every record: erasure is rare, and 100 000 records take a few milliseconds. */
    @Override
    public int deleteAllForSubject(String subjectKey) {
        Objects.requireNonNull(subjectKey, "subjectKey");
        AtomicInteger deleted = new AtomicInteger();
        records.forEach((id, r) -> {
            if (r.subjectKey().filter(subjectKey::equals).isPresent() && records.remove(id, r)) {
                deleted.incrementAndGet();
            }
        });
        return deleted.get();
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        AtomicInteger purged = new AtomicInteger();
        records.forEach((id, r) -> {
            if (!r.purgeAfter().isAfter(now) && records.remove(id, r)) {
                purged.incrementAndGet();
            }
        });
        return purged.get();
    }
}
