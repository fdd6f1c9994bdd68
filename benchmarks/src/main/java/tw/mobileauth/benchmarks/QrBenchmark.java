package tw.mobileauth.benchmarks;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tw.mobileauth.qr.QrCode;
import tw.mobileauth.qr.QrImage;
import tw.mobileauth.qr.QrRenderings;

/**
 * The handoff QR code through the SDK's public API ({@code QrCode.standard().encode(url)}): the
 * matrix alone, the matrix then the SVG alone, the matrix then the PNG alone (each image renders
 * on demand), for a handoff URL of the length the SDK issues. Reference: ZXing's own
 * {@code QRCodeWriter.encode} + {@code MatrixToImageWriter.writeToStream} (PNG), the way a portal
 * would render it without the SDK. Targets: PNG alone ≤ 0.05 ms, SVG alone ≤ 0.03 ms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.QUIET, Jvm.NODELAY, "-Djava.awt.headless=true"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Threads(1)
public class QrBenchmark {

    /** A handoff URL: the portal's handoff path and a 43-character token. */
    @State(Scope.Benchmark)
    public static class Url {
        final String url = Portal.ORIGIN + "/mobile/h#t=Xq3v9LkPz0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456";
        final QrCode qr = QrCode.standard();
        final int pixels;
        final int pixelsPerModule;
        final BitMatrix matrix;

        public Url() {
            try {
                QrImage image = qr.encode(url);
                pixels = image.sizePixels();
                pixelsPerModule = image.pixelsPerModule();
                matrix = QrRenderings.matrix(url);
            } catch (Exception e) {
                throw new IllegalStateException("the handoff URL does not encode", e);
            }
        }
    }

    @Benchmark
    public Object matrixOnly(Url u) throws Exception {
        return u.qr.encode(u.url);
    }

    @Benchmark
    public String svgAlone(Url u) throws Exception {
        return u.qr.encode(u.url).svg();
    }

    @Benchmark
    public byte[] pngAlone(Url u) throws Exception {
        return u.qr.encode(u.url).png();
    }

    /** The SVG rendering alone, from a symbol encoded once (target ≤ 0.03 ms). */
    @Benchmark
    public String svgFromMatrix(Url u) {
        return QrRenderings.svg(u.matrix, u.pixelsPerModule);
    }

    /** The PNG rendering alone, from a symbol encoded once (target ≤ 0.05 ms). */
    @Benchmark
    public byte[] pngFromMatrix(Url u) {
        return QrRenderings.png(u.matrix, u.pixelsPerModule);
    }

    @Benchmark
    public byte[] zxingEncodeAndMatrixToImageWriter(Url u) throws Exception {
        BitMatrix scaled = new QRCodeWriter().encode(u.url, BarcodeFormat.QR_CODE, u.pixels, u.pixels,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MatrixToImageWriter.writeToStream(scaled, "PNG", out);
        return out.toByteArray();
    }
}
