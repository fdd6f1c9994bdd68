package tw.mobileauth.store;

import java.util.Objects;

/**
 * The store could not do what was asked: our side of the fence, not the caller's. The store's
 * previous state is intact (every operation is atomic); a request that meets it may be retried
 * later. Switch on {@link #reason()}, never parse the message.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why. A closed set. */
    public enum Reason {
        /** The backend failed (a lost database connection, say). */
        BACKEND_FAILED,
        /**
         * A bounded store is full of live entries and refused a new one (the in-memory stores'
         * {@code maxEntries}): load, or somebody filling it on purpose. Retry later; entries expire.
         */
        FULL
    }

    /** Why the request cannot go on. */
    private final Reason reason;

    /**
     * A {@link Reason#BACKEND_FAILED} failure.
     *
     * @param message what failed, naming the store and the operation, never personal data
     * @param cause   the backend's exception
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
        this.reason = Reason.BACKEND_FAILED;
    }

    /**
     * A failure without an underlying exception.
     *
     * @param reason  why
     * @param message what failed, naming the store and the operation, never personal data
     */
    public StoreException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** {@return why} */
    public Reason reason() {
        return reason;
    }
}
