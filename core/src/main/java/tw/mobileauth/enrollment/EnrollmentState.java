package tw.mobileauth.enrollment;

/**
 * Where an enrolment is (docs/journey.md):
 * <pre>
 * (begin, QR route) ──> AWAITING_DEVICE ──claim──> DEVICE_CONNECTED ──consent──> VERIFYING
 * (begin, same device) ─────────────────────────────┘                             │
 * VERIFYING ──carrier callback + final eligibility──> COMPLETED | REJECTED
 * any non-final state ──lifetime over──> EXPIRED ;  restart ──> CANCELLED
 * </pre>
 * The form's "APPLIED" step is not stored on its own: {@code begin} validates, routes and stores
 * the enrolment directly in its routed state.
 */
public enum EnrollmentState {
    /** QR route: the desktop shows the QR code; no device has claimed it yet. */
    AWAITING_DEVICE,
    /** The phone (or the applying phone/tablet itself) holds the enrolment and shows the terms. */
    DEVICE_CONNECTED,
    /** Consent recorded; the phone is at the carrier's network verification. */
    VERIFYING,
    /** The credential was issued. Final. */
    COMPLETED,
    /** The carrier's facts or the final eligibility check refused it. Final. */
    REJECTED,
    /** Its lifetime ran out before it finished. Final. */
    EXPIRED,
    /** The applicant started over (重新申請行動認證). Final. */
    CANCELLED;

    /** {@return whether nothing can happen to it any more} */
    public boolean isFinal() {
        return this == COMPLETED || this == REJECTED || this == EXPIRED || this == CANCELLED;
    }
}
