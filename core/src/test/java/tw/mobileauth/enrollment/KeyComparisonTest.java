package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** STYLE §6: keyed hashes (token keys, callback fingerprints) are compared in constant time, and right. */
class KeyComparisonTest {

    @Test
    void sameKeyIsTrueExactlyForEqualNonNullKeys() {
        String key = "mac_3xZ9-kQ";
        assertTrue(Records.sameKey(key, new String(key.toCharArray())));
        assertFalse(Records.sameKey(key, "mac_3xZ9-kR"), "last character differs");
        assertFalse(Records.sameKey(key, key + "x"), "longer");
        assertFalse(Records.sameKey(key, key.substring(1)), "shorter");
        assertFalse(Records.sameKey(key, null));
        assertFalse(Records.sameKey(null, null), "a missing key matches nothing, not even another missing one");
        assertTrue(Records.sameKey("王○明", "王○明"), "compared as UTF-8");
    }
}
