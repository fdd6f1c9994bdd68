package tw.mobileauth.benchmarks.load;

import java.util.Arrays;

/** Percentiles of a set of latencies in nanoseconds, by sorting them (nearest-rank). */
final class Latencies {

    private final long[] sorted;

    Latencies(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no latencies: nothing was measured");
        }
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    /** The {@code p}-th percentile (0 < p <= 100), nearest rank: the smallest value with at least p% at or below it. */
    long percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    long max() {
        return sorted[sorted.length - 1];
    }

    int count() {
        return sorted.length;
    }
}
