package tw.mobileauth.benchmarks;

import java.time.Clock;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tw.mobileauth.Stores;
import tw.mobileauth.login.Authentication;
import tw.mobileauth.login.LoginChallenge;

/**
 * The device-proof part of a login, without the password's cost: {@code finishLogin} (JSON parse
 * included) on the in-memory store with a {@link TrivialHasher}, so what is left is the challenge,
 * the device signature, the credential, certificate and lock-out checks and the identity verifiers.
 *
 * <p>Floor ({@link #floor}): one P-256 verification (BouncyCastle provider) + 4 HMAC-SHA256s (the
 * challenge's store key and the three identity verifiers) + the certificate's validity-window
 * comparison (the SDK parses and checks a credential's certificate once, then compares dates).
 * Reference ({@link #webauthnFinishAssertion}): webauthn-server-core 2.9.0 {@code finishAssertion}
 * on a pre-parsed ES256 assertion. {@link #beginLogin} is the cost of issuing the challenge.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.QUIET, Jvm.NODELAY})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Threads(1)
public class DeviceProofBenchmark {

    /** A portal with a trivial hasher, one bound browser, and before each call a fresh challenge signed by it. */
    @State(Scope.Thread)
    public static class Env {
        Portal portal;
        Portal.Browser browser;
        String attempt;

        @Setup(Level.Trial)
        public void start() {
            portal = new Portal(Stores.inMemory(Clock.systemUTC()), new TrivialHasher(Portal.PASSWORD));
            browser = portal.enrol(1);
        }

        /** The browser's work (and {@code beginLogin}), not measured. */
        @Setup(Level.Invocation)
        public void sign() throws Exception {
            attempt = portal.attempt(browser);
        }

        @TearDown(Level.Trial)
        public void stop() {
            portal.close();
        }
    }

    /** The floor's crypto objects and the webauthn-server reference. */
    @State(Scope.Thread)
    public static class Reference {
        CryptoFloor floor;
        WebAuthnReference webauthn;
        Instant notBefore;
        Instant notAfter;

        @Setup(Level.Trial)
        public void start() throws Exception {
            floor = new CryptoFloor();
            webauthn = new WebAuthnReference();
            notBefore = Instant.now().minusSeconds(60);
            notAfter = notBefore.plusSeconds(86_400);
        }
    }

    /**
     * A fresh portal per iteration for {@link #beginLogin}: issued challenges stay in the token
     * store until they expire (nothing consumes them here), so its token store is sized for every
     * challenge an iteration issues: the store's cap (250,000 by default) must not be what is measured.
     */
    @State(Scope.Thread)
    public static class Issuer {
        Portal portal;

        @Setup(Level.Iteration)
        public void start() {
            portal = new Portal(Databases.inMemory(), new TrivialHasher(Portal.PASSWORD));
        }

        @TearDown(Level.Iteration)
        public void stop() {
            portal.close();
        }
    }

    @Benchmark
    public Authentication finishLoginTrivialHasher(Env env) throws Exception {
        return env.portal.finish(env.attempt);
    }

    @Benchmark
    public void floor(Reference env, Blackhole bh) throws Exception {
        bh.consume(env.floor.p256Verify());
        bh.consume(env.floor.hmacs(4));
        Instant now = Instant.now();
        bh.consume(!now.isBefore(env.notBefore) && !now.isAfter(env.notAfter));
    }

    @Benchmark
    public boolean webauthnFinishAssertion(Reference env) throws Exception {
        return env.webauthn.finishAssertion();
    }

    @Benchmark
    public LoginChallenge beginLogin(Issuer issuer) throws Exception {
        return issuer.portal.auth.login().beginLogin(Portal.DESKTOP);
    }
}
