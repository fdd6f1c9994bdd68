package tw.mobileauth.examples.spring.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.login.Authentication;

/**
 * The session map on its own, on a clock the test moves: tokens, idle and absolute expiry, the
 * bound, logout and revocation. ({@code Authentication} is the SDK's and only its login service
 * makes one, so the map holds stand-ins here; {@code PortalContract} runs it with real logins.)
 */
class ApiSessionsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T01:00:00Z"));
    private final ApiSessions sessions = new ApiSessions(clock, new SecureRandom(), 3, Duration.ofMinutes(15),
            Duration.ofHours(8));

    @Test
    void aTokenIs32RandomBytesAndOnlyItsOwnTokenFindsASession() {
        Authentication a = person('a');
        ApiSessions.Opened opened = sessions.open(a);
        assertEquals(32, Base64.getUrlDecoder().decode(opened.token()).length);
        assertNotEquals(opened.token(), sessions.open(a).token());
        assertSame(a, sessions.find(opened.token()).orElseThrow().authentication());
        assertTrue(sessions.find(null).isEmpty());
        assertTrue(sessions.find("").isEmpty());
        assertTrue(sessions.find(opened.token().substring(1)).isEmpty());
        assertTrue(sessions.find("x".repeat(10_000)).isEmpty());
        assertFalse(opened.toString().contains(opened.token()), "toString never shows the token");
        assertFalse(sessions.find(opened.token()).orElseThrow().toString().contains(opened.token()));
    }

    @Test
    void aSessionDiesAfterFifteenIdleMinutesAndUseKeepsItAliveUpToEightHours() {
        String token = sessions.open(person('b')).token();
        clock.advance(Duration.ofMinutes(14));
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), sessions.find(token).orElseThrow().expiresAt());
        clock.advance(Duration.ofMinutes(14));
        assertTrue(sessions.find(token).isPresent(), "used within 15 minutes: alive");
        clock.advance(Duration.ofMinutes(15));
        assertTrue(sessions.find(token).isEmpty(), "15 idle minutes: gone");

        String busy = sessions.open(person('c')).token();
        for (int i = 0; i < 8 * 6 - 1; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertTrue(sessions.find(busy).isPresent(), "used every 10 minutes, at " + i);
        }
        clock.advance(Duration.ofMinutes(10));
        assertTrue(sessions.find(busy).isEmpty(), "8 hours at most, however busy");
    }

    @Test
    void theMapIsBoundedDroppingTheLeastRecentlyUsed() {
        String first = sessions.open(person('d')).token();
        String second = sessions.open(person('e')).token();
        String third = sessions.open(person('f')).token();
        sessions.find(first);
        String fourth = sessions.open(person('g')).token();
        assertEquals(3, sessions.size());
        assertTrue(sessions.find(second).isEmpty(), "the least recently used went");
        assertTrue(sessions.find(first).isPresent() && sessions.find(third).isPresent() && sessions.find(fourth).isPresent());
    }

    @Test
    void logoutAndRevocationEndSessions() {
        Authentication revokedOne = person('h');
        String a = sessions.open(revokedOne).token();
        String b = sessions.open(revokedOne).token();
        String other = sessions.open(person('i')).token();
        assertEquals(2, sessions.endAllFor(revokedOne.credentialId().value()));
        assertTrue(sessions.find(a).isEmpty() && sessions.find(b).isEmpty());
        ApiSessions.Session kept = sessions.find(other).orElseThrow();
        assertTrue(sessions.end(kept));
        assertFalse(sessions.end(kept), "already ended");
        assertTrue(sessions.find(other).isEmpty());
        assertFalse(sessions.update(kept, revokedOne), "an ended session is not brought back");
    }

    /** A stand-in login with credential {@code mat_ccc…cA}. */
    private static Authentication person(char c) {
        Authentication a = mock(Authentication.class);
        when(a.credentialId()).thenReturn(CredentialId.parse("mat_" + String.valueOf(c).repeat(21) + "A").orElseThrow());
        return a;
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
