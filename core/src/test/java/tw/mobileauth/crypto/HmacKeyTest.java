package tw.mobileauth.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacKeyTest {

    private static final byte[] KEY_BYTES = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private final HmacKey key = HmacKey.fromBytes(KEY_BYTES);

    @Test
    void verifierIsHmacSha256OverTheDocumentedFraming() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY_BYTES, "HmacSHA256"));
        byte[] input = HexFormat.of().parseHex(
                HexFormat.of().formatHex("mobileauth-tw/verifier/v1".getBytes(StandardCharsets.US_ASCII))
                        + "00" + "00000007" + HexFormat.of().formatHex("subject".getBytes(StandardCharsets.US_ASCII))
                        + "0000000a" + HexFormat.of().formatHex("A123456789".getBytes(StandardCharsets.US_ASCII)));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input));

        assertEquals(expected, key.verifier("subject", "A123456789"));
        assertNotEquals(expected, key.verifier("subject", "A123456788"));
        assertEquals(43, expected.length());
    }

    @Test
    void verifierIsDeterministicPerKeyAndDiffersAcrossKeys() {
        HmacKey other = HmacKey.generate(new SecureRandom());
        assertEquals(key.verifier("subject", "A123456789"), key.verifier("subject", "A123456789"));
        assertNotEquals(key.verifier("subject", "A123456789"), other.verifier("subject", "A123456789"));
    }

    @Test
    void purposesScopesAndFieldBoundariesAreDomainSeparated() {
        Set<String> verifiers = new HashSet<>();
        verifiers.add(key.verifier("subject", "A123456789"));
        verifiers.add(key.verifier("birth-date", "A123456789"));
        verifiers.add(key.verifier("birth-date", "mat_1", "1980-01-31"));
        verifiers.add(key.verifier("birth-date", "mat_2", "1980-01-31"));
        verifiers.add(key.verifier("birth-date", "mat_", "11980-01-31"));
        verifiers.add(key.verifier("birth-date", "", "mat_11980-01-31"));
        verifiers.add(key.verifier("birth-date", "mat_11980-01-31"));
        assertEquals(7, verifiers.size(), "every (purpose, scope, value) gives its own verifier");
    }

    @Test
    void unpairedSurrogateDoesNotCollideWithReplacementCharacters() {
        String lone = key.verifier("name", "王\uD800明");
        assertNotEquals(lone, key.verifier("name", "王?明"));
        assertNotEquals(lone, key.verifier("name", "王\uFFFD明"));
        assertEquals(lone, key.verifier("name", "王\uD800明"));
    }

    @Test
    void matchesAcceptsOnlyTheExactVerifier() {
        String stored = key.verifier("birth-date", "mat_x", "1980-01-31");
        assertTrue(key.matches(stored, "birth-date", "mat_x", "1980-01-31"));
        assertFalse(key.matches(stored, "birth-date", "mat_x", "1980-01-30"));
        assertFalse(key.matches(stored, "birth-date", "mat_y", "1980-01-31"));
        assertFalse(key.matches(stored, "name", "mat_x", "1980-01-31"));
        assertFalse(key.matches(stored + "=", "birth-date", "mat_x", "1980-01-31"));
        assertFalse(key.matches(null, "birth-date", "mat_x", "1980-01-31"));
        assertFalse(key.matches("", "birth-date", "mat_x", "1980-01-31"));

        String subject = key.verifier("subject", "A123456789");
        assertTrue(key.matches(subject, "subject", "A123456789"));
        assertFalse(key.matches(subject, "subject", "a123456789"));
    }

    @Test
    void keysShorterThan32BytesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> HmacKey.fromBytes(new byte[31]));
        assertEquals(key.verifier("p", "v"), HmacKey.fromBytes(KEY_BYTES.clone()).verifier("p", "v"));
    }

    @Test
    void purposeMustBeAConstantLikeName() {
        assertThrows(IllegalArgumentException.class, () -> key.verifier("Subject", "x"));
        assertThrows(IllegalArgumentException.class, () -> key.verifier("", "x"));
        assertThrows(IllegalArgumentException.class, () -> key.verifier("a b", "x"));
        assertEquals(43, key.verifier("name.v2", "x").length());
    }

    @Test
    void keyBytesAreCopiedInAndOut() {
        byte[] mine = KEY_BYTES.clone();
        HmacKey k = HmacKey.fromBytes(mine);
        String before = k.verifier("p", "v");
        mine[0] ^= 1;
        assertEquals(before, k.verifier("p", "v"), "changing the caller's array does not change the key");

        byte[] exposed = k.exposeRawBytesForStorage();
        assertArrayEquals(KEY_BYTES, exposed);
        exposed[0] ^= 1;
        assertEquals(before, k.verifier("p", "v"), "changing the exposed copy does not change the key");
        assertEquals(before, HmacKey.fromBytes(k.exposeRawBytesForStorage()).verifier("p", "v"));
    }

    @Test
    void toStringRevealsNothingAndKeysHaveNoValueEquality() {
        String shown = key.toString();
        assertEquals("HmacKey[redacted]", shown);
        assertFalse(shown.contains(HexFormat.of().formatHex(KEY_BYTES)));
        assertNotEquals(key, HmacKey.fromBytes(KEY_BYTES));
    }
}
