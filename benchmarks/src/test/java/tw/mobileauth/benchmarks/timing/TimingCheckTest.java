package tw.mobileauth.benchmarks.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A smaller {@link TimingCheck} that runs in {@code mvn verify} on a loaded 2-core machine without
 * being flaky:
 * <ul>
 *   <li>100 samples per kind (the issue's main run takes 200), interleaved at random so that other
 *       builds' load falls on every kind alike; about 8 s with Argon2id's ~30 ms.</li>
 *   <li>The KS test at 1%, as the issue asks. Two identical distributions still fail a 1% test one run
 *       in a hundred, so a failing run is repeated once with a new seed and only two failures in a row
 *       fail the build: a false alarm then has a chance of 1 in 10,000, while the leak this guards
 *       against (an unknown credential answered without its Argon2id hash, ~0.2 ms against ~30 ms)
 *       puts the distributions at D = 1 and fails both runs.</li>
 *   <li>Medians within 10%, not the main check's 5%: the steps the paths do not share (one P-256
 *       verification and a few store reads, about 1% of a login) are far below it, while a short burst
 *       from a neighbouring build can shift a 100-sample median by a few percent. A missing hash moves
 *       the median by over 90%.</li>
 * </ul>
 */
class TimingCheckTest {

    private static final TimingCheck.Options SMALL = new TimingCheck.Options(100, 15, 0.10, 0.01, 20261206L);

    @Test
    void unknownCredentialsAndWrongIdsTakeAsLongAsAWrongPassword() {
        TimingCheck.Result first = TimingCheck.run(SMALL);
        System.out.println(first.report());
        TimingCheck.Result result = first.passed() ? first
                : TimingCheck.run(new TimingCheck.Options(SMALL.samples(), SMALL.warmUp(), SMALL.tolerance(), SMALL.alpha(),
                        SMALL.seed() + 1));
        if (result != first) {
            System.out.println("repeated once: " + result.report());
        }
        assertEquals(2, result.comparisons().size());
        for (TimingCheck.Comparison c : result.comparisons()) {
            assertTrue(c.passes(SMALL), c.kind() + " is distinguishable from a wrong password:\n" + result.report());
        }
    }

    @Test
    void theScheduleInterleavesEveryKindEqually() {
        List<TimingCheck.Kind> order = TimingCheck.schedule(50, new Random(1));
        assertEquals(150, order.size());
        for (TimingCheck.Kind k : TimingCheck.Kind.values()) {
            assertEquals(50, order.stream().filter(k::equals).count());
        }
        assertTrue(order.subList(0, 50).stream().distinct().count() == 3, "shuffled, not in blocks");
    }

    @Test
    void aComparisonFailsOnAShiftedMedianOrADistinguishableDistribution() {
        TimingCheck.Comparison close = new TimingCheck.Comparison(TimingCheck.Kind.UNKNOWN_CREDENTIAL, 30.5, 30.0,
                new KolmogorovSmirnov.Result(0.1, 0.5));
        TimingCheck.Comparison slow = new TimingCheck.Comparison(TimingCheck.Kind.UNKNOWN_CREDENTIAL, 0.3, 30.0,
                new KolmogorovSmirnov.Result(0.1, 0.5));
        TimingCheck.Comparison apart = new TimingCheck.Comparison(TimingCheck.Kind.WRONG_ID, 30.0, 30.0,
                new KolmogorovSmirnov.Result(0.9, 0.001));
        TimingCheck.Options o = TimingCheck.Options.issueDefaults();
        assertTrue(close.passes(o));
        assertTrue(!slow.passes(o) && !apart.passes(o));
        assertEquals(3.5, TimingCheck.median(new double[] {5, 1, 3, 4}));
    }
}
