package tw.mobileauth.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import tw.mobileauth.store.ClaimResult;
import tw.mobileauth.store.CounterState;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.TokenPurpose;

/**
 * The store operations a login and an enrolment lean on, on each store (in-memory, H2 in memory,
 * embedded PostgreSQL), through the store SPI: insert-then-claim of a single-use token (what a
 * challenge costs), compare-and-set of a credential record (what recording a login costs) and a
 * counter increment (a failed attempt). No floor: on the JDBC stores the figure is the database
 * round trips; on the in-memory store it should be far below any hash.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.QUIET, Jvm.NODELAY})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Threads(1)
public class StoreBenchmark {

    /** One store, with one credential to update. */
    @State(Scope.Benchmark)
    public static class Env {
        @Param({"memory", "h2", "postgres"})
        public String store;
        Databases databases;
        Portal portal;
        String credentialId;
        final AtomicLong tokens = new AtomicLong();

        @Setup(Level.Trial)
        public void start() {
            databases = Databases.open(store);
            portal = new Portal(databases.stores, new TrivialHasher(Portal.PASSWORD));
            credentialId = portal.enrol(1).credentialId();
        }

        @Setup(Level.Iteration)
        public void sweep() {
            databases.stores.tokens().purgeExpired(Instant.now().plus(Duration.ofDays(1)));
        }

        @TearDown(Level.Trial)
        public void stop() {
            portal.close();
            databases.close();
        }
    }

    @Benchmark
    public ClaimResult insertAndClaimToken(Env env) {
        Instant now = Instant.now();
        String key = "bench-" + env.tokens.incrementAndGet();
        env.databases.stores.tokens().insert(OneTimeToken.unclaimed(key, TokenPurpose.LOGIN_CHALLENGE, "-",
                "payload", now, now.plusSeconds(120)));
        return env.databases.stores.tokens().claim(key, "benchmark", now);
    }

    @Benchmark
    public boolean compareAndSetCredential(Env env) {
        CredentialRecord current = env.databases.stores.credentials().find(env.credentialId).orElseThrow();
        return env.databases.stores.credentials().compareAndSet(current.version(),
                successor(current, Instant.now()));
    }

    @Benchmark
    public CounterState incrementCounter(Env env) {
        return env.databases.stores.counters().increment("bench-counter", Instant.now(), Duration.ofMinutes(15));
    }

    private static CredentialRecord successor(CredentialRecord r, Instant lastUsed) {
        return new CredentialRecord(r.credentialId(), r.version() + 1, r.subjectKey(), r.birthDateVerifier(),
                r.nameVerifier(), r.passwordHash(), r.devicePublicKey(), r.certificate(), r.status(), r.issuedAt(),
                r.notAfter(), r.revokedAt(), Optional.of(lastUsed), r.acknowledgedNotice(), r.noticeAcknowledgedAt(),
                r.boundDevice());
    }
}
