package tw.mobileauth.examples.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tw.mobileauth.enrollment.DesktopSecret;
import tw.mobileauth.enrollment.DeviceSummary;
import tw.mobileauth.enrollment.NextStep;
import tw.mobileauth.enrollment.PhoneSession;
import tw.mobileauth.login.Authentication;

/**
 * Server-side sessions, keyed by random cookie values: the desktop's enrolment and login state, and
 * separately the phone's {@link PhoneSession}. Idle sessions end after 30 minutes. In memory: a
 * restart logs everyone out (the credentials themselves are in the SDK's stores). An idle session is
 * refused as soon as it is looked up; the memory it holds is freed by a sweep over all sessions, which
 * runs when a session is created but at most once every {@link #SWEEP_EVERY}, so that creating a
 * session does not cost a scan of every other one (under the load driver's logins that scan had grown
 * to a few thousand sessions per login). At most {@link #MAX_WEB_SESSIONS} desktop sessions are held:
 * past that, a browser without a session is refused as busy rather than let a flood of cookie-less
 * requests fill the heap, and the sessions already held keep working.
 */
final class Sessions {

    static final Duration IDLE = Duration.ofMinutes(30);

    /** The least time between two sweeps of idle sessions. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(10);

    /** The most desktop sessions held at once, idle ones not yet swept included (approximate under races). */
    static final int MAX_WEB_SESSIONS = 200_000;

    /** One browser's state on the portal. Mutable, guarded by its own monitor. */
    static final class Web {
        final String id;
        final String csrf;
        Instant lastSeen;
        String pendingNationalId;
        String enrollmentId;
        DesktopSecret desktopSecret;
        NextStep.ShowQrCode qr;
        Authentication authentication;
        String clientIp;
        /** Failed logins in a row on this session (refused by the SDK); a login starts a new session at 0. */
        int failedLogins;

        Web(String id, String csrf, Instant now) {
            this.id = id;
            this.csrf = csrf;
            this.lastSeen = now;
        }

        synchronized void clearEnrolment() {
            pendingNationalId = null;
            enrollmentId = null;
            desktopSecret = null;
            qr = null;
        }
    }

    /** The phone's state: the SDK's phone session and the summary it was shown. */
    record Phone(PhoneSession session, DeviceSummary summary, Instant lastSeen) {
    }

    private final Map<String, Web> web = new ConcurrentHashMap<>();
    private final Map<String, Phone> phones = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Clock clock;
    /** When the next sweep is due, in the clock's milliseconds; the thread that moves it on sweeps. */
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong sweeps = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final int maxWebSessions;

    Sessions(SecureRandom random, Clock clock) {
        this(random, clock, MAX_WEB_SESSIONS);
    }

    Sessions(SecureRandom random, Clock clock, int maxWebSessions) {
        if (maxWebSessions < 1) {
            throw new IllegalArgumentException("maxWebSessions must be at least 1, was " + maxWebSessions);
        }
        this.random = random;
        this.clock = clock;
        this.maxWebSessions = maxWebSessions;
    }

    /** The live session for cookie value {@code id}, touched; empty when unknown or idle too long. */
    Optional<Web> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Web s = web.get(id);
        Instant now = clock.instant();
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            if (s.lastSeen.plus(IDLE).isBefore(now)) {
                web.remove(id);
                return Optional.empty();
            }
            s.lastSeen = now;
        }
        return Optional.of(s);
    }

    /**
     * A new session with a fresh id and CSRF token, held until it has been idle for {@link #IDLE};
     * empty when {@link #MAX_WEB_SESSIONS} are held (the caller answers "busy, try again later").
     */
    Optional<Web> create() {
        sweepWhenDue();
        if (web.size() >= maxWebSessions) {
            refused.incrementAndGet();
            return Optional.empty();
        }
        Web s = new Web(Csrf.newToken(random), Csrf.newToken(random), clock.instant());
        web.put(s.id, s);
        return Optional.of(s);
    }

    /**
     * A new session in place of session {@code oldId}, which ends (a new id at login, against session
     * fixation). It takes the old one's place, so it is never refused for being one too many.
     */
    Web replace(String oldId) {
        web.remove(oldId);
        Web s = new Web(Csrf.newToken(random), Csrf.newToken(random), clock.instant());
        web.put(s.id, s);
        return s;
    }

    /**
     * A session that is not held and has no cookie: only for rendering the answer to a browser that
     * could not be given a session. Its CSRF token matches nothing, so no form on that page can act.
     */
    Web unheld() {
        return new Web(Csrf.newToken(random), Csrf.newToken(random), clock.instant());
    }

    /** Ends a session (logout). */
    void end(String id) {
        web.remove(id);
    }

    /** Stores a phone session under a new random id, for the phone's cookie. */
    String putPhone(PhoneSession session, DeviceSummary summary) {
        String id = Csrf.newToken(random);
        phones.put(id, new Phone(session, summary, clock.instant()));
        return id;
    }

    /** The phone session for cookie value {@code id}, if live. */
    Optional<Phone> phone(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Phone p = phones.get(id);
        if (p == null || p.lastSeen().plus(IDLE).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** Desktop and phone sessions held in memory, idle ones not yet swept included. */
    int size() {
        return web.size() + phones.size();
    }

    /** How many browsers {@link #create} has refused a session, since the start. */
    long refused() {
        return refused.get();
    }

    /** How many sweeps have run. */
    long sweeps() {
        return sweeps.get();
    }

    private void sweepWhenDue() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_EVERY.toMillis())) {
            sweep();
        }
    }

    private void sweep() {
        sweeps.incrementAndGet();
        Instant cutoff = clock.instant().minus(IDLE);
        web.values().removeIf(s -> {
            synchronized (s) {
                return s.lastSeen.isBefore(cutoff);
            }
        });
        phones.values().removeIf(p -> p.lastSeen().isBefore(cutoff));
    }
}
