package tw.mobileauth.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SignedMessagesTest {

    private static final String ORIGIN = "https://portal.example.tw";
    private static final byte[] NONCE = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    /** The hex example in SignedMessages' Javadoc is exactly what login(...) returns. */
    @Test
    void loginMessageMatchesTheDocumentedExample() throws Exception {
        String source = Files.readString(Path.of("src/main/java/tw/mobileauth/crypto/SignedMessages.java"));
        Matcher block = Pattern.compile("is these 118 bytes \\(hex\\):\\s*\\* <pre>(.*?)</pre>", Pattern.DOTALL).matcher(source);
        assertTrue(block.find(), "example block present");
        StringBuilder documented = new StringBuilder();
        for (String line : block.group(1).split("\n")) {
            String withoutStar = line.replaceFirst("^\\s*\\*", "");
            Matcher hex = Pattern.compile("^\\s*((?:[0-9a-f]+ ?)+?)(?:\\s{2,}|\\s*\"|$)").matcher(withoutStar);
            if (hex.find()) {
                documented.append(hex.group(1).replace(" ", ""));
            }
        }
        byte[] actual = SignedMessages.login(NONCE, "mat_AAAAAAAAAAAAAAAAAAAAAA", ORIGIN);
        assertEquals(118, actual.length);
        assertEquals(documented.toString(), HexFormat.of().formatHex(actual));
    }

    @Test
    void loginLayoutIsTagNulThenLengthPrefixedFields() {
        byte[] message = SignedMessages.login(NONCE, "mat_x", "https://a.tw");
        String expected = hex("mobileauth-tw/login/v1") + "00"
                + "00000020" + HexFormat.of().formatHex(NONCE)
                + "00000005" + hex("mat_x")
                + "0000000c" + hex("https://a.tw");
        assertEquals(expected, HexFormat.of().formatHex(message));
    }

    @Test
    void enrollmentLayoutCoversChallengeKeyAndOrigin() {
        byte[] challenge = new byte[16];
        byte[] spki = {0x30, 0x01, 0x02};
        String expected = hex("mobileauth-tw/enrol/v1") + "00"
                + "00000010" + "00".repeat(16)
                + "00000003" + "300102"
                + "00000019" + hex(ORIGIN);
        assertEquals(expected, HexFormat.of().formatHex(SignedMessages.enrollment(challenge, spki, ORIGIN)));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertFalse(java.util.Arrays.equals(
                SignedMessages.login(NONCE, "mat_ab", "c"), SignedMessages.login(NONCE, "mat_a", "bc")));
        assertArrayEquals(SignedMessages.login(NONCE, "mat_a", "bc"), SignedMessages.login(NONCE.clone(), "mat_a", "bc"));
    }

    @Test
    void aLoginSignatureNeverPassesAsAnEnrollmentProofOrForAnotherOrigin() {
        DeviceKey device = DeviceKey.generate(new SecureRandom());
        byte[] login = SignedMessages.login(NONCE, "mat_x", ORIGIN);
        byte[] signature = device.sign(login);
        assertTrue(device.publicKey().verify(login, signature));
        assertFalse(device.publicKey().verify(SignedMessages.enrollment(NONCE, device.publicKeySpki(), ORIGIN), signature));
        assertFalse(device.publicKey().verify(SignedMessages.login(NONCE, "mat_x", "https://portal.examp1e.tw"), signature));
        assertFalse(device.publicKey().verify(SignedMessages.login(NONCE, "mat_y", ORIGIN), signature));
    }

    @Test
    void nonceAndChallengeLengthsAreEnforced() {
        assertThrows(IllegalArgumentException.class, () -> SignedMessages.login(new byte[31], "mat_x", ORIGIN));
        assertThrows(IllegalArgumentException.class, () -> SignedMessages.login(new byte[33], "mat_x", ORIGIN));
        assertThrows(IllegalArgumentException.class, () -> SignedMessages.enrollment(new byte[15], new byte[91], ORIGIN));
        assertThrows(IllegalArgumentException.class, () -> SignedMessages.enrollment(new byte[65], new byte[91], ORIGIN));
        assertEquals(23 + 4 + 16 + 4 + 91 + 4 + 25, SignedMessages.enrollment(new byte[16], new byte[91], ORIGIN).length);
        assertEquals(23 + 4 + 64 + 4 + 91 + 4 + 25, SignedMessages.enrollment(new byte[64], new byte[91], ORIGIN).length);
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.UTF_8));
    }
}
