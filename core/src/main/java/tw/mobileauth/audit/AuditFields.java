package tw.mobileauth.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Helpers for {@link AuditEvent} implementations: every service's event family builds its
 * {@link AuditEvent#fields()} and checks its components the same way.
 */
public final class AuditFields {

    private AuditFields() {
    }

    /**
     * {@return an unmodifiable map of {@code key, value, key, value, …} in the order given}
     *
     * @param keysAndValues the keys and values
     * @throws IllegalArgumentException if a key has no value
     */
    public static Map<String, String> ordered(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("audit fields come in key/value pairs");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Rejects a null component of an audit event.
     *
     * @param values the values value
     */
    public static void requireAll(Object... values) {
        for (Object v : values) {
            Objects.requireNonNull(v, "audit event field");
        }
    }
}
