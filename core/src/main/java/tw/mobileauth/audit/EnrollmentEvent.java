package tw.mobileauth.audit;

import static tw.mobileauth.audit.AuditFields.ordered;
import static tw.mobileauth.audit.AuditFields.requireAll;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The audit events of enrolment (docs/journey.md): one per state change and one per rejection.
 * Identifiers are masked ({@code maskedNationalId} like {@code A12****789}, {@code maskedPhone}
 * like {@code 0912***678}); enrolment and credential ids are opaque random values.
 */
public sealed interface EnrollmentEvent extends AuditEvent {

    /** {@code begin} stored a new enrolment and routed it. */
    record Started(Instant at, String enrollmentId, String route, String carrierId, String maskedNationalId,
            String maskedPhone) implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param route the route value
         * @param carrierId the carrier id
         * @param maskedNationalId the masked national id
         * @param maskedPhone the masked phone
         */
        public Started {
            requireAll(at, enrollmentId, route, carrierId, maskedNationalId, maskedPhone);
        }

        @Override
        public String name() {
            return "enrollment.started";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "route", route, "carrier", carrierId,
                    "nationalId", maskedNationalId, "phone", maskedPhone);
        }
    }

    /**
     * A form or an ID check was refused before anything was stored.
     *
     * @param step   {@code checkNationalId} or {@code begin}
     * @param causes field errors as {@code field:REASON}, a captcha failure as {@code captcha:INVALID},
     *               or eligibility reason codes as {@code eligibility:CODE}
     */
    record InputRejected(Instant at, String step, List<String> causes) implements EnrollmentEvent {
        /**
         * All fields required; the list is copied.
         *
         * @param at the at value
         * @param step the step value
         * @param causes the causes value
         */
        public InputRejected {
            requireAll(at, step);
            causes = List.copyOf(causes);
        }

        @Override
        public String name() {
            return "enrollment.input_rejected";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("step", step, "causes", String.join(",", causes));
        }
    }

    /** A new QR handoff token was issued ({@code regeneration} 0 for the first). */
    record HandoffIssued(Instant at, String enrollmentId, int regeneration, Instant expiresAt)
            implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param regeneration the regeneration value
         * @param expiresAt when it expires
         */
        public HandoffIssued {
            requireAll(at, enrollmentId, expiresAt);
        }

        @Override
        public String name() {
            return "enrollment.handoff_issued";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "regeneration", Integer.toString(regeneration),
                    "expiresAt", expiresAt.toString());
        }
    }

    /**
     * A device presented a handoff token that was refused.
     *
     * @param enrollmentId the enrolment it belonged to, or {@code -} when unknown
     * @param outcome      {@code EXPIRED}, {@code ALREADY_CLAIMED}, {@code SUPERSEDED} or {@code UNKNOWN}
     */
    record HandoffRefused(Instant at, String enrollmentId, String outcome) implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param outcome the outcome value
         */
        public HandoffRefused {
            requireAll(at, enrollmentId, outcome);
        }

        @Override
        public String name() {
            return "enrollment.handoff_refused";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "outcome", outcome);
        }
    }

    /** A device claimed the handoff token (or the applying phone continued on itself). */
    record DeviceConnected(Instant at, String enrollmentId, String deviceClass) implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param deviceClass the device class
         */
        public DeviceConnected {
            requireAll(at, enrollmentId, deviceClass);
        }

        @Override
        public String name() {
            return "enrollment.device_connected";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "device", deviceClass);
        }
    }

    /** The person consented on the phone (PDPA record). {@code context} is masked. */
    record ConsentRecorded(Instant at, String enrollmentId, String termsVersion, String context)
            implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param termsVersion the terms version
         * @param context the context value
         */
        public ConsentRecorded {
            requireAll(at, enrollmentId, termsVersion, context);
        }

        @Override
        public String name() {
            return "enrollment.consent_recorded";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "termsVersion", termsVersion, "context", context);
        }
    }

    /** Network verification was started at the carrier. */
    record VerificationStarted(Instant at, String enrollmentId, String carrierId) implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param carrierId the carrier id
         */
        public VerificationStarted {
            requireAll(at, enrollmentId, carrierId);
        }

        @Override
        public String name() {
            return "enrollment.verification_started";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "carrier", carrierId);
        }
    }

    /** The carrier answered network verification (verified or not) and reported the attachment. */
    record NumberVerified(Instant at, String enrollmentId, String carrierId, boolean verified, String accessNetwork,
            boolean roaming) implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param carrierId the carrier id
         * @param verified the verified value
         * @param accessNetwork the access network
         * @param roaming the roaming value
         */
        public NumberVerified {
            requireAll(at, enrollmentId, carrierId, accessNetwork);
        }

        @Override
        public String name() {
            return "enrollment.number_verified";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "carrier", carrierId, "verified", Boolean.toString(verified),
                    "network", accessNetwork, "roaming", Boolean.toString(roaming));
        }
    }

    /** A carrier call failed (our side of the fence: the enrolment stays as it was if retryable). */
    record CarrierFailed(Instant at, String enrollmentId, String carrierId, String operation, String error,
            boolean retryable, String correlator) implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param carrierId the carrier id
         * @param operation the operation value
         * @param error the error value
         * @param retryable the retryable value
         * @param correlator the correlator of the call (x-correlator)
         */
        public CarrierFailed {
            requireAll(at, enrollmentId, carrierId, operation, error, correlator);
        }

        @Override
        public String name() {
            return "enrollment.carrier_failed";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "carrier", carrierId, "operation", operation, "error", error,
                    "retryable", Boolean.toString(retryable), "correlator", correlator);
        }
    }

    /**
     * The service itself could not go on (not the carrier: see {@link CarrierFailed}); the
     * enrolment is kept. For the operator to act on.
     *
     * @param source    {@code ISSUER}, {@code CONFIGURATION}, …
     * @param operation e.g. {@code issue}, {@code completeVerification}
     * @param problem   a short code, e.g. {@code CA_NOT_VALID}, {@code CARRIER_NOT_CONFIGURED}
     */
    record ServiceUnavailable(Instant at, String enrollmentId, String source, String operation, String problem)
            implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param source the source value
         * @param operation the operation value
         * @param problem the problem value
         */
        public ServiceUnavailable {
            requireAll(at, enrollmentId, source, operation, problem);
        }

        @Override
        public String name() {
            return "enrollment.service_unavailable";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "source", source, "operation", operation, "problem", problem);
        }
    }

    /**
     * How this portal checks the NHI card number, recorded when the enrolment service starts: with
     * a registry, or without one and why (so the audit log says the check is off).
     *
     * @param registryId the registry's id (e.g. {@code nhi}), or {@code -} without one
     * @param reason     why it runs without a registry, or {@code -} with one
     */
    record IdentityRegistryConfigured(Instant at, String registryId, String reason) implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param registryId the registry id
         * @param reason the reason
         */
        public IdentityRegistryConfigured {
            requireAll(at, registryId, reason);
        }

        @Override
        public String name() {
            return "enrollment.identity_registry";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("registry", registryId, "checked", String.valueOf(!"-".equals(registryId)),
                    "reason", reason);
        }
    }

    /**
     * The identity registry could not answer (an outage, a time-out, or a misconfiguration); the
     * enrolment is kept at its number-verification checkpoint.
     *
     * @param problem   the failure's kind and code, e.g. {@code Unavailable/503}
     * @param retryable whether the same callback may simply be repeated
     */
    record RegistryFailed(Instant at, String enrollmentId, String registryId, String problem, boolean retryable,
            String correlator) implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param registryId the registry id
         * @param problem the problem value
         * @param retryable the retryable value
         * @param correlator the correlator of the call (x-correlator)
         */
        public RegistryFailed {
            requireAll(at, enrollmentId, registryId, problem, correlator);
        }

        @Override
        public String name() {
            return "enrollment.registry_failed";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "registry", registryId, "problem", problem,
                    "retryable", String.valueOf(retryable), "correlator", correlator);
        }
    }

    /**
     * A request was refused because it lacked the right secret or presented a bad carrier {@code state}.
     *
     * @param enrollmentId the enrolment, or {@code -} when unknown
     * @param operation    e.g. {@code status}, {@code regenerateQr}, {@code completeVerification}
     * @param reason       the closed reason code
     */
    record AccessRefused(Instant at, String enrollmentId, String operation, String reason)
            implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param operation the operation value
         * @param reason the reason
         */
        public AccessRefused {
            requireAll(at, enrollmentId, operation, reason);
        }

        @Override
        public String name() {
            return "enrollment.access_refused";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "operation", operation, "reason", reason);
        }
    }

    /** The enrolment was rejected with these reason codes. Final. */
    record Rejected(Instant at, String enrollmentId, List<String> reasons) implements EnrollmentEvent {
        /**
         * All fields required; the list is copied.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param reasons the reasons value
         */
        public Rejected {
            requireAll(at, enrollmentId);
            reasons = List.copyOf(reasons);
        }

        @Override
        public String name() {
            return "enrollment.rejected";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "reasons", String.join(",", reasons));
        }
    }

    /** A credential was issued. Final. */
    record Completed(Instant at, String enrollmentId, String credentialId) implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param credentialId the credential id
         */
        public Completed {
            requireAll(at, enrollmentId, credentialId);
        }

        @Override
        public String name() {
            return "enrollment.completed";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "credentialId", credentialId);
        }
    }

    /** An earlier credential was revoked by the binding policy when {@code enrollmentId} completed. */
    record CredentialRevoked(Instant at, String enrollmentId, String credentialId, String policy)
            implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param credentialId the credential id
         * @param policy the policy value
         */
        public CredentialRevoked {
            requireAll(at, enrollmentId, credentialId, policy);
        }

        @Override
        public String name() {
            return "enrollment.credential_revoked";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "credentialId", credentialId, "policy", policy);
        }
    }

    /**
     * The pairing code typed on the phone was checked.
     *
     * @param matched  whether it was the code the applying device shows
     * @param failures wrong codes so far, this one included
     */
    record PairingChecked(Instant at, String enrollmentId, boolean matched, int failures) implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param matched the matched value
         * @param failures the failures value
         */
        public PairingChecked {
            requireAll(at, enrollmentId);
        }

        @Override
        public String name() {
            return "enrollment.pairing_checked";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "matched", Boolean.toString(matched), "failures",
                    Integer.toString(failures));
        }
    }

    /**
     * The enrolment was cancelled. Final.
     *
     * @param cause {@value #BY_APPLICANT} (重新申請行動認證) or {@value #PAIRING_CODE} (too many wrong
     *              pairing codes on the phone)
     */
    record Cancelled(Instant at, String enrollmentId, String cause) implements EnrollmentEvent {
        /** The applicant started over. */
        public static final String BY_APPLICANT = "RESTART";
        /** The phone typed the pairing code wrong too many times. */
        public static final String PAIRING_CODE = "PAIRING_CODE";

        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         * @param cause the underlying failure, or null
         */
        public Cancelled {
            requireAll(at, enrollmentId, cause);
        }

        @Override
        public String name() {
            return "enrollment.cancelled";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId, "cause", cause);
        }
    }

    /** The enrolment's lifetime ran out. Final. */
    record Expired(Instant at, String enrollmentId) implements EnrollmentEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param enrollmentId the enrollment id
         */
        public Expired {
            requireAll(at, enrollmentId);
        }

        @Override
        public String name() {
            return "enrollment.expired";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("enrollmentId", enrollmentId);
        }
    }
}
