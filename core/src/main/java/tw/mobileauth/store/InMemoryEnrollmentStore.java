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
 * enrolments fit well inside 150 MB.
 */
public final class InMemoryEnrollmentStore implements EnrollmentStore {

    private final ConcurrentHashMap<String, EnrollmentRecord> records = new ConcurrentHashMap<>();
    private final Sweeper sweeper;

    /** A store swept with the system UTC clock. */
    public InMemoryEnrollmentStore() {
        this(Clock.systemUTC());
    }

    /** A store whose automatic sweep reads {@code clock}. */
    public InMemoryEnrollmentStore(Clock clock) {
        this.sweeper = new Sweeper(clock, this::purgeExpired);
    }

    @Override
    public boolean insert(EnrollmentRecord record) {
        Objects.requireNonNull(record, "record");
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
