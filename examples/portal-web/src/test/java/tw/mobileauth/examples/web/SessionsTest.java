package tw.mobileauth.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.MutableClock;

/** Idle sessions are refused at once and freed by a sweep that runs at most once every ten seconds. */
class SessionsTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-06T09:00:00Z"));
    private final Sessions sessions = new Sessions(new SecureRandom(), clock);

    @Test
    void anIdleSessionIsRefusedAsSoonAsItIsLookedUp() {
        Sessions.Web s = sessions.create().orElseThrow();
        clock.advance(Sessions.IDLE.minusSeconds(1));
        assertTrue(sessions.find(s.id).isPresent(), "29 min 59 s idle: still live, and touched");
        clock.advance(Sessions.IDLE.plusSeconds(1));
        assertTrue(sessions.find(s.id).isEmpty(), "30 min 1 s after the last touch: refused");
    }

    @Test
    void creatingSessionsScansTheOthersAtMostOnceEveryTenSeconds() {
        Sessions.Web old = sessions.create().orElseThrow();
        assertEquals(1, sessions.sweeps(), "the first creation sweeps");
        for (int i = 0; i < 1000; i++) {
            sessions.create();
        }
        assertEquals(1, sessions.sweeps(), "a thousand creations within the same second do not scan the map again");

        clock.advance(Sessions.IDLE.plusSeconds(1));
        Sessions.Web fresh = sessions.create().orElseThrow();
        assertEquals(2, sessions.sweeps());
        assertEquals(1, sessions.size(), "the sweep freed the 1,001 idle sessions, the new one stays");
        assertTrue(sessions.find(old.id).isEmpty());
        assertTrue(sessions.find(fresh.id).isPresent());

        clock.advance(Sessions.SWEEP_EVERY.minusMillis(1));
        sessions.create();
        assertEquals(2, sessions.sweeps(), "not yet due");
        clock.advance(Duration.ofMillis(1));
        sessions.create();
        assertEquals(3, sessions.sweeps(), "due again ten seconds after the last sweep");
    }

    @Test
    void pastTheBoundANewSessionIsRefusedButALoginStillGetsAFreshOne() {
        Sessions bounded = new Sessions(new SecureRandom(), clock, 3);
        Sessions.Web first = bounded.create().orElseThrow();
        assertTrue(bounded.create().isPresent());
        assertTrue(bounded.create().isPresent());
        assertTrue(bounded.create().isEmpty(), "a fourth is refused");
        assertEquals(1, bounded.refused());

        Sessions.Web rotated = bounded.replace(first.id);
        assertEquals(3, bounded.size(), "the new id takes the old one's place");
        assertTrue(bounded.find(first.id).isEmpty());
        assertTrue(bounded.find(rotated.id).isPresent());

        clock.advance(Sessions.IDLE.plusSeconds(1));
        assertTrue(bounded.create().isPresent(), "once the idle ones are swept there is room again");
        assertTrue(bounded.find(bounded.unheld().id).isEmpty(), "a session made only to answer a refused browser is not held");
    }
}
