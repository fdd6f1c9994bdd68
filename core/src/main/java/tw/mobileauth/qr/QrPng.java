package tw.mobileauth.qr;

import com.google.zxing.common.BitMatrix;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Writes a QR matrix as a 1-bit greyscale PNG without AWT.
 *
 * <p>The file is the smallest valid PNG for a two-colour image: signature, {@code IHDR} (bit depth
 * 1, colour type 0 = greyscale, no interlace), one {@code IDAT} and {@code IEND}. Each scanline is
 * a filter byte 0 (None) followed by the pixels packed eight to a byte, most significant bit
 * first, 0 = black and 1 = white. Each module row is packed once and {@link QrDeflate} writes
 * the zlib stream straight from those rows, the repeated scanlines as back-references, without
 * a match search. This is far faster than ZXing's {@code MatrixToImageWriter}, which goes
 * through a 32-bit {@code BufferedImage} and ImageIO, and than {@code Deflater} at its fastest
 * level.
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
        byte[] idat = QrDeflate.compress(rows(matrix, pixelsPerModule), pixelsPerModule);

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

    /** One packed pixel row per module row: 0 = black, 1 = white, most significant bit first. */
    private static byte[][] rows(BitMatrix matrix, int pixelsPerModule) {
        int size = matrix.getWidth();
        int rowBytes = (size * pixelsPerModule + 7) >>> 3;
        byte[][] rows = new byte[size][rowBytes];
        for (int moduleY = 0; moduleY < size; moduleY++) {
            byte[] row = rows[moduleY];
            Arrays.fill(row, (byte) 0xFF);
            if ((pixelsPerModule & 7) == 0) { // whole bytes per module: the default scale, 8
                int bytesPerModule = pixelsPerModule >>> 3;
                for (int moduleX = 0; moduleX < size; moduleX++) {
                    if (matrix.get(moduleX, moduleY)) {
                        Arrays.fill(row, moduleX * bytesPerModule, (moduleX + 1) * bytesPerModule, (byte) 0);
                    }
                }
                continue;
            }
            for (int moduleX = 0; moduleX < size; moduleX++) {
                if (matrix.get(moduleX, moduleY)) {
                    int end = (moduleX + 1) * pixelsPerModule;
                    for (int p = moduleX * pixelsPerModule; p < end; p++) {
                        row[p >>> 3] &= (byte) ~(0x80 >>> (p & 7));
                    }
                }
            }
        }
        return rows;
    }

    private static void chunk(ByteBuffer png, byte[] type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        png.putInt(data.length).put(type).put(data).putInt((int) crc.getValue());
    }
}
