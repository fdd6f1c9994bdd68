package tw.mobileauth.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The crypto package's exact bounds (issue 15, mutation testing): framing lengths past one, two
 * and three bytes, tag and purpose character ranges at both ends, UTF-8 at every width, the PHC
 * parameter ranges at both ends, and which rule rejects a bad key or sealed value.
 */
class CryptoEdgesTest {

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    @Test
    void frameWritesEachFieldLengthBigEndianOverAllFourBytes() {
        byte[] big = new byte[(1 << 24) + (1 << 16) + (1 << 8) + 2];
        byte[] out = Framing.frame("t", big, new byte[] {7});
        assertArrayEquals(new byte[] {'t', 0, 1, 1, 1, 2}, Arrays.copyOf(out, 6));
        int second = 2 + 4 + big.length;
        assertArrayEquals(new byte[] {0, 0, 0, 1, 7}, Arrays.copyOfRange(out, second, second + 5));
        assertEquals(second + 5, out.length);
    }

    @Test
    void tagsArePrintableAsciiFromBangToTilde() {
        assertEquals("!~", Framing.checkTag("!~"));
        assertEquals("mobileauth/v1", Framing.checkTag("mobileauth/v1"));
        assertThrows(IllegalArgumentException.class, () -> Framing.checkTag("a b"));
        assertThrows(IllegalArgumentException.class, () -> Framing.checkTag("a\u007f"));
        assertThrows(IllegalArgumentException.class, () -> Framing.checkTag("\u0000"));
    }

