package tw.mobileauth.store;

/**
 * The store's backend failed: our fault, not the caller's. A request that meets it may be
 * retried later; the store's previous state is intact (every operation is atomic).
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the store and the operation, never personal data
     * @param cause   the backend's exception
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
