package tw.mobileauth.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.enrollment.EnrollmentState;

/**
 * One enrolment as the store keeps it. The store reads only the columns it needs to be atomic
 * and to clean up ({@code id}, {@code version}, {@code state}, {@code purgeAfter}); everything
 * else is the {@code document}, a versioned JSON text owned by the enrolment service. Personal
 * data inside the document is AES-GCM ciphertext only.
 *
 * @param id         the enrolment id: 128 random bits, base64url
 * @param version    starts at 0 and grows by one with every {@link EnrollmentStore#compareAndSet}
 * @param state      where the enrolment is
 * @param createdAt  when {@code begin} stored it
 * @param updatedAt  when it last changed
 * @param expiresAt  when an unfinished enrolment ends (its total lifetime)
 * @param purgeAfter when the store may delete it ({@link EnrollmentStore#purgeExpired})
 * @param document   the service's versioned JSON document; opaque to the store
 * @param subjectKey the applicant's subject key (HMAC of the national ID, as in
 *                   {@link CredentialRecord#subjectKey()}), so that a person's enrolments can be
 *                   erased ({@link EnrollmentStore#deleteAllForSubject}, PDPA art. 11); empty for
 *                   a record that belongs to nobody yet
 */
public record EnrollmentRecord(String id, long version, EnrollmentState state, Instant createdAt,
        Instant updatedAt, Instant expiresAt, Instant purgeAfter, String document, Optional<String> subjectKey) {

    /**
     * @param id the id
     * @param version the version value
     * @param state the state value
     * @param createdAt the created at
     * @param updatedAt the updated at
     * @param expiresAt when it expires
     * @param purgeAfter when the record may be purged
     * @param document the document value
     * @param subjectKey the subject key
     * @throws IllegalArgumentException if the version is negative or {@code id} is blank
     */
    public EnrollmentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(purgeAfter, "purgeAfter");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(subjectKey, "subjectKey");
        if (id.isBlank() || version < 0) {
            throw new IllegalArgumentException("an enrolment record needs a non-blank id and a version >= 0");
        }
    }

    /**
     * {@return the successor of this record: version + 1, the given state, document and clean-up time,
     * {@code updatedAt = now}; the subject key is kept}
     *
     * @param newState the new state
     * @param newDocument the new document
     * @param now the current instant
     * @param newPurgeAfter the new purge after
     */
    public EnrollmentRecord next(EnrollmentState newState, String newDocument, Instant now, Instant newPurgeAfter) {
        return new EnrollmentRecord(id, version + 1, newState, createdAt, now, expiresAt, newPurgeAfter, newDocument,
                subjectKey);
    }

    /** Shows the id, version and state; the document is summarised by length only. */
    @Override
    public String toString() {
        return "EnrollmentRecord[id=" + id + ", version=" + version + ", state=" + state + ", document="
                + document.length() + " chars]";
    }
}
