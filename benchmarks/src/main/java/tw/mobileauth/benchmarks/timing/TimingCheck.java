package tw.mobileauth.benchmarks.timing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The enumeration timing check (issue 14): {@code finishLogin} must not tell an attacker whether a
 * credential or a national ID exists. It times {@code finishLogin} for three kinds of failing
 * attempt, randomly interleaved so that drift in the machine's speed falls on all kinds alike:
 * <ul>
 *   <li>{@link Kind#WRONG_PASSWORD}: an enrolled credential, the right ID, birth date and name, a wrong password
 *       (the reference: it runs every step and one Argon2id verification);</li>
 *   <li>{@link Kind#UNKNOWN_CREDENTIAL}: a well-formed, CA-issued credential id that was never stored;</li>
 *   <li>{@link Kind#WRONG_ID}: an enrolled credential with another person's (valid) national ID.</li>
 * </ul>
 * Each unknown kind passes if its median is within the tolerance of the reference's and a
 * two-sample Kolmogorov–Smirnov test cannot tell it from the reference at {@code alpha}.
 * Every sample's failure cause is read back from the audit trail, so a lock-out (which the check
 * clears after each counted failure with {@code administration().clearLockOut}) cannot pass for a
 * wrong password.
 *
 * <p>{@code java -cp benchmarks.jar tw.mobileauth.benchmarks.timing.TimingCheck [--samples 200]
 * [--warm-up 30] [--tolerance 0.05] [--alpha 0.01] [--seed N]}; exit status 0 when it passes, 1 when not.
 */
public final class TimingCheck {

    /** What kind of failing attempt a sample is. */
    public enum Kind {
        /** The reference: right credential and identity, wrong password. */
        WRONG_PASSWORD,
        /** A credential id that was never enrolled. */
        UNKNOWN_CREDENTIAL,
        /** An enrolled credential with another valid national ID. */
        WRONG_ID
    }

    /**
     * How to run the check.
     *
     * @param samples   timed samples per kind (the issue asks for 200)
     * @param warmUp    untimed attempts per kind first (JIT, caches, Argon2id's memory)
     * @param tolerance the allowed relative difference of medians, e.g. 0.05
     * @param alpha     the KS test's level, e.g. 0.01
     * @param seed      the interleaving's seed
     */
    public record Options(int samples, int warmUp, double tolerance, double alpha, long seed) {

        /** Checks ranges. */
        public Options {
            if (samples < 20 || warmUp < 0 || !(tolerance > 0) || !(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("samples >= 20, warmUp >= 0, tolerance > 0 and 0 < alpha < 1 are needed; got "
                        + samples + ", " + warmUp + ", " + tolerance + ", " + alpha);
            }
        }

        /** The issue's settings: 200 samples per kind, medians within 5%, KS at 1%. */
        public static Options issueDefaults() {
            return new Options(200, 30, 0.05, 0.01, System.nanoTime());
        }
    }

    /**
     * One unknown kind against the reference.
     *
     * @param kind             the unknown kind
     * @param medianMillis     its median {@code finishLogin} time
     * @param referenceMillis  the wrong-password median
     * @param ks               the KS test of the two samples
     */
    public record Comparison(Kind kind, double medianMillis, double referenceMillis, KolmogorovSmirnov.Result ks) {

        /** {@code |median / reference - 1|}. */
        public double medianDifference() {
            return Math.abs(medianMillis / referenceMillis - 1);
        }

        /** Whether it passes at {@code options}' tolerance and level. */
        public boolean passes(Options options) {
            return medianDifference() <= options.tolerance() && !ks.rejectsAt(options.alpha());
        }
    }

    /** The samples (milliseconds, in the order taken per kind) and the comparisons. */
    public record Result(Options options, Map<Kind, double[]> samples, List<Comparison> comparisons) {

        /** Whether every comparison passes. */
        public boolean passed() {
            return comparisons.stream().allMatch(c -> c.passes(options));
        }

        /** A few lines for the console and BENCHMARKS.md. */
        public String report() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "enumeration timing check: %d samples per kind, interleaved; medians within %.1f%%, KS at %.0f%%%n",
                    options.samples(), options.tolerance() * 100, options.alpha() * 100));
            b.append(String.format(Locale.ROOT, "  %-18s median %8.3f ms%n", Kind.WRONG_PASSWORD, median(samples.get(Kind.WRONG_PASSWORD))));
            for (Comparison c : comparisons) {
                b.append(String.format(Locale.ROOT, "  %-18s median %8.3f ms  (%+.2f%%)  KS D=%.3f p=%.3f  %s%n", c.kind(),
                        c.medianMillis(), (c.medianMillis() / c.referenceMillis() - 1) * 100, c.ks().d(), c.ks().pValue(),
                        c.passes(options) ? "PASS" : "FAIL"));
            }
            b.append(passed() ? "  result: PASS" : "  result: FAIL");
            return b.toString();
        }
    }

    private TimingCheck() {
    }

    /** Runs the check on an in-memory SDK with the default Argon2id hasher. */
    public static Result run(Options options) {
        try (TimingRig rig = TimingRig.start()) {
            Random random = new Random(options.seed());
            List<Kind> warm = schedule(options.warmUp(), random);
            for (Kind k : warm) {
                rig.attempt(k);
            }
            Map<Kind, double[]> samples = new EnumMap<>(Kind.class);
            Map<Kind, Integer> filled = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                samples.put(k, new double[options.samples()]);
                filled.put(k, 0);
            }
            for (Kind k : schedule(options.samples(), random)) {
                int i = filled.merge(k, 1, Integer::sum) - 1;
                samples.get(k)[i] = rig.attempt(k) / 1e6;
            }
            List<Comparison> comparisons = new ArrayList<>();
            double[] reference = samples.get(Kind.WRONG_PASSWORD);
            for (Kind k : List.of(Kind.UNKNOWN_CREDENTIAL, Kind.WRONG_ID)) {
                comparisons.add(new Comparison(k, median(samples.get(k)), median(reference),
                        KolmogorovSmirnov.test(samples.get(k), reference)));
            }
            return new Result(options, samples, comparisons);
        }
    }

    /** {@code perKind} of every kind, shuffled. */
    static List<Kind> schedule(int perKind, Random random) {
        List<Kind> order = new ArrayList<>();
        for (Kind k : Kind.values()) {
            order.addAll(Collections.nCopies(perKind, k));
        }
        Collections.shuffle(order, random);
        return order;
    }

    /** The median (mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Runs with the issue's settings, or those given; prints the report; exit 0 on pass, 1 on fail, 2 on bad options. */
    public static void main(String[] args) {
        Options d = Options.issueDefaults();
        int samples = d.samples();
        int warmUp = d.warmUp();
        double tolerance = d.tolerance();
        double alpha = d.alpha();
        long seed = d.seed();
        try {
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--samples" -> samples = Integer.parseInt(value);
                    case "--warm-up" -> warmUp = Integer.parseInt(value);
                    case "--tolerance" -> tolerance = Double.parseDouble(value);
                    case "--alpha" -> alpha = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            d = new Options(samples, warmUp, tolerance, alpha, seed);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: TimingCheck [--samples 200] [--warm-up 30] [--tolerance 0.05] [--alpha 0.01] [--seed N]");
            System.exit(2);
            return;
        }
        Result r = run(d);
        System.out.println(r.report());
        System.exit(r.passed() ? 0 : 1);
    }
}
