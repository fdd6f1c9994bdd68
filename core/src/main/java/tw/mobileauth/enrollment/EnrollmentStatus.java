package tw.mobileauth.enrollment;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the applying device sees when it polls {@code status} (with its desktop secret). */
public sealed interface EnrollmentStatus {

    /** {@return the enrolment's state} */
    EnrollmentState state();

    /**
     * The QR code is up; no phone has opened it yet.
     *
     * @param qrExpiresAt       when the current QR code dies (then offer 重新產生QRCode)
     * @param regenerationsLeft how many more regenerations are allowed
     */
    record AwaitingDevice(Instant qrExpiresAt, int regenerationsLeft) implements EnrollmentStatus {
        /**
         * Required.
         *
         * @param qrExpiresAt the qr expires at
         * @param regenerationsLeft the regenerations left
         */
        public AwaitingDevice {
            Objects.requireNonNull(qrExpiresAt, "qrExpiresAt");
        }

        @Override
        public EnrollmentState state() {
            return EnrollmentState.AWAITING_DEVICE;
        }
    }

    /**
     * A phone holds the enrolment (or is verifying). On the QR route, show the pairing code: the
     * person types it on the phone (or, with {@code requirePairingCode(false)}, compares it with
     * the phone's).
     *
     * @param state       {@link EnrollmentState#DEVICE_CONNECTED} or {@link EnrollmentState#VERIFYING}
     * @param pairingCode six digits, to be typed on the phone
     * @param lastError   the last problem, if verification met one: {@code CARRIER_BUSY},
     *                    {@code CARRIER_FAILED}, {@code CARRIER_RESTART} (the phone must start the
     *                    verification again), or for the operator {@code CA_NOT_VALID},
     *                    {@code CARRIER_NOT_CONFIGURED}
     */
    record InProgress(EnrollmentState state, String pairingCode, Optional<String> lastError)
            implements EnrollmentStatus {
        /**
         * All required.
         *
         * @param state the state value
         * @param pairingCode the pairing code
         * @param lastError the last error
         */
        public InProgress {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(pairingCode, "pairingCode");
            Objects.requireNonNull(lastError, "lastError");
        }
    }

    /**
     * Done: this device is now bound. Store the certificate with the device key.
     *
     * @param credentialId the credential id (the certificate's CN)
     * @param certificate  the issued certificate
     */
    record Completed(String credentialId, X509Certificate certificate) implements EnrollmentStatus {
        /**
         * Both required.
         *
         * @param credentialId the credential id
         * @param certificate the certificate value
         */
        public Completed {
            Objects.requireNonNull(credentialId, "credentialId");
            Objects.requireNonNull(certificate, "certificate");
        }

        @Override
        public EnrollmentState state() {
            return EnrollmentState.COMPLETED;
        }

        /** The credential id and the certificate's serial and validity, not the whole certificate. */
        @Override
        public String toString() {
            return "Completed[credentialId=" + credentialId + ", serial=" + certificate.getSerialNumber().toString(16)
                    + ", notAfter=" + certificate.getNotAfter().toInstant() + "]";
        }
    }

    /**
     * Refused, with every reason, message and remedy. The holder check's reasons are per field
     * ({@code ID_MISMATCH}, {@code NAME_MISMATCH}, {@code BIRTH_DATE_MISMATCH}) only when the phone
     * that verified was paired with this device (same device, or pairing code typed on the phone);
     * otherwise they are one {@code verification.HOLDER_MISMATCH}, so that a QR code scanned by
     * somebody else's phone does not tell this device which of the ID, name or birth date belong
     * to that phone's number.
     */
    record Rejected(List<RejectionReason> reasons) implements EnrollmentStatus {
        /**
         * The list is copied.
         *
         * @param reasons the reasons value
         */
        public Rejected {
            reasons = List.copyOf(reasons);
        }

        @Override
        public EnrollmentState state() {
            return EnrollmentState.REJECTED;
        }
    }

    /** Its lifetime ran out; apply again. */
    record Expired() implements EnrollmentStatus {
        @Override
        public EnrollmentState state() {
            return EnrollmentState.EXPIRED;
        }
    }

    /** The person started over. */
    record Cancelled() implements EnrollmentStatus {
        @Override
        public EnrollmentState state() {
            return EnrollmentState.CANCELLED;
        }
    }
}
