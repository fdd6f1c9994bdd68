package tw.mobileauth.login;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an in-memory store holds, as text: every key and every value of every map field,
 * records taken apart component by component (their {@code toString} hides fields), Optionals and
 * collections followed. A test-only view from the inside, since the store SPI has no "list all".
 */
final class StoreScan {

    private StoreScan() {
    }

    /** Every string found in the maps of {@code stores}. */
    static List<String> of(Object... stores) {
        List<String> out = new ArrayList<>();
        for (Object store : stores) {
            for (Field field : store.getClass().getDeclaredFields()) {
                if (Map.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    try {
                        Map<?, ?> map = (Map<?, ?>) field.get(store);
                        for (Map.Entry<?, ?> e : map.entrySet()) {
                            dump(e.getKey(), out);
                            dump(e.getValue(), out);
                        }
                    } catch (IllegalAccessException ex) {
                        throw new AssertionError(ex);
                    }
                }
            }
        }
        return out;
    }

    /** Whether any scanned text contains {@code needle}. */
    static boolean contains(List<String> scan, String needle) {
        for (String s : scan) {
            if (s.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static void dump(Object value, List<String> out) {
        if (value == null) {
            return;
        }
        if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    dump(c.getAccessor().invoke(r), out);
                } catch (ReflectiveOperationException ex) {
                    throw new AssertionError(ex);
                }
            }
        } else if (value instanceof Optional<?> o) {
            o.ifPresent(v -> dump(v, out));
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> dump(v, out));
        } else {
            out.add(String.valueOf(value));
        }
    }
}
