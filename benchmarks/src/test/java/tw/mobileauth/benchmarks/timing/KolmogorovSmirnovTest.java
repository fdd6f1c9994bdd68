package tw.mobileauth.benchmarks.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The KS statistic and p-value against values worked by hand and by SciPy 1.17 ({@code scipy.special.kolmogorov}). */
class KolmogorovSmirnovTest {

    @Test
    void identicalSamplesAreAtDistanceZero() {
        double[] a = {3, 1, 2, 2, 5};
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(a, a.clone());
        assertEquals(0.0, r.d());
        assertEquals(1.0, r.pValue());
        assertFalse(r.rejectsAt(0.01));
    }

    @Test
    void disjointSamplesAreAtDistanceOne() {
        double[] low = new double[50];
        double[] high = new double[50];
        for (int i = 0; i < 50; i++) {
            low[i] = i;
            high[i] = 100 + i;
        }
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(high, low);
        assertEquals(1.0, r.d());
        assertTrue(r.pValue() < 1e-9, "p=" + r.pValue());
        assertTrue(r.rejectsAt(0.01));
    }

    @Test
    void aTextbookPairOfSamples() {
        // 25 and 20 values; the ECDFs differ most (by 0.23) at -0.4 (7/25 of x vs 1/20 of y) and at 1.31 (22/25 vs 13/20).
        double[] x = {0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37, 1.77,
            1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47};
        double[] y = {2.2, 1.66, 1.38, 0.2, 0.36, 0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29, -0.27, -0.37, 0.38, 0.7,
            0.52, -0.71};
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(x, y);
        assertEquals(0.23, r.d(), 1e-12);
        // Q(sqrt(25·20/45)·0.23), scipy.special.kolmogorov: 0.5991955719698889
        assertEquals(0.5991955719698889, r.pValue(), 1e-9);
    }

    @Test
    void theClassicalCriticalValues() {
        // the familiar tables: 1.358 at 5%, 1.628 at 1% (scipy.special.kolmogorov to 1e-6)
        assertEquals(0.0499996304316674, KolmogorovSmirnov.kolmogorovQ(1.3581), 1e-9);
        assertEquals(0.010001537333060776, KolmogorovSmirnov.kolmogorovQ(1.6276), 1e-9);
        assertEquals(0.26999967167735456, KolmogorovSmirnov.kolmogorovQ(1.0), 1e-9);
        assertEquals(0.9639452436648751, KolmogorovSmirnov.kolmogorovQ(0.5), 1e-9);
        assertEquals(1.0, KolmogorovSmirnov.kolmogorovQ(0.0));
    }

    @Test
    void aSmallShiftInLargeSamplesIsSeenAndNoShiftIsNot() {
        Random random = new Random(42);
        double[] a = new double[2000];
        double[] b = new double[2000];
        double[] c = new double[2000];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
            b[i] = random.nextGaussian();
            c[i] = random.nextGaussian() + 0.3;
        }
        assertFalse(KolmogorovSmirnov.test(a, b).rejectsAt(0.01));
        assertTrue(KolmogorovSmirnov.test(a, c).rejectsAt(0.01));
    }

    @Test
    void emptyOrNaNSamplesAreRefusedByName() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> KolmogorovSmirnov.test(new double[0], new double[] {1}));
        assertTrue(empty.getMessage().contains("sample a is empty"));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> KolmogorovSmirnov.test(new double[] {1}, new double[] {Double.NaN}));
        assertTrue(nan.getMessage().contains("sample b holds NaN"));
    }
}
