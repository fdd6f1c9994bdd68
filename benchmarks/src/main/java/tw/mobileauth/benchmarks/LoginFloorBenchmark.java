package tw.mobileauth.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The floor of a login with a password: one Argon2id verification with the SDK's default
 * parameters (m=19456 KiB, t=2, p=1; BouncyCastle), one ECDSA P-256 verification (BouncyCastle
 * provider) and 3 HMAC-SHA256s, with nothing of the SDK around them, on 1 and 2 threads.
 * {@link LoginBenchmark} is compared with it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.QUIET, Jvm.NODELAY, Jvm.HEAP, Jvm.HEAP_MAX, Jvm.PRETOUCH, Jvm.PARALLEL_GC})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class LoginFloorBenchmark {

    /** The crypto objects, one set per thread. */
    @State(Scope.Thread)
    public static class Floor {
        CryptoFloor crypto;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            crypto = new CryptoFloor();
        }
    }

    @Benchmark
    @Threads(1)
    public void floor(Floor f, Blackhole bh) throws Exception {
        once(f, bh);
    }

    @Benchmark
    @Threads(2)
    public void floor2Threads(Floor f, Blackhole bh) throws Exception {
        once(f, bh);
    }

    private static void once(Floor f, Blackhole bh) throws Exception {
        bh.consume(f.crypto.login());
    }
}
