package tw.mobileauth.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.carrier.testkit.SubscriberFixture;

/** A small load: 4 people enrol through the portal and log in 12 times in all, with the limiter on. */
class LoadDriverTest {

    @Test
    void fourPeopleEnrolAndLogInOverLoopback() throws Exception {
        LoadDriver.Options o = LoadDriver.Options.parse(new String[] {"--clients", "4", "--logins", "12", "--max-seconds", "60",
            "--floor-seconds", "0", "--warmup-seconds", "1", "--limiter", "on"});
        LoadDriver.Run run = LoadDriver.run(o, true);
        System.out.println(run.report());
        assertEquals(12, run.logins(), "every login succeeded");
        assertEquals(0, run.failures());
        assertTrue(run.latencies().percentile(50) > 0 && run.maxHeapBytes() > 0);
        assertEquals(List.of(3, 3, 3, 3), run.segments().stream().map(LoadDriver.Segment::logins).toList(),
                "the counted logins are measured in four equal parts");
        assertTrue(Double.isNaN(run.medianRatio()), "no floor was asked for, so there is no ratio");
    }

    @Test
    void eachPartIsComparedWithTheFloorsMeasuredAroundIt() {
        List<LoadDriver.Segment> parts = List.of(
                new LoadDriver.Segment(100, 2.0, 40, 60), // 50/s against 50: 1.00
                new LoadDriver.Segment(80, 2.0, 60, 40), // 40/s against 50: 0.80
                new LoadDriver.Segment(90, 2.0, 40, 50)); // 45/s against 45: 1.00
        LoadDriver.Run run = new LoadDriver.Run(true, 4, 270, 0, 6.0, new Latencies(new long[] {1, 2, 3}), 1, 1.0, parts);
        assertEquals(0.80, parts.get(1).ratio(), 1e-9);
        assertEquals(1.00, run.medianRatio(), 1e-9, "the median part, not the mean");
        assertEquals(45 / 47.5, run.overallRatio(), 1e-9, "270 logins in 6 s against the mean of the floors 40, 60, 40, 50");
    }

    @Test
    void syntheticPeopleHaveValidDistinctIdsAndNumbers() {
        SubscriberFixture f = People.fixture(70);
        List<Subscriber> all = f.all();
        assertEquals(70, all.size());
        assertEquals(70, all.stream().map(Subscriber::holderId).distinct().count());
        assertEquals(3, all.stream().map(Subscriber::carrierId).distinct().count());
        assertEquals("A123456789", People.nationalId('A', 1, 2345678), "the textbook check digit");
    }

    @Test
    void badOptionsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadDriver.Options.parse(new String[] {"--limiter", "maybe"}));
        assertTrue(e.getMessage().contains("--limiter"));
        assertThrows(IllegalArgumentException.class, () -> LoadDriver.Options.parse(new String[] {"--clients"}));
        IllegalArgumentException parts = assertThrows(IllegalArgumentException.class,
                () -> LoadDriver.Options.parse(new String[] {"--logins", "3", "--segments", "4"}));
        assertTrue(parts.getMessage().contains("--segments"));
    }
}
