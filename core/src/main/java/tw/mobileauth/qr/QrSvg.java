package tw.mobileauth.qr;

import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import java.nio.charset.StandardCharsets;

/**
 * Writes a QR matrix as one compact SVG document.
 *
 * <p>The {@code viewBox} is in modules, so one module is one user unit. Every horizontal run of
 * dark modules becomes one closed rectangle {@code M x y h n v1 h-n z} in a single
 * {@code <path>}, on a white background {@code <rect>}; {@code shape-rendering="crispEdges"} keeps
 * browsers from anti-aliasing the module edges into grey seams. The builder is sized from an
 * upper bound, so it never grows, and written as ASCII bytes with the numbers' text looked up
 * rather than formatted, since the rendering runs for every QR code shown.
 */
final class QrSvg {

    private static final String OPEN = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"";
    private static final String PATH = "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    private static final String CLOSE = "\"/></svg>";

    private QrSvg() {
    }

    static String render(BitMatrix matrix, int pixelsPerModule) {
        int size = matrix.getWidth();
        int pixels = size * pixelsPerModule;
        String head = OPEN + pixels + "\" height=\"" + pixels + "\" viewBox=\"0 0 " + size + ' ' + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size + PATH;
        byte[][] numbers = numbers(size);
        // Each run is "M" x " " y "h" n "v1h-" n "z": at most size/2 + 1 runs a row, four numbers of at
        // most 3 digits and 9 letters, so this buffer never grows.
        byte[] out = new byte[head.length() + CLOSE.length() + size * (size / 2 + 1) * 21];
        int at = put(out, 0, head.getBytes(StandardCharsets.ISO_8859_1));
        BitArray row = new BitArray(size);
        for (int y = 0; y < size; y++) {
            row = matrix.getRow(y, row);
            int x = row.getNextSet(0);
            while (x < size) {
                int end = row.getNextUnset(x);
                byte[] length = numbers[end - x];
                out[at++] = 'M';
                at = put(out, at, numbers[x]);
                out[at++] = ' ';
                at = put(out, at, numbers[y]);
                out[at++] = 'h';
                at = put(out, at, length);
                out[at++] = 'v';
                out[at++] = '1';
                out[at++] = 'h';
                out[at++] = '-';
                at = put(out, at, length);
                out[at++] = 'z';
                x = end < size ? row.getNextSet(end) : size;
            }
        }
        at = put(out, at, CLOSE_BYTES);
        return new String(out, 0, at, StandardCharsets.ISO_8859_1);
    }

    private static final byte[] CLOSE_BYTES = CLOSE.getBytes(StandardCharsets.ISO_8859_1);

    /** The decimal text of 0..size, ASCII (a symbol is at most 177 + 8 modules wide, so the table nearly always serves). */
    private static byte[][] numbers(int size) {
        return size < NUMBERS.length ? NUMBERS : numbersUpTo(size);
    }

    private static final byte[][] NUMBERS = numbersUpTo(200);

    private static byte[][] numbersUpTo(int max) {
        byte[][] made = new byte[max + 1][];
        for (int i = 0; i <= max; i++) {
            made[i] = Integer.toString(i).getBytes(StandardCharsets.ISO_8859_1);
        }
        return made;
    }

    private static int put(byte[] out, int at, byte[] text) {
        System.arraycopy(text, 0, out, at, text.length);
        return at + text.length;
    }
}
