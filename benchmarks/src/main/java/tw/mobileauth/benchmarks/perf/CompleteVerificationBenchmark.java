package tw.mobileauth.benchmarks.perf;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tw.mobileauth.enrollment.VerificationOutcome;

/**
 * {@code completeVerification} on the fake carrier networks over loopback: the code exchange with
 * a {@code private_key_jwt} client assertion, the ID-token check, NV verify, roaming and network
 * type, the eligibility decision and the certificate issuance. Each invocation gets its own
 * enrolment, brought up to the carrier's callback outside the measured time (so JMH's
 * per-invocation setup is used; the operation takes milliseconds, far above its overhead).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompleteVerificationBenchmark {

    private EnrolmentRig rig;
    private EnrolmentRig.Returned returned;

    /** Starts the networks, the registry and the SDK. */
    @Setup(Level.Trial)
    public void start() {
        rig = new EnrolmentRig();
    }

    /** One enrolment, up to the phone's return from the carrier. */
    @Setup(Level.Invocation)
    public void prepare() throws Exception {
        returned = rig.returnedFromCarrier();
    }

    /** The measured step; fails the run if the credential is not issued. */
    @Benchmark
    public VerificationOutcome completeVerification() throws Exception {
        VerificationOutcome outcome = rig.enrollment.completeVerification(returned.session(), returned.callback());
        if (!(outcome instanceof VerificationOutcome.Issued)) {
            throw new IllegalStateException("expected a credential, got " + outcome);
        }
        return outcome;
    }

    /** Stops everything. */
    @TearDown(Level.Trial)
    public void stop() {
        rig.close();
    }
}
