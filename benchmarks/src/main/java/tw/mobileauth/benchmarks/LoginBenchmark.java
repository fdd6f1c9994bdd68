package tw.mobileauth.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.login.Authentication;

/**
 * A successful login's server work after the challenge: parsing the posted JSON and
 * {@code finishLogin} through {@code MobileAuth.login()} with the SDK's default Argon2id hasher, on the in-memory store, on
 * H2 (in memory, through JdbcStores) and on embedded PostgreSQL, on 1 and 2 threads. Each thread
 * is its own person with its own bound credential, so each operation is a success and the
 * lock-out counters are cleared again. {@code beginLogin} and the browser's signature run in an
 * invocation-level setup (the signature is the browser's work; {@code beginLogin} is measured in
 * {@link DeviceProofBenchmark}).
 *
 * <p>Floor: {@link LoginFloorBenchmark} (one Argon2id verify + one P-256 verify + 3 HMACs), run
 * in the same suite; the ratio login / floor is what {@link Suite} prints.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.QUIET, Jvm.NODELAY, Jvm.HEAP, Jvm.HEAP_MAX, Jvm.PRETOUCH, Jvm.PARALLEL_GC})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class LoginBenchmark {

    /** The portal, shared by the threads. */
    @State(Scope.Benchmark)
    public static class Env {
        @Param({"memory", "h2", "postgres"})
        public String store;
        Databases databases;
        Portal portal;
        final AtomicInteger people = new AtomicInteger();

        @Setup(Level.Trial)
        public void start() {
            databases = Databases.open(store);
            portal = new Portal(databases.stores, Argon2idPasswordHasher.withDefaults());
        }

        @TearDown(Level.Trial)
        public void stop() {
            portal.close();
            databases.close();
        }
    }

    /** One person and their bound browser per thread; before each call, a fresh challenge signed by the browser. */
    @State(Scope.Thread)
    public static class Person {
        Portal.Browser browser;
        String attempt;

        @Setup(Level.Trial)
        public void enrol(Env env) {
            browser = env.portal.enrol(env.people.incrementAndGet());
        }

        @Setup(Level.Invocation)
        public void sign(Env env) throws Exception {
            attempt = env.portal.attempt(browser);
        }
    }

    @Benchmark
    @Threads(1)
    public Authentication login(Env env, Person person) throws Exception {
        return env.portal.finish(person.attempt);
    }

    @Benchmark
    @Threads(2)
    public Authentication login2Threads(Env env, Person person) throws Exception {
        return env.portal.finish(person.attempt);
    }
}
