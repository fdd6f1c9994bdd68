package tw.mobileauth.examples.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Synchronizer-token CSRF protection: each session holds a random token; every state-changing
 * request must carry it (form field {@code csrf} or header {@code X-CSRF-Token}), compared in
 * constant time.
 */
final class Csrf {

    /** The header {@code fetch} calls send the token in. */
    static final String HEADER = "X-CSRF-Token";

    private Csrf() {
    }

    /** 256 random bits, base64url. */
    static String newToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code presented} is the session's token (constant time; null or empty never matches). */
    static boolean matches(String expected, String presented) {
        if (expected == null || presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
