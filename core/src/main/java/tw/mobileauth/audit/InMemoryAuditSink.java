package tw.mobileauth.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event in memory, in order; for tests and diagnostics. Thread-safe. */
public final class InMemoryAuditSink implements AuditSink {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    /** An empty sink. */
    public InMemoryAuditSink() {
        // nothing recorded yet
    }

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    /** {@return every event so far, oldest first (a snapshot)} */
    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /**
     * {@return the events of one type, oldest first}
     *
     * @param <E> the type of the value
     * @param type the type value
     */
    public <E extends AuditEvent> List<E> ofType(Class<E> type) {
        List<E> found = new ArrayList<>();
        for (AuditEvent e : events) {
            if (type.isInstance(e)) {
                found.add(type.cast(e));
            }
        }
        return List.copyOf(found);
    }

    /** {@return the event names, oldest first, e.g. {@code [enrollment.started, enrollment.completed]}} */
    public List<String> names() {
        return events.stream().map(AuditEvent::name).toList();
    }

    /** Forgets every event. */
    public void clear() {
        events.clear();
    }
}
