package tw.mobileauth.audit;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default sink: one INFO line per event on the logger {@code tw.mobileauth.audit}, e.g.
 * {@code enrollment.completed at=2025-03-14T02:00:00Z enrollmentId=… credentialId=…}. Route that
 * logger to the audit trail in the logging configuration.
 */
public final class Slf4jAuditSink implements AuditSink {

    private static final Logger AUDIT = LoggerFactory.getLogger("tw.mobileauth.audit");

    /** A sink writing to the {@code tw.mobileauth.audit} logger. */
    public Slf4jAuditSink() {
        // stateless
    }

    @Override
    public void record(AuditEvent event) {
        try {
            if (AUDIT.isInfoEnabled()) {
                StringBuilder line = new StringBuilder(event.name()).append(" at=").append(event.at());
                for (Map.Entry<String, String> f : event.fields().entrySet()) {
                    line.append(' ').append(f.getKey()).append('=').append(f.getValue());
                }
                AUDIT.info("{}", line);
            }
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Slf4jAuditSink.class).warn("could not write audit event {}", event.name(), e);
        }
    }
}
