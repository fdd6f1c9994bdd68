package tw.mobileauth.enrollment;

import java.util.List;

/**
 * A numbered step of {@link FinishVerificationSteps} ended the verification early. Internal:
 * {@link FinishVerificationSteps#finish} turns every one into the public
 * {@link VerificationOutcome}. Stackless, since each is an expected outcome, not a bug.
 */
abstract sealed class StepFailure extends Exception permits StepFailure.Rejected, StepFailure.Superseded {

    private static final long serialVersionUID = 1L;

    private StepFailure(String message) {
        super(message, null, false, false);
    }

    /** The person's line or data failed a check: the enrolment is to be rejected for these reasons. */
    static final class Rejected extends StepFailure {
        private static final long serialVersionUID = 1L;
        private final transient List<RejectionReason> reasons;

        Rejected(List<RejectionReason> reasons) {
            super("rejected: " + reasons.stream().map(RejectionReason::code).toList());
            this.reasons = List.copyOf(reasons);
        }

        Rejected(VerificationFailure failure) {
            this(List.of(new RejectionReason.Unverified(failure)));
        }

        /** Why, in the order the checks found it; never empty. */
        List<RejectionReason> reasons() {
            return reasons;
        }
    }

    /**
     * A concurrent attempt at the same callback won a compare-and-set first: this attempt reports
     * what that one decided instead of deciding again.
     */
    static final class Superseded extends StepFailure {
        private static final long serialVersionUID = 1L;

        Superseded() {
            super("superseded by a concurrent attempt");
        }
    }
}
