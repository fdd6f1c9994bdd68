package tw.mobileauth.carrier.camara.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/** PKCE with the S256 method (RFC 7636 §4.1–4.2). Not API. */
public final class Pkce {

    /** 43–128 characters of {@code [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"} (RFC 7636 §4.1). */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    private Pkce() {
    }

    /** Whether {@code verifier} is a valid PKCE code verifier. */
    public static boolean isValidVerifier(String verifier) {
        return VERIFIER.matcher(verifier).matches();
    }

    /**
     * {@code BASE64URL(SHA256(ASCII(verifier)))}.
     *
     * @throws IllegalArgumentException if {@code verifier} is not 43–128 unreserved characters
     */
    public static String challengeS256(String verifier) {
        if (!isValidVerifier(verifier)) {
            throw new IllegalArgumentException(
                    "a PKCE verifier is 43-128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1)");
        }
        return Base64Url.encode(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }
}
