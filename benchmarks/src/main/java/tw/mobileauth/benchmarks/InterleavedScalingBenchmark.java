package tw.mobileauth.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tw.mobileauth.crypto.Argon2idPasswordHasher;

/**
 * How login scales from one thread to two, measured so that the machine's drift hits both sides:
 * every invocation times one {@code finishLogin} alone, then two at once (two people, two worker
 * threads), then the crypto floor the same way. The counters are nanoseconds summed over the run;
 * {@link Suite} prints {@code 2 × alone ÷ together} for the login (target ≥ 1.8) and for the floor.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.QUIET, Jvm.NODELAY, Jvm.HEAP, Jvm.HEAP_MAX, Jvm.PRETOUCH, Jvm.PARALLEL_GC})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 4)
@Threads(1)
public class InterleavedScalingBenchmark {

    /** Two people with their bound browsers on one in-memory portal, two workers, two floors. */
    @State(Scope.Thread)
    public static class Env {
        Portal portal;
        Portal.Browser first;
        Portal.Browser second;
        CryptoFloor floorA;
        CryptoFloor floorB;
        ExecutorService workers;
        String alone;
        String firstTogether;
        String secondTogether;

        @Setup(Level.Trial)
        public void start() throws Exception {
            portal = new Portal(Databases.inMemory(), Argon2idPasswordHasher.withDefaults());
            first = portal.enrol(1);
            second = portal.enrol(2);
            floorA = new CryptoFloor();
            floorB = new CryptoFloor();
            workers = Executors.newFixedThreadPool(2);
        }

        /** The browsers' work and {@code beginLogin}: not timed. */
        @Setup(Level.Invocation)
        public void sign() throws Exception {
            alone = portal.attempt(first);
            firstTogether = portal.attempt(first);
            secondTogether = portal.attempt(second);
        }

        @TearDown(Level.Trial)
        public void stop() {
            workers.shutdownNow();
            portal.close();
        }
    }

    /** Time of each phase, summed over the run. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        public long loginAloneNanos;
        public long loginTogetherNanos;
        public long floorAloneNanos;
        public long floorTogetherNanos;

        @Setup(Level.Iteration)
        public void reset() {
            loginAloneNanos = 0;
            loginTogetherNanos = 0;
            floorAloneNanos = 0;
            floorTogetherNanos = 0;
        }
    }

    @Benchmark
    public void aloneThenTogether(Env env, Times times) throws Exception {
        long t0 = System.nanoTime();
        env.portal.finish(env.alone);
        long t1 = System.nanoTime();
        Future<?> a = env.workers.submit(() -> env.portal.finish(env.firstTogether));
        Future<?> b = env.workers.submit(() -> env.portal.finish(env.secondTogether));
        a.get();
        b.get();
        long t2 = System.nanoTime();
        env.floorA.login();
        long t3 = System.nanoTime();
        Future<?> c = env.workers.submit(env.floorA::login);
        Future<?> d = env.workers.submit(env.floorB::login);
        c.get();
        d.get();
        long t4 = System.nanoTime();
        times.loginAloneNanos += t1 - t0;
        times.loginTogetherNanos += t2 - t1;
        times.floorAloneNanos += t3 - t2;
        times.floorTogetherNanos += t4 - t3;
    }
}
