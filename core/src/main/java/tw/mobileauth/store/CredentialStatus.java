package tw.mobileauth.store;

/** Whether a credential may still be used to log in. */
public enum CredentialStatus {
    /**
     * Issued but not yet usable: its enrolment has not won the step to COMPLETED yet. Never
     * accepted at login and ignored by the binding policy; {@link CredentialStore#activate}
     * makes it {@link #ACTIVE} once the enrolment completed, or the enrolment deletes it when a
     * concurrent attempt completed first.
     */
    PENDING,
    /** Usable (subject to its certificate's validity). */
    ACTIVE,
    /** Revoked by the binding policy, an administrator or the person; never active again. */
    REVOKED
}
