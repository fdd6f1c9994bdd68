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
            "--floor-seconds", "0", "--limiter", "on"});
        LoadDriver.Run run = LoadDriver.run(o, true);
        System.out.println(run.report());
        assertEquals(12, run.logins(), "every login succeeded");
        assertEquals(0, run.failures());
        assertTrue(run.latencies().percentile(50) > 0 && run.maxHeapBytes() > 0);
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
    }
}
