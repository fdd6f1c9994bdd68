package tw.mobileauth.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The one byte encoding behind every domain-separated message in this package: signed messages
 * ({@link SignedMessages}), keyed verifiers ({@link HmacKey}) and AEAD associated data
 * ({@link AeadKey}).
 *
 * <pre>
 * message = tag (ASCII, no NUL) ‖ 0x00 ‖ field ‖ field ‖ …
 * field   = length (4 bytes, unsigned big-endian) ‖ bytes
 * </pre>
 *
 * <p>The tag cannot contain NUL, and every field carries its own length, so two different
 * (tag, fields…) sequences never produce the same bytes.
 */
final class Framing {

    private Framing() {
    }

    /** {@code tag ‖ 0x00 ‖ (u32be(len) ‖ field)*}. */
    static byte[] frame(String tag, byte[]... fields) {
        byte[] tagBytes = tag.getBytes(StandardCharsets.US_ASCII);
        int total = tagBytes.length + 1;
        for (byte[] field : fields) {
            total = Math.addExact(total, Math.addExact(4, field.length));
        }
        byte[] out = new byte[total];
        System.arraycopy(tagBytes, 0, out, 0, tagBytes.length);
        int pos = tagBytes.length + 1; // out[tagBytes.length] is already 0x00
        for (byte[] field : fields) {
            int n = field.length;
            out[pos] = (byte) (n >>> 24);
            out[pos + 1] = (byte) (n >>> 16);
            out[pos + 2] = (byte) (n >>> 8);
            out[pos + 3] = (byte) n;
            System.arraycopy(field, 0, out, pos + 4, n);
            pos += 4 + n;
        }
        return out;
    }

    /** Checks a tag at class-initialisation time: printable ASCII, no NUL. */
    static String checkTag(String tag) {
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("tag must be printable ASCII: " + tag);
            }
        }
        return tag;
    }

    /**
     * UTF-8 of {@code text}; an unpaired surrogate (which is not valid UTF-16 text) is written as
     * its own three-byte sequence (the WTF-8 convention) instead of being replaced by {@code ?}.
     * So the encoding is identical to UTF-8 for every well-formed string, and still injective
     * for malformed ones: two different strings never encode to the same bytes.
     *
     * <p>Safe for secrets: pass {@code CharBuffer.wrap(password)} to avoid making a
     * {@code String}; the scratch buffer is wiped, and the caller wipes the result.
     */
    static byte[] utf8(CharSequence text) {
        int n = text.length();
        // Worst case 3 bytes per char (a surrogate pair is 4 bytes for 2 chars).
        byte[] buffer = new byte[Math.multiplyExact(n, 3)];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                buffer[pos++] = (byte) c;
            } else if (c < 0x800) {
                buffer[pos++] = (byte) (0xc0 | (c >>> 6));
                buffer[pos++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                buffer[pos++] = (byte) (0xf0 | (cp >>> 18));
                buffer[pos++] = (byte) (0x80 | ((cp >>> 12) & 0x3f));
                buffer[pos++] = (byte) (0x80 | ((cp >>> 6) & 0x3f));
                buffer[pos++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                buffer[pos++] = (byte) (0xe0 | (c >>> 12));
                buffer[pos++] = (byte) (0x80 | ((c >>> 6) & 0x3f));
                buffer[pos++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        byte[] result = Arrays.copyOf(buffer, pos);
        Arrays.fill(buffer, (byte) 0);
        return result;
    }

    /** Writes zeros over {@code secret}. */
    static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
