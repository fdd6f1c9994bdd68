package tw.mobileauth.benchmarks.timing;

import java.util.Arrays;
import java.util.Objects;

/**
 * The two-sample Kolmogorov–Smirnov test: the statistic {@code D = sup |F1(x) - F2(x)|} over the
 * two empirical distribution functions, and its asymptotic p-value
 * {@code Q(sqrt(n·m/(n+m))·D)} with Kolmogorov's series
 * {@code Q(λ) = 2 Σ_{j≥1} (-1)^(j-1) e^(-2 j² λ²)}. With 100 or more samples on each side the
 * asymptotic value is within a few thousandths of the exact one, which is all a 1% test needs.
 */
public final class KolmogorovSmirnov {

    private KolmogorovSmirnov() {
    }

    /**
     * The statistic and its p-value.
     *
     * @param d      the largest distance between the two empirical distribution functions, 0..1
     * @param pValue the probability of a distance at least {@code d} if both samples came from one distribution
     */
    public record Result(double d, double pValue) {

        /** Whether the test can tell the samples apart at level {@code alpha} (e.g. 0.01). */
        public boolean rejectsAt(double alpha) {
            return pValue < alpha;
        }
    }

    /**
     * Tests {@code a} against {@code b}.
     *
     * @throws IllegalArgumentException if either sample is empty or holds NaN
     */
    public static Result test(double[] a, double[] b) {
        double d = statistic(a, b);
        double en = (double) a.length * b.length / (a.length + b.length);
        return new Result(d, kolmogorovQ(Math.sqrt(en) * d));
    }

    /** {@code sup |F_a(x) - F_b(x)|}; ties are stepped over together, so identical samples give 0. */
    public static double statistic(double[] a, double[] b) {
        double[] x = sorted(a, "a");
        double[] y = sorted(b, "b");
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    /** Kolmogorov's survival function {@code Q(λ) = P(K > λ)}; 1 for {@code λ <= 0}. */
    public static double kolmogorovQ(double lambda) {
        if (lambda < 0.2) {
            return 1.0; // the series converges slowly there and Q is 1 to 14 digits
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-16) {
                break;
            }
        }
        return Math.max(0.0, Math.min(1.0, 2.0 * sum));
    }

    private static double[] sorted(double[] sample, String name) {
        Objects.requireNonNull(sample, name);
        if (sample.length == 0) {
            throw new IllegalArgumentException("sample " + name + " is empty: the test needs at least one value on each side");
        }
        double[] s = sample.clone();
        Arrays.sort(s);
        if (Double.isNaN(s[s.length - 1])) {
            throw new IllegalArgumentException("sample " + name + " holds NaN: pass measured durations only");
        }
        return s;
    }
}
