package tw.mobileauth.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Turns a URL (in practice the enrolment handoff URL, about 100 characters) into a QR code,
 * rendered both as SVG and as PNG.
 *
 * <p>The symbol is built by ZXing with error-correction level <b>M</b> (about 15 % of the symbol
 * may be damaged or glared and still scan) and a quiet zone of {@value #QUIET_ZONE_MODULES}
 * modules, the minimum ISO/IEC 18004 asks for. Text is encoded as UTF-8. A URL made only of
 * ASCII has the same bytes in UTF-8 and in the QR default character set, so no ECI designator is
 * written for it: the symbol stays as small as possible and old scanners read it. Any other URL
 * gets a UTF-8 ECI designator.
 *
 * <p>Instances are immutable and thread-safe. Example:
 *
 * <pre>{@code
 * QrImage qr = QrCode.standard().encode("https://portal.example.tw/m/h/2Vb…");
 * String inlineSvg = qr.svg();          // for the page
 * String imgSrc = qr.pngDataUrl();      // for an <img src="…">
 * }</pre>
 */
public final class QrCode {

    /** Width of the light border around the symbol, in modules: {@value}. */
    public static final int QUIET_ZONE_MODULES = 4;

    /** Pixels per module of {@link #standard()}: {@value}, so a 100-character URL is about 360 px wide. */
    public static final int DEFAULT_PIXELS_PER_MODULE = 8;

    /** Largest accepted {@link #withPixelsPerModule(int) scale}: {@value} pixels per module. */
    public static final int MAX_PIXELS_PER_MODULE = 32;

    /**
     * Longest accepted text, in UTF-8 bytes: {@value}, the byte-mode capacity of the largest QR
     * code (version 40) at level M. The limit is applied to every text alike, even one that ZXing
     * could pack tighter (digits only), so that the contract does not depend on the content.
     */
    public static final int MAX_UTF8_BYTES = 2331;

    private static final QrCode STANDARD = new QrCode(DEFAULT_PIXELS_PER_MODULE);

    private final int pixelsPerModule;

    private QrCode(int pixelsPerModule) {
        this.pixelsPerModule = pixelsPerModule;
    }

    /** {@return a renderer at {@value #DEFAULT_PIXELS_PER_MODULE} PNG pixels per module} */
    public static QrCode standard() {
        return STANDARD;
    }

    /**
     * {@return a renderer at {@code pixelsPerModule} PNG pixels per module (also the {@code width} and
     * {@code height} of the SVG, in CSS pixels)} This is configuration, not user input.
     *
     * @param pixelsPerModule 1 to {@value #MAX_PIXELS_PER_MODULE}; phones scan reliably from a
     *                        screen at 4 or more
     * @throws IllegalArgumentException if {@code pixelsPerModule} is outside 1..{@value #MAX_PIXELS_PER_MODULE}
     */
    public static QrCode withPixelsPerModule(int pixelsPerModule) {
        if (pixelsPerModule < 1 || pixelsPerModule > MAX_PIXELS_PER_MODULE) {
            throw new IllegalArgumentException("pixelsPerModule: " + pixelsPerModule
                    + " is outside 1.." + MAX_PIXELS_PER_MODULE + "; use " + DEFAULT_PIXELS_PER_MODULE
                    + " (the default) unless the page needs another size");
        }
        return pixelsPerModule == DEFAULT_PIXELS_PER_MODULE ? STANDARD : new QrCode(pixelsPerModule);
    }

    /** {@return PNG pixels per module of this renderer} */
    public int pixelsPerModule() {
        return pixelsPerModule;
    }

    /**
     * Encodes {@code url}; the SVG and the PNG are rendered when first asked for.
     *
     * @param url the text to encode; {@code null} is treated as empty
     * @return the rendered symbol, never {@code null}
     * @throws QrEncodingException {@link QrEncodingException.Reason#EMPTY EMPTY} for a null, empty
     *         or blank text; {@link QrEncodingException.Reason#MALFORMED MALFORMED} for control,
     *         format or unpaired surrogate characters; {@link QrEncodingException.Reason#TOO_LONG
     *         TOO_LONG} above {@value #MAX_UTF8_BYTES} UTF-8 bytes
     */
    public QrImage encode(String url) throws QrEncodingException {
        return new QrImage(url, pixelsPerModule, matrix(url));
    }

    /** The symbol with its quiet zone, one bit per module ({@code true} = dark). */
    static BitMatrix matrix(String url) throws QrEncodingException {
        boolean ascii = checkText(url);
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
        if (!ascii) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            return new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            // With a well-formed UTF-8 text the only way ZXing's encoder fails is "data too big".
            throw tooLong(e);
        }
    }

    /** Validates the text and tells whether it is pure ASCII. */
    private static boolean checkText(String url) throws QrEncodingException {
        if (url == null || url.isBlank()) {
            throw new QrEncodingException(QrEncodingException.Reason.EMPTY,
                    "url: the text to put in the QR code is empty; pass the full handoff URL");
        }
        if (url.length() > MAX_UTF8_BYTES) { // every char is at least one UTF-8 byte
            throw tooLong(null);
        }
        boolean ascii = true;
        int utf8Bytes = 0;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x80) {
                if (c < 0x20 || c == 0x7F) {
                    throw malformed(i, c);
                }
                utf8Bytes++;
                continue;
            }
            ascii = false;
            if (Character.isHighSurrogate(c) && i + 1 < url.length()
                    && Character.isLowSurrogate(url.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, url.charAt(i + 1));
                if (Character.getType(cp) == Character.FORMAT) {
                    throw malformed(i, cp);
                }
                utf8Bytes += 4;
                i++;
                continue;
            }
            int type = Character.getType(c);
            if (Character.isSurrogate(c) || type == Character.CONTROL || type == Character.FORMAT) {
                throw malformed(i, c);
            }
            utf8Bytes += c < 0x800 ? 2 : 3;
        }
        if (utf8Bytes > MAX_UTF8_BYTES) {
            throw tooLong(null);
        }
        return ascii;
    }

    private static QrEncodingException malformed(int index, int codePoint) {
        return new QrEncodingException(QrEncodingException.Reason.MALFORMED, String.format(
                "url: character %d is U+%04X, a control, invisible format or unpaired surrogate"
                        + " character that a URL in a QR code must not carry; percent-encode it or"
                        + " remove it", index, codePoint));
    }

    private static QrEncodingException tooLong(Throwable cause) {
        return new QrEncodingException(QrEncodingException.Reason.TOO_LONG,
                "url: the text is longer than the " + MAX_UTF8_BYTES + " UTF-8 bytes a QR code at"
                        + " error-correction level M holds; shorten the URL (a handoff URL needs only"
                        + " the base address and the token)", cause);
    }
}
