package tw.mobileauth.qr;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import com.google.zxing.common.BitMatrix;

/**
 * One QR symbol, rendered on demand: {@link #svg()} and {@link #png()} each render the first
 * time they are called (and then keep the result), so a page that shows only the SVG never pays
 * for the PNG. Both renderings include the {@value QrCode#QUIET_ZONE_MODULES}-module quiet zone,
 * so the page must not crop them. Thread-safe.
 *
 * <p>The URL of a handoff QR code is a short-lived bearer secret, so {@link #toString()} shows only
 * its scheme and host, and {@link #equals(Object)} compares it in constant time. The PNG bytes are
 * copied on the way out.
 */
public final class QrImage {

    private final String url;
    private final int modules;
    private final int pixelsPerModule;
    private final BitMatrix matrix;
    private volatile String svg;
    private volatile byte[] png;

    QrImage(String url, int pixelsPerModule, BitMatrix matrix) {
        this.url = Objects.requireNonNull(url, "url");
        this.matrix = Objects.requireNonNull(matrix, "matrix");
        this.modules = matrix.getWidth() - 2 * QrCode.QUIET_ZONE_MODULES;
        this.pixelsPerModule = pixelsPerModule;
    }

    /** {@return the encoded text, exactly as given to {@link QrCode#encode(String)}} */
    public String url() {
        return url;
    }

    /**
     * {@return the symbol's width in modules without the quiet zone: 21 for version 1 and 4 more for each
     * version after it (41, version 6, for a 100-character ASCII URL)}
     */
    public int modules() {
        return modules;
    }

    /**
     * Pixels per module of both renderings.
     *
     * @return the int
     */
    public int pixelsPerModule() {
        return pixelsPerModule;
    }

    /**
     * {@return a standalone SVG document ({@code <svg …>…</svg>}) of {@link #sizePixels()} CSS pixels square, to inline in HTML}
     */
    public String svg() {
        String s = svg;
        if (s == null) {
            s = QrSvg.render(matrix, pixelsPerModule);
            svg = s;
        }
        return s;
    }

    /** {@return a copy of the PNG file: 1-bit greyscale, {@link #sizePixels()} pixels square} */
    public byte[] png() {
        return pngBytes().clone();
    }

    private byte[] pngBytes() {
        byte[] p = png;
        if (p == null) {
            p = QrPng.render(matrix, pixelsPerModule);
            png = p;
        }
        return p;
    }

    /** {@return the PNG as a {@code data:image/png;base64,…} URL, ready for {@code <img src>}} */
    public String pngDataUrl() {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(pngBytes());
    }

    /** {@return width and height of both renderings in pixels: {@code (modules + 8) × pixelsPerModule}} */
    public int sizePixels() {
        return (modules + 2 * QrCode.QUIET_ZONE_MODULES) * pixelsPerModule;
    }

    /** Equal when the text (compared in constant time), the symbol and the scale are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof QrImage that
                && modules == that.modules
                && pixelsPerModule == that.pixelsPerModule
                && MessageDigest.isEqual(url.getBytes(StandardCharsets.UTF_8), that.url.getBytes(StandardCharsets.UTF_8))
                && matrix.equals(that.matrix);
    }

    /** Derived from the sizes and the symbol only, never from the URL. */
    @Override
    public int hashCode() {
        return 31 * (31 * modules + pixelsPerModule) + matrix.hashCode();
    }

    /** For example {@code QrImage[url=https://portal.example.tw/…, modules=37, pixelsPerModule=8]}. */
    @Override
    public String toString() {
        return "QrImage[url=" + maskedUrl() + ", modules=" + modules + ", pixelsPerModule=" + pixelsPerModule + "]";
    }

    private String maskedUrl() {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + "/…";
            }
        } catch (java.net.URISyntaxException e) {
            // fall through: not a URL, show nothing of it
        }
        return "…";
    }
}