    @Test
    void utf8MatchesTheJdkAtEveryWidthAndKeepsLoneSurrogatesDistinct() {
        for (String s : new String[] {"\u007f", "\u0080", "\u07ff", "\u0800", "王小明", "\uffff", "😀", "a😀b", ""}) {
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Framing.utf8(s), s);
        }
        assertArrayEquals(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, Framing.utf8("\ud800"));
        assertArrayEquals(new byte[] {(byte) 0xed, (byte) 0xbf, (byte) 0xbf, 'x'}, Framing.utf8("\udfffx"));
        assertFalse(Arrays.equals(Framing.utf8("\ud800"), Framing.utf8("\ud801")));
    }

    @Test
    void wipeZeroesTheArrayAndAcceptsNull() {
        byte[] secret = {1, 2, 3};
        Framing.wipe(secret);
        assertArrayEquals(new byte[3], secret);
        Framing.wipe(null);
    }

    @Test
    void phcAcceptsEachParameterAtBothEndsOfItsRange() throws Exception {
        assertEquals(1, Phc.parse(phc(8, 1, 1, 8, 16)).iterations);
        assertEquals(16, Phc.parse(phc(8, 16, 1, 8, 16)).iterations);
        assertEquals(8, Phc.parse(phc(64, 1, 8, 8, 16)).parallelism);
        assertEquals(16, Phc.parse(phc(16, 1, 2, 8, 16)).memoryKiB);
        assertEquals(262_144, Phc.parse(phc(262_144, 1, 1, 8, 16)).memoryKiB);
        Phc longest = Phc.parse(phc(19_456, 2, 1, 64, 64));
        assertEquals(64, longest.salt.length);
        assertEquals(64, longest.hash.length);
        assertEquals(phc(19_456, 2, 1, 64, 64), longest.format());
    }

    @Test
    void phcRejectsEachParameterJustOutsideItsRange() {
        for (String bad : new String[] {
                phc(8, 0, 1, 8, 16), phc(8, 17, 1, 8, 16), phc(8, 1, 0, 8, 16), phc(72, 1, 9, 8, 16),
                phc(15, 1, 2, 8, 16), phc(7, 1, 1, 8, 16), phc(262_145, 1, 1, 8, 16),
                phc(8, 1, 1, 7, 16), phc(8, 1, 1, 65, 16), phc(8, 1, 1, 8, 15), phc(8, 1, 1, 8, 65)}) {
            assertThrows(CryptoException.MalformedPasswordHash.class, () -> Phc.parse(bad), bad);
        }
    }

    private static String phc(int m, int t, int p, int saltBytes, int hashBytes) {
        byte[] salt = new byte[saltBytes];
        Arrays.fill(salt, (byte) 0x5a);
        byte[] hash = new byte[hashBytes];
        Arrays.fill(hash, (byte) 0x33);
        return "$argon2id$v=19$m=" + m + ",t=" + t + ",p=" + p + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    @Test
    void verifierPurposesAreLowerCaseAlphanumericsThenDotUnderscoreOrDashUpTo64() {
        HmacKey key = HmacKey.fromBytes(new byte[32]);
        for (String ok : new String[] {"a", "z", "0", "9", "a.b_c-d", "z9", "a".repeat(64)}) {
            assertTrue(key.matches(key.verifier(ok, "v"), ok, "v"), ok);
        }
        for (String bad : new String[] {"", "a".repeat(65), "`", "{", "/", ":", "A", ".a", "_a", "-a", "a b", "aZ"}) {
            assertThrows(IllegalArgumentException.class, () -> key.verifier(bad, "v"), bad);
        }
    }

    @Test
    void sealedValuesAreJudgedByLengthThenFormatThenCanonicalBase64() throws Exception {
        AeadKey key = AeadKey.fromBytes(new byte[32]);
        String atLimit = "v".repeat(16 * 1024 * 1024);
        assertTrue(decryptFailure(key, atLimit).contains("format"));
        assertTrue(decryptFailure(key, atLimit + "v").contains("too long"));
        String sealed = key.encrypt(new byte[] {1, 2, 3}, "r1");
        assertArrayEquals(new byte[] {1, 2, 3}, key.decrypt(sealed, "r1"));
        String[] parts = sealed.split("\\.");
        // 3 + 16 tag bytes: the last of 26 characters carries 4 unused bits.
        String nonCanonical = parts[2].substring(0, parts[2].length() - 1) + lastCharWithStrayBits(parts[2]);
        assertTrue(decryptFailure(key, parts[0] + "." + parts[1] + "." + nonCanonical).contains("canonical"));
    }

    /** The last base64url character with its unused low bits set; a lenient decoder ignores them. */
    private static char lastCharWithStrayBits(String b64url) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int v = alphabet.indexOf(b64url.charAt(b64url.length() - 1));
        return alphabet.charAt(v | 1);
    }

    private static String decryptFailure(AeadKey key, String sealed) {
        return assertThrows(CryptoException.DecryptionFailed.class, () -> key.decrypt(sealed, "r1")).getMessage();
    }

    @Test
    void deviceKeysAreJudgedByLengthThenAlgorithmAndEqualKeysHashAlike() throws Exception {
        assertTrue(invalidKey(new byte[257]).contains("longer"));
        assertFalse(invalidKey(new byte[256]).contains("longer"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertTrue(invalidKey(rsa.generateKeyPair().getPublic().getEncoded()).contains("algorithm"));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        assertTrue(invalidKey(ec.generateKeyPair().getPublic().getEncoded()).contains("P-256"));
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] spki = ec.generateKeyPair().getPublic().getEncoded();
        byte[] other = ec.generateKeyPair().getPublic().getEncoded();
        DevicePublicKey a = DevicePublicKey.fromSpki(spki);
        assertEquals(a, DevicePublicKey.fromSpki(spki.clone()));
        assertEquals(a.hashCode(), DevicePublicKey.fromSpki(spki.clone()).hashCode());
        assertNotEquals(a, DevicePublicKey.fromSpki(other));
        assertNotEquals(a.hashCode(), DevicePublicKey.fromSpki(other).hashCode());
    }

    private static String invalidKey(byte[] spki) {
        return assertThrows(CryptoException.InvalidDeviceKey.class, () -> DevicePublicKey.fromSpki(spki)).getMessage();
    }

    @Test
    void hasherBuilderChecksMemoryPerLaneAndTheWaitAtBothEnds() {
        assertThrows(IllegalArgumentException.class,
                () -> Argon2idPasswordHasher.builder().memoryKiB(15).parallelism(2).build());
        Argon2idPasswordHasher.builder().memoryKiB(16).parallelism(2).iterations(1).build();
        Argon2idPasswordHasher.builder().maxWait(Duration.ofMinutes(1)).maxWait(Duration.ZERO);
        assertThrows(IllegalArgumentException.class,
                () -> Argon2idPasswordHasher.builder().maxWait(Duration.ofMinutes(1).plusNanos(1)));
        assertThrows(IllegalArgumentException.class, () -> Argon2idPasswordHasher.builder().maxWait(Duration.ofNanos(-1)));
    }

    @Test
    void hasherToStringSaysWhetherAPepperIsSetAndNeverItsValue() {
        String plain = Argon2idPasswordHasher.builder().memoryKiB(8).iterations(1).build().toString();
        String peppered = Argon2idPasswordHasher.builder().memoryKiB(8).iterations(1)
                .pepper(HmacKey.fromBytes(new byte[32])).build().toString();
        assertTrue(plain.contains("pepper=no"), plain);
        assertTrue(peppered.contains("pepper=yes"), peppered);
    }
}
