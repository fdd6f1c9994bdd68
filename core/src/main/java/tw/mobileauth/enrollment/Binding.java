package tw.mobileauth.enrollment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.EnrollmentRecord;

/**
 * The {@link BindingPolicy} at work: once an enrolment is COMPLETED its credential becomes ACTIVE,
 * and the person's older credentials beyond what the policy keeps are revoked. The listener hears
 * of both ({@link EnrollmentListener.CredentialIssued}, {@link EnrollmentListener.CredentialsRevoked}).
 */
final class Binding {

    /** "Newest" is by (issue time, credential id): a total order every node agrees on. */
    private static final Comparator<CredentialRecord> OLDEST_FIRST = Comparator
            .comparing(CredentialRecord::issuedAt).thenComparing(CredentialRecord::credentialId);

    private final Settings s;
    private final Records records;

    Binding(Settings settings, Records records) {
        this.s = settings;
        this.records = records;
    }

    /**
     * The new credential's issue time: {@code now}, or just after the person's newest earlier
     * credential when that one carries the same or a later time (a coarse or frozen clock). One
     * person's issue times thus strictly increase in completion order, so "newest" in
     * {@link #apply} always means the enrolment that completed last.
     */
    Instant issueTime(String subjectKey, Instant now) {
        Instant t = now;
        for (CredentialRecord earlier : s.credentials.listBySubject(subjectKey)) {
            if (!earlier.issuedAt().isBefore(t)) {
                t = earlier.issuedAt().plus(1, ChronoUnit.MICROS);
            }
        }
        return t;
    }

    /**
     * The enrolment is COMPLETED: activates its credential (if a crash or a concurrent attempt has
     * not already) and applies the binding policy. Runs again on a repeated callback, so an
     * attempt that stopped between the two finishes the job. Never re-activates a credential that
     * was revoked or erased meanwhile.
     *
     * @param first whether this call made the enrolment COMPLETED (the listener hears of the issue then)
     */
    void activateAndBind(EnrollmentRecord r, EnrollmentDocument doc, boolean first) {
        Optional<CredentialRecord> own = s.credentials.find(doc.credentialId);
        if (own.isEmpty()) {
            return; // erased meanwhile (PDPA) or revoked and purged: nothing to bind
        }
        boolean activated = s.credentials.activate(doc.credentialId);
        CredentialRecord credential = s.credentials.find(doc.credentialId).orElse(own.get());
        if (!credential.isActive()) {
            return; // revoked meanwhile: never re-activated
        }
        Instant now = records.now();
        PersonReference person = new PersonReference(Optional.ofNullable(doc.maskedNationalId).orElse("-"),
                Optional.ofNullable(doc.maskedPhone).orElse("-"), doc.subjectKey);
        if (first || activated) {
            EnrollmentListener.CredentialIssued issued = new EnrollmentListener.CredentialIssued(now, r.id(),
                    credential.credentialId(), person, doc.carrierId, Records.applyingDevice(doc, r.createdAt()));
            s.notify(l -> l.credentialIssued(issued), "credentialIssued");
        }
        List<String> revoked = apply(r.id(), credential, now);
        if (!revoked.isEmpty()) {
            EnrollmentListener.CredentialsRevoked event = new EnrollmentListener.CredentialsRevoked(now, r.id(),
                    person, credential.credentialId(), revoked, s.binding.toString());
            s.notify(l -> l.credentialsRevoked(event), "credentialsRevoked");
        }
    }

    /**
     * REPLACE_ALL keeps only the newest active credential, KEEP_LATEST(n) the newest n. "Newest"
     * is by (issue time, credential id) over all of the person's active credentials, the new one
     * included, so that two enrolments of one person completing at once agree on the survivors
     * instead of revoking each other. A credential newer than {@code own} is never revoked here:
     * its own enrolment applies the policy. Revoking is idempotent, so this may run again.
     * Only ACTIVE credentials count: a PENDING one belongs to an enrolment that has not completed
     * (or lost its race and is about to be deleted).
     *
     * @return the credentials this call revoked, oldest first
     */
    List<String> apply(String enrollmentId, CredentialRecord own, Instant now) {
        List<CredentialRecord> active = new ArrayList<>();
        for (CredentialRecord cr : s.credentials.listBySubject(own.subjectKey())) {
            if (cr.isActive()) {
                active.add(cr);
            }
        }
        active.sort(OLDEST_FIRST);
        int revokeCount = Math.max(0, active.size() - s.binding.keep());
        List<String> revoked = new ArrayList<>();
        for (int i = 0; i < revokeCount; i++) {
            CredentialRecord old = active.get(i);
            if (OLDEST_FIRST.compare(old, own) > 0) {
                break; // a newer credential than ours: its own enrolment applies the policy
            }
            if (s.credentials.revoke(old.credentialId(), now)) {
                revoked.add(old.credentialId());
                s.audit(new EnrollmentEvent.CredentialRevoked(now, enrollmentId, old.credentialId(),
                        s.binding.toString()));
            }
        }
        return revoked;
    }
}
