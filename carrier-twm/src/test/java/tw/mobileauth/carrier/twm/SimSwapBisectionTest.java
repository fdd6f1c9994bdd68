package tw.mobileauth.carrier.twm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.SimSwapInfo;

class SimSwapBisectionTest {

    private static final Instant NOW = Instant.parse("2025-05-01T00:00:00Z");
    private static final long[] WINDOWS = {1, 23, 24, 25, 48, 72, 100, 168, 200, 720, 721, 2160};

    /** Checks of a line whose SIM changed {@code ageHours} ago (empty: never), recording each maxAge asked. */
    private static SimSwapBisection.Check line(OptionalLong ageHours, List<Integer> asked) {
        return maxAge -> {
            asked.add(maxAge);
            return ageHours.isPresent() && ageHours.getAsLong() <= maxAge;
        };
    }

    @Test
    void everyCertainAnswerIsTrueForEverySwapAgeUpTo800HoursAndNeverMoreThanThreeChecks() throws Exception {
        for (long age = 0; age <= 800; age++) {
            List<Integer> asked = new ArrayList<>();
            SimSwapInfo info = SimSwapBisection.STANDARD.info(line(OptionalLong.of(age), asked));
            assertTrue(asked.size() <= 3, "age " + age + " took " + asked);
            for (long w : WINDOWS) {
                Optional<Boolean> said = info.changedWithin(Duration.ofHours(w), NOW);
                if (said.isPresent()) {
                    assertEquals(age <= w, said.get(), "age " + age + " h, window " + w + " h: " + info);
                }
            }
        }
    }

    @Test
    void theAnswerIsTheTightestTheLadderAllows() throws Exception {
        assertEquals(SimSwapInfo.changedWithin(Duration.ofHours(24)), info(20));
        assertEquals(SimSwapInfo.changedBetween(Duration.ofHours(24), Duration.ofHours(72)), info(30));
        assertEquals(SimSwapInfo.changedBetween(Duration.ofHours(72), Duration.ofHours(168)), info(100));
        assertEquals(SimSwapInfo.changedBetween(Duration.ofHours(168), Duration.ofHours(720)), info(300));
        assertEquals(SimSwapInfo.noChangeWithin(Duration.ofHours(720)), info(721));
    }

    @Test
    void aLineThatNeverSwappedTakesOneCheckOfTheWidestWindow() throws Exception {
        List<Integer> asked = new ArrayList<>();
        assertEquals(SimSwapInfo.noChangeWithin(Duration.ofHours(720)),
                SimSwapBisection.STANDARD.info(line(OptionalLong.empty(), asked)));
        assertEquals(List.of(720), asked);
    }

    @Test
    void windowsMustIncrease() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new SimSwapBisection(24, 24, 720));
        assertEquals(SimSwapInfo.changedWithin(Duration.ofHours(10)),
                new SimSwapBisection(10, 20).info(line(OptionalLong.of(5), new ArrayList<>())));
    }

    private static SimSwapInfo info(long ageHours) throws Exception {
        return SimSwapBisection.STANDARD.info(line(OptionalLong.of(ageHours), new ArrayList<>()));
    }
}
