package tw.mobileauth.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * STYLE §7: audit lines are for auditors, so a value that came from a request (a user agent, a
 * carrier error) must not be able to forge fields or lines. The lines the default sink really
 * writes are read back with a plain {@code key=value} / {@code key="quoted"} reader.
 */
class Slf4jAuditSinkTest {

    private static final Instant AT = Instant.parse("2025-03-14T02:00:00Z");

    /** Records {@code event} with the real sink and returns what slf4j-simple printed for it. */
    private static String written(AuditEvent event) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new Slf4jAuditSink().record(event);
        } finally {
            System.setErr(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        int start = out.indexOf(event.name() + " at=");
        assertTrue(start >= 0, "the event was written: " + out);
        return out.substring(start).stripTrailing();
    }

    /** A logfmt reader: {@code name key=value key="quoted \" value" …}, as a log pipeline parses it. */
    static Map<String, String> read(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = line.indexOf(' ');
        while (i >= 0 && i < line.length()) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            if (j < line.length() && line.charAt(j) == '"') {
                for (j++; j < line.length() && line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char e = line.charAt(++j);
                        switch (e) {
                            case 'n' -> value.append('\n');
                            case 'r' -> value.append('\r');
                            case 't' -> value.append('\t');
                            case 'u' -> {
                                value.append((char) Integer.parseInt(line.substring(j + 1, j + 5), 16));
                                j += 4;
                            }
                            default -> value.append(e);
                        }
                    } else {
                        value.append(c);
                    }
                }
                j++;
            } else {
                for (; j < line.length() && line.charAt(j) != ' '; j++) {
                    value.append(line.charAt(j));
                }
            }
            fields.put(key, value.toString());
            i = j;
        }
        return fields;
    }

    @Test
    void aHostileUserAgentCanNeitherAddAFieldNorStartALineAndReadsBackUnchanged() {
        String context = "SMARTPHONE ip=203.0.113.* ua=Mozilla/5.0 counted=false\n"
                + "enrollment.completed at=\"2025-03-14T02:00:00Z\" enrollmentId=forged\r\\\" \u202Eevil\u2028";
        EnrollmentEvent.ConsentRecorded event = new EnrollmentEvent.ConsentRecorded(AT, "enrol-1", "2025-01", context);

        String line = written(event);
        assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u2028") || line.contains("\u202E"),
                "one line, no raw controls: " + line);
        Map<String, String> read = read(line);
        assertEquals(List.of("at", "enrollmentId", "termsVersion", "context"), List.copyOf(read.keySet()), line);
        assertEquals(AT.toString(), read.get("at"));
        assertEquals(context, read.get("context"), "the value reads back exactly");
        assertTrue(line.startsWith("enrollment.consent_recorded at=\"2025-03-14T02:00:00Z\" enrollmentId=\"enrol-1\""),
                line);
    }

    @Test
    void anOrdinaryEventReadsBackFieldForField() {
        EnrollmentEvent.Started event = new EnrollmentEvent.Started(AT, "enrol-2", "QR", "cht", "A12****789",
                "0912***678");
        Map<String, String> read = read(written(event));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("at", AT.toString());
        expected.putAll(event.fields());
        assertEquals(expected, read);
    }
}
