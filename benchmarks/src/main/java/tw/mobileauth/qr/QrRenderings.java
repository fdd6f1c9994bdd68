package tw.mobileauth.qr;

import com.google.zxing.common.BitMatrix;

/**
 * Benchmark access to the QR renderers without the symbol: {@link QrImage} renders each image
 * once and keeps it, so "SVG alone" and "PNG alone" need the renderers called on a matrix encoded
 * once. Lives in core's package (benchmark class path only, never shipped) to reach the
 * package-private renderers without widening core's API.
 */
public final class QrRenderings {

    private QrRenderings() {
    }

    /** The symbol of {@code url}, quiet zone included, as {@link QrCode#encode} builds it. */
    public static BitMatrix matrix(String url) throws QrEncodingException {
        return QrCode.matrix(url);
    }

    /** The SVG of {@code matrix}, rendered anew. */
    public static String svg(BitMatrix matrix, int pixelsPerModule) {
        return QrSvg.render(matrix, pixelsPerModule);
    }

    /** The PNG of {@code matrix}, rendered anew. */
    public static byte[] png(BitMatrix matrix, int pixelsPerModule) {
        return QrPng.render(matrix, pixelsPerModule);
    }
}
