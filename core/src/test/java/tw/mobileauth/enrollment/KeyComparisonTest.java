package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** STYLE §6: keyed hashes (token keys, callback fingerprints) are compared in constant time, and right. */
class KeyComparisonTest {

    @Test
    void sameKeyIsTrueExactlyForEqualNonNullKeys() {
        String key = "mac_3xZ9-kQ";
        assertTrue(Ceremony.sameKey(key, new String(key.toCharArray())));
        assertFalse(Ceremony.sameKey(key, "mac_3xZ9-kR"), "last character differs");
        assertFalse(Ceremony.sameKey(key, key + "x"), "longer");
        assertFalse(Ceremony.sameKey(key, key.substring(1)), "shorter");
        assertFalse(Ceremony.sameKey(key, null));
        assertFalse(Ceremony.sameKey(null, null), "a missing key matches nothing, not even another missing one");
        assertTrue(Ceremony.sameKey("王○明", "王○明"), "compared as UTF-8");
    }
}
