package tw.mobileauth.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where enrolments live while two devices take part. Thread-safe; every method is atomic.
 *
 * <p>State changes are optimistic: read with {@link #find}, compute the successor, and write it
 * with {@link #compareAndSet}. A lost race returns {@code false}; re-read and decide again.
 */
public interface EnrollmentStore {

    /**
     * Stores a new enrolment.
     *
     * @param record the record value
     * @return {@code false}, changing nothing, if a record with that id already exists
     * @throws StoreException {@link StoreException.Reason#FULL} if a bounded store has no room
     */
    boolean insert(EnrollmentRecord record);

    /**
     * {@return the enrolment with this id, if the store still holds it (expired records stay until purged)}
     *
     * @param id the id
     */
    Optional<EnrollmentRecord> find(String id);

    /**
     * Replaces the record with {@code next.id()} if, and only if, its stored version is still
     * {@code expectedVersion}.
     *
     * @param next the successor; its version must be {@code expectedVersion + 1}
     * @param expectedVersion the expected version
     * @return whether it was written; {@code false} if the record changed meanwhile or is gone
     * @throws IllegalArgumentException if {@code next.version() != expectedVersion + 1}
     */
    boolean compareAndSet(long expectedVersion, EnrollmentRecord next);

    /**
     * Deletes the enrolment. @return whether it existed
     *
     * @param id the id
     * @return {@code true} if it holds, {@code false} otherwise
     */
    boolean delete(String id);

    /**
     * {@return every enrolment of one person the store still holds, whatever its state (PDPA art. 3, 10
     * access request): the records whose {@link EnrollmentRecord#subjectKey()} is
     * {@code subjectKey}, oldest first (by {@code createdAt}, then id)} Never null; empty if none.
     *
     * @param subjectKey HMAC(national ID), see {@link CredentialRecord#subjectKey()}
     */
    List<EnrollmentRecord> listBySubject(String subjectKey);

    /**
     * Deletes every enrolment of one person, whatever its state (PDPA art. 11 erasure): the
     * records whose {@link EnrollmentRecord#subjectKey()} is {@code subjectKey}.
     *
     * @param subjectKey HMAC(national ID), see {@link CredentialRecord#subjectKey()}
     * @return how many were deleted
     */
    int deleteAllForSubject(String subjectKey);

    /**
     * Deletes every enrolment whose {@link EnrollmentRecord#purgeAfter()} is at or before {@code now}.
     *
     * @param now the current instant
     * @return how many were deleted
     */
    int purgeExpired(Instant now);
}
