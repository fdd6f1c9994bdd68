package tw.mobileauth.benchmarks.perf;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import tw.mobileauth.qr.QrCode;
import tw.mobileauth.qr.QrEncodingException;
import tw.mobileauth.qr.QrImage;

/**
 * QR rendering on demand: the symbol alone, the symbol then its SVG, the symbol then its PNG.
 * SVG alone and PNG alone are the differences from {@link #matrixOnly()}; {@code QrImage}
 * renders each only when asked, so a page showing the SVG never pays for the PNG. The URL is a
 * handoff URL of the usual length (about 100 characters).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QrBenchmark {

    static final String URL = "https://portal.example.tw/mobile/h/2VbQy7fK0pLr9sXn4TqWm8HjUe3ZaC6dRg1NkYo5BvIt-_"
            + "Ex7sLw0Q";

    /** The symbol (ZXing encoding and mask choice), no rendering. */
    @Benchmark
    public QrImage matrixOnly() throws QrEncodingException {
        return QrCode.standard().encode(URL);
    }

    /** The symbol and its SVG. */
    @Benchmark
    public String matrixAndSvg() throws QrEncodingException {
        return QrCode.standard().encode(URL).svg();
    }

    /** The symbol and its PNG. */
    @Benchmark
    public byte[] matrixAndPng() throws QrEncodingException {
        return QrCode.standard().encode(URL).png();
    }
}
