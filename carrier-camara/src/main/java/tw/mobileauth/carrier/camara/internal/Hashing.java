package tw.mobileauth.carrier.camara.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** SHA-256 as lowercase hex, e.g. for CAMARA {@code hashedPhoneNumber}. Not API. */
public final class Hashing {

    private Hashing() {
    }

    /** The lowercase hex SHA-256 of {@code text}'s UTF-8 bytes (64 characters). */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(Pkce.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }
}
