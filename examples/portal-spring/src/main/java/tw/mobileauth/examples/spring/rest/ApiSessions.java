package tw.mobileauth.examples.spring.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.login.Authentication;

/**
 * The login sessions of API clients, in memory: an opaque random token (32 bytes from
 * {@link SecureRandom}, base64url) per login, sent by the client in the {@code MobileAuth-Session}
 * header. Only the token's SHA-256 is kept, as the map key, so a token is checked by a map lookup
 * and a heap dump holds no usable token. A session ends when it has been idle for the idle timeout,
 * when it is older than the absolute lifetime, on logout, or when its credential is revoked.
 * Bounded: when full, expired sessions are dropped first, then the least recently used one.
 *
 * <p>Demo scope: one process. Several instances behind a load balancer share a store (a database
 * table or Redis keyed by the same hash) instead. Thread-safe.
 */
public final class ApiSessions {

    /** The request header that carries the token. */
    public static final String HEADER = "MobileAuth-Session";
    /** Idle timeout of the demo. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);
    /** No session outlives this, however busy. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(8);
    /** At most this many live sessions. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private static final int TOKEN_BYTES = 32;

    private final Clock clock;
    private final SecureRandom random;
    private final int maxEntries;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    /** SHA-256 (base64url) of the token → the session; access order, so the eldest is the least recently used. */
    private final LinkedHashMap<String, Entry> sessions = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param clock       the time source (a test moves it)
     * @param random      where tokens come from
     * @param maxEntries  at most this many live sessions (at least 1)
     * @param idleTimeout a session unused this long is gone
     * @param maxLifetime a session this old is gone, used or not
     */
    public ApiSessions(Clock clock, SecureRandom random, int maxEntries, Duration idleTimeout, Duration maxLifetime) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (maxEntries < 1 || idleTimeout.isNegative() || idleTimeout.isZero() || maxLifetime.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("maxEntries must be at least 1, idleTimeout positive and maxLifetime "
                    + "at least idleTimeout");
        }
        this.maxEntries = maxEntries;
        this.idleTimeout = idleTimeout;
        this.maxLifetime = maxLifetime;
    }

    /** The demo's sessions: {@value #DEFAULT_MAX_ENTRIES} entries, 15 minutes idle, 8 hours at most. */
    public static ApiSessions withDefaults(Clock clock, SecureRandom random) {
        return new ApiSessions(clock, random, DEFAULT_MAX_ENTRIES, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_LIFETIME);
    }

    /** The idle timeout. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Starts a session for {@code authentication}; returns the token, to hand to the client once. */
    public Opened open(Authentication authentication) {
        Objects.requireNonNull(authentication, "authentication");
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        synchronized (sessions) {
            dropExpired(now);
            while (sessions.size() >= maxEntries) {
                Iterator<String> eldest = sessions.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            Entry entry = new Entry(authentication, now, now);
            sessions.put(hash(token), entry);
            return new Opened(token, idleExpiry(entry));
        }
    }

    /**
     * The live session the token names, touched (its idle clock restarts); empty for a missing,
     * malformed, unknown, ended or expired token.
     */
    public Optional<Session> find(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        String key = hash(token.strip());
        Instant now = clock.instant();
        synchronized (sessions) {
            Entry e = sessions.get(key);
            if (e == null) {
                return Optional.empty();
            }
            if (expired(e, now)) {
                sessions.remove(key);
                return Optional.empty();
            }
            Entry touched = new Entry(e.authentication, e.startedAt, now);
            sessions.put(key, touched);
            return Optional.of(new Session(key, touched.authentication, idleExpiry(touched)));
        }
    }

    /** Replaces the session's authentication (after the notice was acknowledged); false if it ended meanwhile. */
    public boolean update(Session session, Authentication authentication) {
        Objects.requireNonNull(authentication, "authentication");
        synchronized (sessions) {
            Entry e = sessions.get(session.key());
            if (e == null) {
                return false;
            }
            sessions.put(session.key(), new Entry(authentication, e.startedAt, e.lastUsedAt));
            return true;
        }
    }

    /** Logout: ends the session; false if it had already ended. */
    public boolean end(Session session) {
        synchronized (sessions) {
            return sessions.remove(session.key()) != null;
        }
    }

    /** Ends every session that logged in with {@code credentialId} (it was revoked); returns how many. */
    public int endAllFor(String credentialId) {
        synchronized (sessions) {
            int before = sessions.size();
            sessions.values().removeIf(e -> e.authentication.credentialId().value().equals(credentialId));
            return before - sessions.size();
        }
    }

    /** How many sessions are held (expired ones not yet dropped included). */
    public int size() {
        synchronized (sessions) {
            return sessions.size();
        }
    }

    /** Counts only: never a token, a hash or a person. */
    @Override
    public String toString() {
        return "ApiSessions[" + size() + " held, max " + maxEntries + ", idle " + idleTimeout + "]";
    }

    private void dropExpired(Instant now) {
        sessions.values().removeIf(e -> expired(e, now));
    }

    private boolean expired(Entry e, Instant now) {
        return !now.isBefore(e.lastUsedAt.plus(idleTimeout)) || !now.isBefore(e.startedAt.plus(maxLifetime));
    }

    private Instant idleExpiry(Entry e) {
        Instant idle = e.lastUsedAt.plus(idleTimeout);
        Instant absolute = e.startedAt.plus(maxLifetime);
        return idle.isBefore(absolute) ? idle : absolute;
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Entry(Authentication authentication, Instant startedAt, Instant lastUsedAt) {
    }

    /**
     * A session just opened.
     *
     * @param token     the bearer token: send it once, in the {@value #HEADER} response header; never log it
     * @param expiresAt when it ends unless used
     */
    public record Opened(String token, Instant expiresAt) {
        /** Never the token. */
        @Override
        public String toString() {
            return "Opened[expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * A live session, as found.
     *
     * @param key            the token's SHA-256 (internal; never sent or logged)
     * @param authentication who logged in
     * @param expiresAt      when it ends unless used again
     */
    public record Session(String key, Authentication authentication, Instant expiresAt) {
        /** Masked: the authentication's own masked form, never the key. */
        @Override
        public String toString() {
            return "Session[" + authentication + ", expiresAt=" + expiresAt + "]";
        }
    }
}
