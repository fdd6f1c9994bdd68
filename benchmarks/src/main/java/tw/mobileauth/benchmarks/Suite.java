package tw.mobileauth.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH suite once and prints every figure and every ratio from that one run.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar …            # plain JMH, any options
 * java -cp benchmarks/target/benchmarks.jar tw.mobileauth.benchmarks.Suite full    # the BENCHMARKS.md run
 * java -cp benchmarks/target/benchmarks.jar tw.mobileauth.benchmarks.Suite smoke   # does everything run?
 * java -cp … tw.mobileauth.benchmarks.Suite smoke 'Login|DeviceProof'             # a subset (regex)
 * </pre>
 *
 * <p>{@code full} keeps each class's annotations (1 fork, 2 warm-up and 4 measurement iterations
 * of 1–2 s); {@code smoke} is 1 fork, 1 warm-up and 2 measurement iterations of 1 s.
 */
public final class Suite {

    private final Map<String, Result<?>> results = new LinkedHashMap<>();

    private Suite(Collection<RunResult> runs) {
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark().replace(Suite.class.getPackageName() + ".", "");
            String store = run.getParams().getParam("store");
            results.put(store == null ? name : name + "[" + store + "]", run.getPrimaryResult());
            run.getSecondaryResults().forEach((label, result) ->
                    results.put(name + ":" + label + (store == null ? "" : "[" + store + "]"), result));
        }
    }

    public static void main(String[] args) throws Exception {
        String preset = args.length > 0 ? args[0] : "smoke";
        String include = args.length > 1 ? args[1] : Suite.class.getPackageName() + "\\.[A-Za-z]*Benchmark\\..*";
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .shouldFailOnError(true);
        switch (preset) {
            case "full" -> { /* the annotations of each class */ }
            case "smoke" -> options.forks(1).warmupIterations(1).measurementIterations(2)
                    .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1));
            default -> throw new IllegalArgumentException("preset must be full or smoke, not " + preset);
        }
        long start = System.nanoTime();
        Suite suite = new Suite(new Runner(options.build()).run());
        suite.print();
        System.out.printf("%nsuite %s took %.1f min%n", preset, (System.nanoTime() - start) / 6e10);
    }

    private void print() {
        System.out.println("\n== figures ==");
        results.forEach((name, r) -> System.out.printf("%s: %.3f ± %s (%s)%n", name, r.getScore(),
                error(r.getScoreError()), r.getScoreUnit()));
        System.out.println("\n== ratios (throughput a / throughput b; targets in brackets) ==");
        for (String store : new String[] {"memory", "h2", "postgres"}) {
            ratio("LoginBenchmark.login[" + store + "]", "LoginFloorBenchmark.floor",
                    store.equals("memory") ? ">= 0.95" : store.equals("postgres") ? ">= 0.90" : "-");
        }
        for (String store : new String[] {"memory", "postgres"}) {
            interleaved(store, store.equals("memory") ? ">= 0.95" : ">= 0.90");
        }
        scaling("login", ">= 1.8");
        scaling("floor", "-");
        ratio("LoginBenchmark.login2Threads[memory]", "LoginBenchmark.login[memory]", ">= 1.8");
        ratio("LoginBenchmark.login2Threads[postgres]", "LoginBenchmark.login[postgres]", "-");
        ratio("LoginFloorBenchmark.floor2Threads", "LoginFloorBenchmark.floor", "-");
        ratio("DeviceProofBenchmark.finishLoginTrivialHasher", "DeviceProofBenchmark.floor", ">= 0.95");
        ratio("DeviceProofBenchmark.finishLoginTrivialHasher", "DeviceProofBenchmark.webauthnFinishAssertion", ">= 10");
        ratio("DeviceProofBenchmark.floor", "DeviceProofBenchmark.webauthnFinishAssertion", "-");
        ratio("EnrollmentBenchmark.completeVerification", "CarrierCryptoBenchmark.floor", "-");
        baseline("EnrollmentBenchmark.completeVerification", 94.0, ">= 3 (vs 94/s on 2026-12-06)");
        baseline("EnrollmentBenchmark.completeVerificationSamePerson", 94.0, "- (one person enrolling again and again)");
        ratio("CarrierCryptoBenchmark.idTokenVerifyBc", "CarrierCryptoBenchmark.idTokenVerifySunEc", "-");
        ratio("CarrierCryptoBenchmark.clientAssertionSignBc", "CarrierCryptoBenchmark.clientAssertionSignSunEc", "-");
        ratio("QrBenchmark.pngAlone", "QrBenchmark.zxingEncodeAndMatrixToImageWriter", "-");
        millis("QrBenchmark.svgFromMatrix", "<= 0.03 ms");
        millis("QrBenchmark.pngFromMatrix", "<= 0.05 ms");
        millis("QrBenchmark.svgAlone", "- (symbol + SVG)");
        millis("QrBenchmark.pngAlone", "- (symbol + PNG)");
        millis("EnrollmentBenchmark.begin", "-");
        Result<?> eligibility = results.get("IdentityBenchmark.eligibility");
        if (eligibility != null) {
            System.out.printf("eligibility: %.2f M decisions/s/thread [>= 5]%n", opsPerSecond(eligibility) / 1e6);
        }
    }

    /** The interleaved login/floor ratio on {@code store}; its counters are nanoseconds summed over the run. */
    private void interleaved(String store, String target) {
        String name = "InterleavedLoginBenchmark.loginThenFloor";
        Result<?> pairs = results.get(name + "[" + store + "]");
        Result<?> login = results.get(name + ":loginNanos[" + store + "]");
        Result<?> floor = results.get(name + ":floorNanos[" + store + "]");
        if (pairs != null && login != null && floor != null) {
            double pairMillis = 1000.0 / opsPerSecond(pairs);
            double loginShare = login.getScore() / (login.getScore() + floor.getScore());
            System.out.printf("ratio finishLogin[%s] / floor, interleaved in one thread: %.3f [%s] (login %.1f ms, floor %.1f ms)%n",
                    store, floor.getScore() / login.getScore(), target, pairMillis * loginShare, pairMillis * (1 - loginShare));
        }
    }

    /** 1 → 2 threads, interleaved: 2 × (time of one alone) ÷ (time of two at once). */
    private void scaling(String what, String target) {
        String name = "InterleavedScalingBenchmark.aloneThenTogether:" + what;
        Result<?> alone = results.get(name + "AloneNanos");
        Result<?> together = results.get(name + "TogetherNanos");
        if (alone != null && together != null) {
            System.out.printf("scaling %s 1 -> 2 threads, interleaved: %.3f [%s]%n", what,
                    2 * alone.getScore() / together.getScore(), target);
        }
    }

    private void ratio(String a, String b, String target) {
        Result<?> ra = results.get(a);
        Result<?> rb = results.get(b);
        if (ra != null && rb != null) {
            System.out.printf("ratio %s / %s: %.3f [%s]%n", a, b, opsPerSecond(ra) / opsPerSecond(rb), target);
        }
    }

    private void baseline(String a, double opsPerSecond, String target) {
        Result<?> ra = results.get(a);
        if (ra != null) {
            System.out.printf("ratio %s / %.0f ops/s: %.2f [%s]%n", a, opsPerSecond, opsPerSecond(ra) / opsPerSecond,
                    target);
        }
    }

    private void millis(String a, String target) {
        Result<?> ra = results.get(a);
        if (ra != null) {
            System.out.printf("%s: %.4f ms/op [%s]%n", a, 1000.0 / opsPerSecond(ra), target);
        }
    }

    /** The score as operations per second, whatever mode and unit the benchmark used. */
    static double opsPerSecond(Result<?> r) {
        String unit = r.getScoreUnit();
        double score = r.getScore();
        String[] parts = unit.split("/", -1);
        if (parts[0].equals("ops")) {
            return score / seconds(parts[1]);
        }
        return 1.0 / (score * seconds(parts[0]));
    }

    private static double seconds(String unit) {
        TimeUnit tu = switch (unit) {
            case "s" -> TimeUnit.SECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "us" -> TimeUnit.MICROSECONDS;
            case "ns" -> TimeUnit.NANOSECONDS;
            case "min" -> TimeUnit.MINUTES;
            default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
        return tu.toNanos(1) / 1e9;
    }

    /** JMH has no error bar for fewer than 3 measurement iterations (smoke): "n/a". */
    private static String error(double error) {
        return Double.isNaN(error) ? "n/a" : String.format("%.3f", error);
    }
}
