package tw.mobileauth.qr;

import com.google.zxing.common.BitMatrix;

/**
 * Writes a QR matrix as one compact SVG document.
 *
 * <p>The {@code viewBox} is in modules, so one module is one user unit. Every horizontal run of
 * dark modules becomes one closed rectangle {@code M x y h n v1 h-n z} in a single
 * {@code <path>}, on a white background {@code <rect>}; {@code shape-rendering="crispEdges"} keeps
 * browsers from anti-aliasing the module edges into grey seams. The builder is sized from an
 * exact upper bound, so it never grows.
 */
final class QrSvg {

    private static final String OPEN = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"";
    private static final String PATH = "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    private static final String CLOSE = "\"/></svg>";
    /** Fixed characters of the document outside the numbers and the path data. */
    private static final int FRAME = OPEN.length() + PATH.length() + CLOSE.length() + 80;

    private QrSvg() {
    }

    static String render(BitMatrix matrix, int pixelsPerModule) {
        int size = matrix.getWidth();
        int runs = 0;
        for (int y = 0; y < size; y++) {
            boolean previous = false;
            for (int x = 0; x < size; x++) {
                boolean dark = matrix.get(x, y);
                if (dark && !previous) {
                    runs++;
                }
                previous = dark;
            }
        }
        int digits = Integer.toString(size).length();
        int pixels = size * pixelsPerModule;
        // "M" x " " y "h" n "v1h-" n "z": four numbers of at most `digits` digits and 8 letters.
        StringBuilder svg = new StringBuilder(FRAME + 6 * Integer.toString(pixels).length() + runs * (4 * digits + 8));
        svg.append(OPEN).append(pixels).append("\" height=\"").append(pixels)
                .append("\" viewBox=\"0 0 ").append(size).append(' ').append(size)
                .append("\" shape-rendering=\"crispEdges\"><rect width=\"").append(size)
                .append("\" height=\"").append(size).append(PATH);
        for (int y = 0; y < size; y++) {
            int x = 0;
            while (x < size) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < size && matrix.get(x, y)) {
                    x++;
                }
                int length = x - start;
                svg.append('M').append(start).append(' ').append(y)
                        .append('h').append(length).append("v1h-").append(length).append('z');
            }
        }
        return svg.append(CLOSE).toString();
    }
}
