package tw.mobileauth.store;

/** Whether a credential may still be used to log in. */
public enum CredentialStatus {
    /** Usable (subject to its certificate's validity). */
    ACTIVE,
    /** Revoked by the binding policy, an administrator or the person; never active again. */
    REVOKED
}
