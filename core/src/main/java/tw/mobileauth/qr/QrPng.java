package tw.mobileauth.qr;

import com.google.zxing.common.BitMatrix;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a QR matrix as a 1-bit greyscale PNG without AWT.
 *
 * <p>The file is the smallest valid PNG for a two-colour image: signature, {@code IHDR} (bit depth
 * 1, colour type 0 = greyscale, no interlace), one {@code IDAT} and {@code IEND}. Each scanline is
 * a filter byte 0 (None) followed by the pixels packed eight to a byte, most significant bit
 * first, 0 = black and 1 = white. Identical scanlines of one module row are copied, not
 * recomputed, and zlib's fastest level still shrinks them to a few hundred bytes. This is several
 * times faster than ZXing's {@code MatrixToImageWriter}, which goes through a 32-bit
 * {@code BufferedImage} and ImageIO.
 */
final class QrPng {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] IHDR = "IHDR".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IDAT = "IDAT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IEND = "IEND".getBytes(StandardCharsets.US_ASCII);
    /** Length, type and CRC around each chunk's data. */
    private static final int CHUNK_OVERHEAD = 12;

    private QrPng() {
    }

    static byte[] render(BitMatrix matrix, int pixelsPerModule) {
        int size = matrix.getWidth();
        int pixels = size * pixelsPerModule;
        byte[] idat = deflate(scanlines(matrix, pixelsPerModule), pixels);

        ByteBuffer png = ByteBuffer.allocate(SIGNATURE.length + 3 * CHUNK_OVERHEAD + 13 + idat.length);
        png.put(SIGNATURE);
        ByteBuffer header = ByteBuffer.allocate(13)
                .putInt(pixels).putInt(pixels)
                .put((byte) 1)  // bit depth
                .put((byte) 0)  // colour type: greyscale
                .put((byte) 0)  // compression: deflate
                .put((byte) 0)  // filter method: adaptive (every row uses type 0)
                .put((byte) 0); // no interlace
        chunk(png, IHDR, header.array());
        chunk(png, IDAT, idat);
        chunk(png, IEND, new byte[0]);
        return png.array();
    }

    /** The filtered image data: for each pixel row a filter byte 0 and the packed pixels. */
    private static byte[] scanlines(BitMatrix matrix, int pixelsPerModule) {
        int size = matrix.getWidth();
        int pixels = size * pixelsPerModule;
        int rowBytes = (pixels + 7) >>> 3;
        int stride = rowBytes + 1;
        byte[] raw = new byte[stride * pixels];
        byte[] row = new byte[rowBytes];
        for (int moduleY = 0; moduleY < size; moduleY++) {
            Arrays.fill(row, (byte) 0xFF);
            for (int moduleX = 0; moduleX < size; moduleX++) {
                if (matrix.get(moduleX, moduleY)) {
                    int end = (moduleX + 1) * pixelsPerModule;
                    for (int p = moduleX * pixelsPerModule; p < end; p++) {
                        row[p >>> 3] &= (byte) ~(0x80 >>> (p & 7));
                    }
                }
            }
            int offset = moduleY * pixelsPerModule * stride;
            for (int copy = 0; copy < pixelsPerModule; copy++, offset += stride) {
                raw[offset] = 0; // filter type None
                System.arraycopy(row, 0, raw, offset + 1, rowBytes);
            }
        }
        return raw;
    }

    private static byte[] deflate(byte[] raw, int pixels) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] out = new byte[Math.max(256, raw.length / 8 + pixels)];
            int length = 0;
            while (!deflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            return Arrays.copyOf(out, length);
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteBuffer png, byte[] type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        png.putInt(data.length).put(type).put(data).putInt((int) crc.getValue());
    }
}
