package tw.mobileauth.qr;

import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * The zlib stream (RFC 1950) of a QR PNG's scanlines, written directly as one deflate block with
 * the fixed Huffman codes (RFC 1951 §3.2.6), without searching for matches: the structure of a
 * QR image gives them. Each module row is one pixel row (filter byte 0, then the packed pixels,
 * runs of equal bytes written as distance-1 matches) followed by {@code pixelsPerModule - 1}
 * copies of it, written as one long match at the distance of one scanline. This is an order of
 * magnitude faster than {@link java.util.zip.Deflater} at its fastest level on these 20 kB, and
 * the output stays a few kilobytes at most. Any inflater reads it.
 */
final class QrDeflate {

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
        59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
        4, 5, 5, 5, 5, 0};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9,
        10, 10, 11, 11, 12, 12, 13, 13};
    private static final int MAX_MATCH = 258;
    private static final int MIN_MATCH = 3;
    /** Fixed Huffman code of each literal/length symbol, already bit-reversed, and its length. */
    private static final int[] CODE = new int[288];
    private static final int[] CODE_BITS = new int[288];

    static {
        for (int s = 0; s < 288; s++) {
            int code;
            int bits;
            if (s < 144) {
                code = 0x30 + s;
                bits = 8;
            } else if (s < 256) {
                code = 0x190 + s - 144;
                bits = 9;
            } else if (s < 280) {
                code = s - 256;
                bits = 7;
            } else {
                code = 0xC0 + s - 280;
                bits = 8;
            }
            CODE[s] = Integer.reverse(code) >>> (32 - bits);
            CODE_BITS[s] = bits;
        }
    }

    private byte[] out;
    private int length;
    private long bitBuffer;
    private int bitCount;

    private QrDeflate(int capacity) {
        out = new byte[capacity];
    }

    /**
     * The zlib stream of the scanlines: {@code rows.length} distinct pixel rows (without filter
     * byte), each repeated {@code repeat} times.
     */
    static byte[] compress(byte[][] rows, int repeat) {
        int rowBytes = rows[0].length;
        int stride = rowBytes + 1;
        QrDeflate z = new QrDeflate(rows.length * (stride * 9 / 8 + 16 + stride * repeat / 80) + 64);
        z.out[z.length++] = 0x78; // CMF: deflate, 32 K window
        z.out[z.length++] = 0x01; // FLG: fastest, check bits
        z.bits(1, 1); // BFINAL
        z.bits(1, 2); // BTYPE 01: fixed Huffman codes
        Adler32 adler = new Adler32();
        byte[] scanlines = new byte[stride * repeat]; // one module row as it inflates, for the checksum
        for (byte[] row : rows) {
            z.row(row);
            if (repeat > 1) {
                z.repeat(row, (repeat - 1) * stride, stride);
            }
            for (int offset = 0; offset < scanlines.length; offset += stride) {
                System.arraycopy(row, 0, scanlines, offset + 1, rowBytes);
            }
            adler.update(scanlines);
        }
        z.symbol(256); // end of block
        z.flushBits();
        int check = (int) adler.getValue();
        z.ensure(4);
        z.out[z.length++] = (byte) (check >>> 24);
        z.out[z.length++] = (byte) (check >>> 16);
        z.out[z.length++] = (byte) (check >>> 8);
        z.out[z.length++] = (byte) check;
        return Arrays.copyOf(z.out, z.length);
    }

    /** Filter byte 0 and the row, runs of four or more equal bytes as distance-1 matches. */
    private void row(byte[] row) {
        symbol(0);
        int i = 0;
        while (i < row.length) {
            int run = 1;
            while (i + run < row.length && row[i + run] == row[i]) {
                run++;
            }
            symbol(row[i] & 0xFF);
            if (run - 1 >= MIN_MATCH) {
                match(run - 1, 1);
            } else {
                for (int k = 1; k < run; k++) {
                    symbol(row[i] & 0xFF);
                }
            }
            i += run;
        }
    }

    /** {@code total} bytes repeating the last scanline ({@code stride} bytes back). */
    private void repeat(byte[] row, int total, int stride) {
        if (total < MIN_MATCH) { // only with a one-byte row repeated once: write it out
            for (int k = 0; k < total; k++) {
                symbol(k % stride == 0 ? 0 : row[k % stride - 1] & 0xFF);
            }
            return;
        }
        match(total, stride);
    }

    /** A match of any length of at least 3, split into pieces of 3 to 258 bytes. */
    private void match(int total, int distance) {
        int left = total;
        while (left > 0) {
            int n = Math.min(left, MAX_MATCH);
            if (left - n > 0 && left - n < MIN_MATCH) {
                n = left - MIN_MATCH;
            }
            piece(n, distance);
            left -= n;
        }
    }

    private void piece(int n, int distance) {
        int l = LENGTH_BASE.length - 1;
        while (LENGTH_BASE[l] > n) {
            l--;
        }
        symbol(257 + l);
        bits(n - LENGTH_BASE[l], LENGTH_EXTRA[l]);
        int d = DISTANCE_BASE.length - 1;
        while (DISTANCE_BASE[d] > distance) {
            d--;
        }
        bits(Integer.reverse(d) >>> 27, 5); // distance codes: 5 bits, Huffman order (reversed)
        bits(distance - DISTANCE_BASE[d], DISTANCE_EXTRA[d]);
    }

    private void symbol(int s) {
        bits(CODE[s], CODE_BITS[s]);
    }

    /** Appends {@code count} bits of {@code value}, least significant first. */
    private void bits(int value, int count) {
        bitBuffer |= ((long) value & ((1L << count) - 1)) << bitCount;
        bitCount += count;
        if (bitCount >= 32) {
            ensure(4);
            for (int k = 0; k < 4; k++) {
                out[length++] = (byte) bitBuffer;
                bitBuffer >>>= 8;
            }
            bitCount -= 32;
        }
    }

    private void flushBits() {
        ensure(8);
        while (bitCount > 0) {
            out[length++] = (byte) bitBuffer;
            bitBuffer >>>= 8;
            bitCount -= 8;
        }
        bitCount = 0;
        bitBuffer = 0;
    }

    private void ensure(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }
}
