package tw.mobileauth.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void nearestRankPercentilesOfUnsortedNanos() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (100 - i) * 1000L; // 100k .. 1k, reversed
        }
        Latencies l = new Latencies(nanos);
        assertEquals(50_000, l.percentile(50));
        assertEquals(95_000, l.percentile(95));
        assertEquals(99_000, l.percentile(99));
        assertEquals(100_000, l.max());
        assertEquals(1_000, l.percentile(0.5));
        assertEquals(100, l.count());
    }

    @Test
    void nothingMeasuredIsATypedError() {
        assertThrows(IllegalArgumentException.class, () -> new Latencies(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> new Latencies(new long[] {1}).percentile(0));
    }
}
