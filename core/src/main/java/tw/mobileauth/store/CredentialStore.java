package tw.mobileauth.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Issued credentials. Thread-safe; every method is atomic. */
public interface CredentialStore {

    /**
     * Stores a new credential. @return {@code false}, changing nothing, if the id exists
     *
     * @param record the record value
     * @return {@code true} if it holds, {@code false} otherwise
     */
    boolean insert(CredentialRecord record);

    /**
     * {@return the credential with this id, if stored}
     *
     * @param credentialId the credential id
     */
    Optional<CredentialRecord> find(String credentialId);

    /**
     * Every credential of one person, active or revoked, oldest first (by {@code issuedAt}, then id).
     *
     * @param subjectKey HMAC(national ID), see {@link CredentialRecord#subjectKey()}
     * @return possibly empty, never null
     */
    List<CredentialRecord> listBySubject(String subjectKey);

    /**
     * Replaces the credential if its stored version is still {@code expectedVersion} (e.g. a
     * rehashed password or the last-used time after a login).
     *
     * @param next the successor; its version must be {@code expectedVersion + 1} and its id,
     *             subject key and issue time unchanged
     * @param expectedVersion the expected version
     * @return whether it was written
     * @throws IllegalArgumentException if {@code next.version() != expectedVersion + 1}
     */
    boolean compareAndSet(long expectedVersion, CredentialRecord next);

    /**
     * Moves a {@link CredentialStatus#PENDING} credential to {@link CredentialStatus#ACTIVE}
     * (version + 1): the enrolment that issued it has completed. Atomic; in SQL one
     * {@code UPDATE … SET status = 'ACTIVE', version = version + 1 WHERE id = ? AND status = 'PENDING'}.
     * The default does it with {@link #find} and one {@link #compareAndSet}, which is atomic too
     * (nothing else writes a pending credential, so the compare-and-set loses only to another activation).
     *
     * @param credentialId the credential id
     * @return {@code true} for exactly one caller; {@code false} if it is unknown or not pending
     */
    default boolean activate(String credentialId) {
        Optional<CredentialRecord> current = find(credentialId);
        return current.isPresent() && current.get().isPending()
                && compareAndSet(current.get().version(), current.get().activated());
    }

    /**
     * Moves an active credential to {@link CredentialStatus#REVOKED} (version + 1).
     *
     * @param credentialId the credential id
     * @param at the at value
     * @return {@code true} for exactly one caller; {@code false} if it is unknown or already revoked
     */
    boolean revoke(String credentialId, Instant at);

    /**
     * Deletes one credential. @return whether it existed
     *
     * @param credentialId the credential id
     * @return {@code true} if it holds, {@code false} otherwise
     */
    boolean delete(String credentialId);

    /**
     * Deletes every credential of one person (PDPA erasure). @return how many
     *
     * @param subjectKey the subject key
     * @return the int
     */
    int deleteAllForSubject(String subjectKey);
}
