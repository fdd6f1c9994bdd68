package tw.mobileauth.qr;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One QR symbol, rendered twice. Both renderings include the {@value QrCode#QUIET_ZONE_MODULES}-module
 * quiet zone, so the page must not crop them.
 *
 * <p>The URL of a handoff QR code is a short-lived bearer secret, so {@link #toString()} shows only
 * its scheme and host, and {@link #equals(Object)} compares it in constant time. The PNG bytes are
 * copied on the way in and on the way out.
 *
 * @param url             the encoded text, exactly as given to {@link QrCode#encode(String)}
 * @param modules         the symbol's width in modules without the quiet zone: 21 for version 1
 *                        and 4 more for each version after it (41, version 6, for a 100-character
 *                        ASCII URL)
 * @param pixelsPerModule PNG pixels per module
 * @param svg             a standalone SVG document ({@code <svg …>…</svg>}) of
 *                        {@link #sizePixels()} CSS pixels square, to inline in HTML
 * @param png             a 1-bit greyscale PNG of {@link #sizePixels()} pixels square
 */
public record QrImage(String url, int modules, int pixelsPerModule, String svg, byte[] png) {

    /** Copies {@code png}; rejects {@code null} components (a programming error, not user input). */
    public QrImage {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(svg, "svg");
        png = Objects.requireNonNull(png, "png").clone();
    }

    /** A copy of the PNG file. */
    @Override
    public byte[] png() {
        return png.clone();
    }

    /** The PNG as a {@code data:image/png;base64,…} URL, ready for {@code <img src>}. */
    public String pngDataUrl() {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    /** Width and height of both renderings in pixels: {@code (modules + 8) × pixelsPerModule}. */
    public int sizePixels() {
        return (modules + 2 * QrCode.QUIET_ZONE_MODULES) * pixelsPerModule;
    }

    /** Equal when every component is; the URL is compared in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof QrImage that
                && modules == that.modules
                && pixelsPerModule == that.pixelsPerModule
                && MessageDigest.isEqual(url.getBytes(StandardCharsets.UTF_8), that.url.getBytes(StandardCharsets.UTF_8))
                && svg.equals(that.svg)
                && Arrays.equals(png, that.png);
    }

    /** Derived from the sizes and the PNG only, never from the URL. */
    @Override
    public int hashCode() {
        return 31 * (31 * modules + pixelsPerModule) + Arrays.hashCode(png);
    }

    /** For example {@code QrImage[url=https://portal.example.tw/…, modules=37, png=412 bytes]}. */
    @Override
    public String toString() {
        return "QrImage[url=" + maskedUrl() + ", modules=" + modules + ", pixelsPerModule="
                + pixelsPerModule + ", svg=" + svg.length() + " chars, png=" + png.length + " bytes]";
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
