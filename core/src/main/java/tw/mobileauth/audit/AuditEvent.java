package tw.mobileauth.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One audit event. Implementations are immutable records holding masked values only.
 * Enrolment events are the sealed {@link EnrollmentEvent}; other services add their own sealed
 * families.
 */
public interface AuditEvent {

    /** {@return a stable, dotted event name, e.g. {@code enrollment.completed}} */
    String name();

    /** {@return when it happened, by the service's clock} */
    Instant at();

    /**
     * {@return the event's fields as text for sinks that write lines or JSON, in a stable order} Every
     * value is already masked or non-personal.
     */
    Map<String, String> fields();
}
