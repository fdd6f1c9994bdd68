package tw.mobileauth.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AeadKeyTest {

    private static final byte[] PII = "{\"id\":\"A123456789\",\"name\":\"王小明\"}".getBytes(StandardCharsets.UTF_8);
    private final AeadKey key = AeadKey.generate(new SecureRandom());

    @Test
    void sealedValueOpensOnlyForItsRecordId() throws Exception {
        String sealed = key.encrypt(PII, "enr_1");
        assertArrayEquals(PII, key.decrypt(sealed, "enr_1"));
        assertThrows(CryptoException.DecryptionFailed.class, () -> key.decrypt(sealed, "enr_2"));
    }

    @Test
    void sealedValueHasTheVersionedFormatAndHidesThePlaintext() {
        String sealed = key.encrypt(PII, "enr_1");
        assertTrue(Pattern.matches("v1\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+", sealed), sealed);
        byte[] body = Base64.getUrlDecoder().decode(sealed.substring(sealed.lastIndexOf('.') + 1));
        assertEquals(PII.length + 16, body.length, "ciphertext plus 16-byte tag");
        assertTrue(!sealed.contains("A123456789") && !new String(body, StandardCharsets.ISO_8859_1).contains("A123456789"));
    }

    @Test
    void everySealUsesAFreshNonce() {
        assertNotEquals(key.encrypt(PII, "enr_1"), key.encrypt(PII, "enr_1"));
    }

    @Test
    void anyChangedCharacterIsDetected() throws Exception {
        String sealed = key.encrypt(PII, "enr_1");
        int rejected = 0;
        for (int i = 0; i < sealed.length(); i++) {
            char c = sealed.charAt(i);
            char swapped = c == 'A' ? 'B' : c == '.' ? '_' : 'A';
            String tampered = sealed.substring(0, i) + swapped + sealed.substring(i + 1);
            assertThrows(CryptoException.DecryptionFailed.class, () -> key.decrypt(tampered, "enr_1"), tampered);
            rejected++;
        }
        assertEquals(sealed.length(), rejected);
        assertArrayEquals(PII, key.decrypt(sealed, "enr_1"));
    }

    @Test
    void anotherKeyCannotOpenIt() throws Exception {
        String sealed = key.encrypt(PII, "enr_1");
        AeadKey other = AeadKey.generate(new SecureRandom());
        assertThrows(CryptoException.DecryptionFailed.class, () -> other.decrypt(sealed, "enr_1"));
        assertArrayEquals(PII, AeadKey.fromBytes(key.exposeRawBytesForStorage()).decrypt(sealed, "enr_1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "v1..", "v2.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA", "v1.AAAAAAAAAAAAAAAA",
        "v1.AAAAAAAAAAAAAAAA.AAAA", "v1.AAAA.AAAAAAAAAAAAAAAAAAAAAA", "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.",
        "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA==", "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAA+",
        "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAB", "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
        "v1.AAAAAAAAAAAAAAAA.密密密", "V1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA"})
    void malformedSealedValuesRaiseTheTypedException(String malformed) throws Exception {
        assertThrows(CryptoException.DecryptionFailed.class, () -> key.decrypt(malformed, "enr_1"));
        assertArrayEquals(PII, key.decrypt(key.encrypt(PII, "enr_1"), "enr_1"));
    }

    @Test
    void nullSealedValueRaisesTheTypedException() {
        assertThrows(CryptoException.DecryptionFailed.class, () -> key.decrypt(null, "enr_1"));
    }

    @Test
    void keysMustBeExactly32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> AeadKey.fromBytes(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> AeadKey.fromBytes(new byte[33]));
        assertEquals("AeadKey[redacted]", AeadKey.fromBytes(new byte[32]).toString());
    }

    @Test
    void emptyPlaintextRoundTrips() throws Exception {
        assertArrayEquals(new byte[0], key.decrypt(key.encrypt(new byte[0], "r"), "r"));
    }
}
