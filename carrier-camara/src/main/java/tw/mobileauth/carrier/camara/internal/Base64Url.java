package tw.mobileauth.carrier.camara.internal;

import java.util.Base64;
import java.util.Optional;

/** Base64url without padding (RFC 7515 §2), as JWS and PKCE use it. Not API. */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    /** Encodes {@code bytes} without padding. */
    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** Decodes unpadded base64url; empty when {@code text} is not valid base64url. */
    public static Optional<byte[]> decode(String text) {
        if (text.indexOf('=') >= 0 || text.indexOf('+') >= 0 || text.indexOf('/') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(DECODER.decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
