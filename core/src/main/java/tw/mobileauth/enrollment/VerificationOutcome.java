package tw.mobileauth.enrollment;

import java.util.List;
import java.util.Objects;

/**
 * What the phone shows after the carrier's callback: {@link Issued} or {@link Refused}. (The
 * applying device's view is {@link EnrollmentStatus}, whose {@code Completed} and {@code Rejected}
 * are named apart from these, so a portal handling both needs no qualified names.)
 */
public sealed interface VerificationOutcome {

    /** {@return the enrolment this outcome belongs to} */
    String enrollmentId();

    /**
     * Verified and issued. The phone says "驗證成功，請回到原申請裝置繼續" (go back to the device
     * you applied on); the applying device picks the certificate up with {@code status}.
     */
    record Issued(String enrollmentId, String credentialId) implements VerificationOutcome {
        /**
         * Both required.
         *
         * @param enrollmentId the enrollment id
         * @param credentialId the credential id
         */
        public Issued {
            Objects.requireNonNull(enrollmentId, "enrollmentId");
            Objects.requireNonNull(credentialId, "credentialId");
        }
    }

    /** Refused, with every reason and its remedy. Final: the person applies again after fixing it. */
    record Refused(String enrollmentId, List<RejectionReason> reasons) implements VerificationOutcome {
        /**
         * Both required; the list is copied and never empty.
         *
         * @param enrollmentId the enrollment id
         * @param reasons the reasons value
         */
        public Refused {
            Objects.requireNonNull(enrollmentId, "enrollmentId");
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a rejection has at least one reason");
            }
        }
    }
}
