package tw.mobileauth.audit;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default sink: one INFO line per event on the logger {@code tw.mobileauth.audit}, e.g.
 * {@code enrollment.completed at="2025-03-14T02:00:00Z" enrollmentId="…" credentialId="…"}. Route
 * that logger to the audit trail in the logging configuration.
 *
 * <p>Every value is quoted and escaped as a JSON string ({@code \"}, {@code \\}, {@code \n},
 * a backslash-u escape with four hex digits for every other control, format or line-separator character), so that a
 * value carrying text from a request (a user agent, say) can neither add fields nor start a new
 * line: a reader that splits {@code key="value"} pairs gets exactly the event's fields back.
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
                AUDIT.info("{}", format(event));
            }
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Slf4jAuditSink.class).warn("could not write audit event {}", safeName(event), e);
        }
    }

    /** The event as one line: its name, then {@code at} and every field as {@code key="escaped value"}. */
    static String format(AuditEvent event) {
        StringBuilder line = new StringBuilder(token(event.name())).append(" at=");
        quote(line, String.valueOf(event.at()));
        for (Map.Entry<String, String> f : event.fields().entrySet()) {
            line.append(' ').append(token(f.getKey())).append('=');
            quote(line, String.valueOf(f.getValue()));
        }
        return line.toString();
    }

    /** A name or key as it is, if it is a plain token; otherwise quoted like a value. */
    private static String token(String s) {
        boolean plain = s != null && !s.isEmpty() && s.chars().allMatch(c -> (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
        return plain ? s : quote(new StringBuilder(), String.valueOf(s)).toString();
    }

    private static String safeName(AuditEvent event) {
        try {
            return token(event.name());
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    int type = Character.getType(c);
                    if (c < 0x20 || type == Character.CONTROL || type == Character.FORMAT
                            || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                            || (type == Character.SURROGATE && !pairedSurrogate(value, i))) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Whether the surrogate at {@code i} is half of a valid pair (then it is printed as is). */
    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
