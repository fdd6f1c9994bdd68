package tw.mobileauth.qr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written zlib stream inflates, with its checksum, to exactly the PNG scanlines. */
class QrDeflateTest {

    @ParameterizedTest
    @CsvSource({"29,1,1", "29,1,2", "1,1,1", "1,1,2", "2,1,3", "37,8,8", "49,8,8", "49,3,3", "61,32,32",
        "185,32,32", "185,1,1", "101,5,5", "21,7,7"})
    void inflatesToTheScanlines(int rowsCount, int rowBytesFactor, int repeat) throws Exception {
        Random random = new Random(rowsCount * 31L + repeat);
        int rowBytes = Math.max(1, rowsCount * rowBytesFactor / 8 + (rowsCount % 3));
        byte[][] rows = new byte[rowsCount][rowBytes];
        for (byte[] row : rows) {
            int i = 0;
            while (i < row.length) { // runs of 0x00 / 0xFF and some mixed bytes, as a QR row has
                int run = 1 + random.nextInt(12);
                byte b = random.nextInt(5) == 0 ? (byte) random.nextInt(256) : random.nextBoolean() ? 0 : (byte) 0xFF;
                for (int k = 0; k < run && i < row.length; k++) {
                    row[i++] = b;
                }
            }
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] row : rows) {
            for (int copy = 0; copy < repeat; copy++) {
                expected.write(0);
                expected.write(row);
            }
        }
        byte[] zlib = QrDeflate.compress(rows, repeat);
        Inflater inflater = new Inflater();
        inflater.setInput(zlib);
        byte[] got = new byte[expected.size() + 16];
        int n = 0;
        while (!inflater.finished() && n < got.length) {
            int k = inflater.inflate(got, n, got.length - n);
            assertTrue(k > 0 || inflater.finished(), "the stream is complete");
            n += k;
        }
        assertTrue(inflater.finished(), "end of stream reached, checksum verified");
        inflater.end();
        assertArrayEquals(expected.toByteArray(), java.util.Arrays.copyOf(got, n));
    }
}
