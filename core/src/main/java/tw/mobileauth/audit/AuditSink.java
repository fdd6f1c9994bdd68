package tw.mobileauth.audit;

/**
 * Where audit events go. Called on the request thread, so implementations must be fast and
 * thread-safe, and must never throw: an auditing failure must not fail the person's request
 * (log it instead).
 */
@FunctionalInterface
public interface AuditSink {

    /**
     * Records one event.
     *
     * @param event the event value
     */
    void record(AuditEvent event);
}
