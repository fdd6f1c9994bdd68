package tw.mobileauth.benchmarks;

import java.time.Clock;
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
import tw.mobileauth.Stores;
import tw.mobileauth.benchmarks.load.People;
import tw.mobileauth.carrier.testkit.SubscriberFixture;
import tw.mobileauth.enrollment.Begun;
import tw.mobileauth.enrollment.VerificationOutcome;

/**
 * Enrolment on the in-memory stores with a {@link TrivialHasher} (so the password's Argon2id is not
 * what is measured): {@code begin} on a posted application (JSON parse, validation, proof of
 * possession, QR code, stores), and {@code completeVerification} on the fake carrier networks over
 * loopback HTTP (code exchange, ID-token verification, eligibility, certificate issuance).
 * Everything before each measured call (the browser's form and signature; for
 * {@code completeVerification} the whole journey up to the carrier's callback) runs in an
 * invocation-level setup. Five warm-up iterations: {@code begin} needs about 1,500 calls before the
 * JIT has compiled its path (a 1 s smoke warm-up measures it several times too slow). Floor of {@code completeVerification}: {@link CarrierCryptoBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.QUIET, Jvm.NODELAY})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 4, time = 2)
@Threads(1)
public class EnrollmentBenchmark {

    /** A fresh portal per iteration, so the enrolment store's cap is never reached. */
    public abstract static class Fresh {
        Portal portal;
        Enrolment enrolment;

        @Setup(Level.Iteration)
        public void start() {
            open();
        }

        /** Opens this iteration's portal and enrolment: the built-in CHT subscriber, applying again and again. */
        void open() {
            portal = new Portal(Stores.inMemory(Clock.systemUTC()), new TrivialHasher(Portal.PASSWORD));
            enrolment = new Enrolment(portal);
        }

        @TearDown(Level.Iteration)
        public void stop() {
            portal.close();
        }
    }

    /** A signed application, fresh before each {@code begin}. */
    @State(Scope.Thread)
    public static class Application extends Fresh {
        String json;

        @Setup(Level.Invocation)
        public void prepare() throws Exception {
            json = enrolment.application();
        }
    }

    /**
     * A phone session at the carrier's callback, fresh before each {@code completeVerification}: one
     * person of {@value #PEOPLE} after another, each enrolling for the first time on this iteration's
     * portal, as nearly everyone does.
     */
    @State(Scope.Thread)
    public static class Callback extends Fresh {
        Enrolment.AtCallback at;

        @Override
        void open() {
            SubscriberFixture people = People.fixture(3 * PEOPLE); // the carriers in turn: PEOPLE of them on CHT
            portal = new Portal(Stores.inMemory(Clock.systemUTC()), new TrivialHasher(Portal.PASSWORD), people);
            enrolment = new Enrolment(portal, people.all().stream().filter(p -> "cht".equals(p.carrierId())).toList());
        }

        @Setup(Level.Invocation)
        public void prepare() throws Exception {
            at = enrolment.toCallback(enrolment.begin(enrolment.application()));
        }
    }

    /**
     * The same, but always the same person: each completion binds one more credential to them (and
     * revokes the one before), so the person's credentials grow to a few hundred per iteration and
     * the binding's look-up of them with it. The figure the 94/s was compared with until
     * 2026-12-06 16:00.
     */
    @State(Scope.Thread)
    public static class SamePersonCallback extends Fresh {
        Enrolment.AtCallback at;

        @Setup(Level.Invocation)
        public void prepare() throws Exception {
            at = enrolment.toCallback(enrolment.begin(enrolment.application()));
        }
    }

    /** Distinct CHT people per iteration of {@code completeVerification}: more than an iteration completes. */
    static final int PEOPLE = 3_000;

    @Benchmark
    public Begun begin(Application application) throws Exception {
        return application.enrolment.begin(application.json);
    }

    /**
     * Ten 5 s warm-up iterations: each invocation's setup (a whole {@code begin} and the phone's trip to
     * the carrier) takes longer than the call measured, so an iteration holds only ~100 calls, and the
     * path is compiled after about 1,500 (five 2 s iterations measured it twice as slow as it is).
     */
    @Benchmark
    @Warmup(iterations = 10, time = 5)
    @Measurement(iterations = 5, time = 4)
    public VerificationOutcome completeVerification(Callback callback) throws Exception {
        return issued(callback.portal, callback.at);
    }

    /** {@code completeVerification} for one person enrolling again and again (see {@link SamePersonCallback}). */
    @Benchmark
    @Warmup(iterations = 10, time = 5)
    @Measurement(iterations = 5, time = 4)
    public VerificationOutcome completeVerificationSamePerson(SamePersonCallback callback) throws Exception {
        return issued(callback.portal, callback.at);
    }

    private static VerificationOutcome issued(Portal portal, Enrolment.AtCallback at) throws Exception {
        VerificationOutcome outcome = portal.auth.enrollment().completeVerification(at.session(), at.callback());
        if (!(outcome instanceof VerificationOutcome.Issued)) {
            throw new IllegalStateException("the verification did not issue a credential: " + outcome);
        }
        return outcome;
    }
}
