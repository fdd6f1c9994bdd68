package tw.mobileauth.enrollment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Hears about credentials that enrolment binds and revokes, so that a portal can tell the person
 * ("a new browser was bound to your 行動電話認證 at 14:02 from Chrome on a desktop; if this was not
 * you, call us"). That notice is what makes a relayed enrolment (a person talked into approving
 * somebody else's application on their own phone) visible to its victim.
 *
 * <p>Every method has a no-op default; implement what you need. Called on the request's thread
 * after the state change is stored, at most once per change per service call (a repeated carrier
 * callback does not announce the same credential again); a listener that throws is logged and
 * ignored, never undoing the enrolment. Keep it quick: queue the notice, do not send it inline.
 * Set it with {@link EnrollmentService.Builder#listener(EnrollmentListener)}.
 */
public interface EnrollmentListener {

    /** The default: hears nothing. */
    EnrollmentListener NONE = new EnrollmentListener() {
    };

    /**
     * A credential was issued and is now active.
     *
     * @param event the event value
     */
    default void credentialIssued(CredentialIssued event) {
    }

    /**
     * The binding policy revoked earlier credentials of the person because a new one was issued.
     *
     * @param event the event value
     */
    default void credentialsRevoked(CredentialsRevoked event) {
    }

    /**
     * A new credential, bound to the applying device's browser.
     *
     * @param at           when it became active
     * @param enrollmentId the enrolment that issued it
     * @param credentialId the new credential's id
     * @param person       whom it belongs to, masked
     * @param carrierId    the carrier that verified the number, e.g. {@code cht}
     * @param device       the device and browser it is bound to
     */
    record CredentialIssued(Instant at, String enrollmentId, String credentialId, PersonReference person,
            String carrierId, ApplyingDevice device) {

        /**
         * All required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param credentialId the credential id
         * @param person the person value
         * @param carrierId the carrier id
         * @param device the device value
         */
        public CredentialIssued {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(enrollmentId, "enrollmentId");
            Objects.requireNonNull(credentialId, "credentialId");
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(carrierId, "carrierId");
            Objects.requireNonNull(device, "device");
        }
    }

    /**
     * Earlier credentials revoked by the binding policy.
     *
     * @param at              when
     * @param enrollmentId    the enrolment whose new credential replaced them
     * @param person          whom they belonged to, masked
     * @param newCredentialId the credential that replaced them
     * @param revoked         the revoked credentials' ids, oldest first; never empty
     * @param bindingPolicy   {@code REPLACE_ALL} or {@code KEEP_LATEST(n)}
     */
    record CredentialsRevoked(Instant at, String enrollmentId, PersonReference person, String newCredentialId,
            List<String> revoked, String bindingPolicy) {

        /**
         * All required; {@code revoked} is copied.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param person the person value
         * @param newCredentialId the new credential id
         * @param revoked the revoked value
         * @param bindingPolicy the binding policy
         */
        public CredentialsRevoked {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(enrollmentId, "enrollmentId");
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(newCredentialId, "newCredentialId");
            revoked = List.copyOf(revoked);
            Objects.requireNonNull(bindingPolicy, "bindingPolicy");
        }
    }
}
