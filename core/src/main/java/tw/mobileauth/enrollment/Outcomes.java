package tw.mobileauth.enrollment;

import java.util.List;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.store.EnrollmentRecord;

/**
 * How a verification that ended before issuing is answered: rejected (the enrolment moves to
 * REJECTED and its personal data is wiped), or settled by a concurrent attempt at the same
 * callback, whose decision is reported instead.
 */
final class Outcomes {

    private final Settings s;
    private final Records records;

    Outcomes(Settings settings, Records records) {
        this.s = settings;
        this.records = records;
    }

    /** Rejects the enrolment for {@code reasons}, audited, unless a concurrent attempt decided first. */
    VerificationOutcome reject(Verifying v, List<RejectionReason> reasons) throws EnrollmentException {
        v.doc().reject(reasons);
        v.doc().lastError = null;
        if (!records.finish(v.record(), v.doc(), EnrollmentState.REJECTED)) {
            return settledBySomeoneElse(v.id());
        }
        s.audit(new EnrollmentEvent.Rejected(records.now(), v.id(),
                reasons.stream().map(RejectionReason::code).toList()));
        return new VerificationOutcome.Refused(v.id(), reasons);
    }

    /**
     * A concurrent attempt at the same callback won the compare-and-set: report what it decided,
     * or, if it has not decided yet (it only checkpointed), ask for a retry.
     *
     * @throws EnrollmentException {@code ENROLLMENT_ENDED} if it ended otherwise (cancelled, expired);
     *                             {@code WRONG_STEP} if it is still undecided
     */
    VerificationOutcome settledBySomeoneElse(String enrollmentId) throws EnrollmentException {
        EnrollmentRecord r = records.load(enrollmentId);
        EnrollmentDocument doc = EnrollmentDocument.parse(r.document());
        if (r.state() == EnrollmentState.COMPLETED) {
            return new VerificationOutcome.Issued(r.id(), doc.credentialId);
        }
        if (r.state() == EnrollmentState.REJECTED) {
            return new VerificationOutcome.Refused(r.id(), Records.reasons(doc));
        }
        if (r.state().isFinal()) {
            throw new EnrollmentException(EnrollmentException.Reason.ENROLLMENT_ENDED);
        }
        throw records.contention(enrollmentId);
    }
}
