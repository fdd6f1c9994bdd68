package tw.mobileauth.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tw.mobileauth.crypto.Argon2idPasswordHasher;

/**
 * {@code finishLogin} (default Argon2id, on the in-memory store and on embedded PostgreSQL) and its crypto floor (Argon2id + P-256
 * verify + 3 HMACs) <em>alternating</em> in one thread of one fork, each timed on its own: the
 * machine's drift then hits both sides alike, which sequential benchmarks
 * ({@link LoginBenchmark} and {@link LoginFloorBenchmark}, minutes apart) cannot promise on a
 * virtual machine whose hashing speed varies 2× within the hour. The counters {@code loginNanos}
 * and {@code floorNanos} are summed over each iteration; {@link Suite} prints their ratio
 * (floor time ÷ login time = login throughput ÷ floor throughput).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.QUIET, Jvm.NODELAY, Jvm.HEAP, Jvm.HEAP_MAX, Jvm.PRETOUCH, Jvm.PARALLEL_GC})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 4)
@Threads(1)
public class InterleavedLoginBenchmark {

    /** The portal with one enrolled browser, and the floor's inputs. */
    @State(Scope.Thread)
    public static class Env {
        @Param({"memory", "postgres"})
        public String store;
        Databases databases;
        Portal portal;
        Portal.Browser browser;
        CryptoFloor floor;
        String attempt;

        @Setup(Level.Trial)
        public void start() throws Exception {
            databases = Databases.open(store);
            portal = new Portal(databases.stores, Argon2idPasswordHasher.withDefaults());
            browser = portal.enrol(1);
            floor = new CryptoFloor();
        }

        /** The browser's work and {@code beginLogin}: not timed by either counter. */
        @Setup(Level.Invocation)
        public void sign() throws Exception {
            attempt = portal.attempt(browser);
        }

        @TearDown(Level.Trial)
        public void stop() {
            portal.close();
            databases.close();
        }
    }

    /** Time spent in each half, summed over an iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        public long loginNanos;
        public long floorNanos;

        @Setup(Level.Iteration)
        public void reset() {
            loginNanos = 0;
            floorNanos = 0;
        }
    }

    @Benchmark
    public void loginThenFloor(Env env, Times times, Blackhole bh) throws Exception {
        long start = System.nanoTime();
        bh.consume(env.portal.finish(env.attempt));
        long middle = System.nanoTime();
        bh.consume(env.floor.login());
        long end = System.nanoTime();
        times.loginNanos += middle - start;
        times.floorNanos += end - middle;
    }
}
