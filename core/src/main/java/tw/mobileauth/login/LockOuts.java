package tw.mobileauth.login;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tw.mobileauth.store.CounterState;
import tw.mobileauth.store.CounterStore;
import tw.mobileauth.store.CredentialRecord;

/**
 * The lock-out counters of a login, on the {@link CounterStore}, applying the {@link LockOutPolicy}:
 * one per credential and one per person (the credential owner's subject key), both with the
 * policy's reset window, and the person's streak of failures in a row, which no window forgets
 * (NIST SP 800-63B §5.2.2 cap, {@link LockOutPolicy#maxConsecutiveFailures()}).
 *
 * <h2>Counting up front</h2>
 * An attempt whose device signature verified is counted as a failure <em>before</em> its fields
 * and password are checked ({@link #reserve}); a success then clears the counters ({@link #clear}).
 * Counting afterwards would let every attempt that is already past the lock-out check, for example
 * queued at the password hasher's concurrency limit, be evaluated before the first failure is
 * counted.
 *
 * <p>The reservation is an atomic increment on each counter (ignored, and refused, while the
 * counter is locked). A reservation whose count earns a lock sets that lock at once, so later
 * attempts are refused while this one runs. Of several attempts that race into the same lock (all
 * incremented before the first of them set it), only the one whose increment was the last before
 * the lock goes on: it finds the count unchanged when it sets the lock, the others find it higher.
 * So at most {@code threshold} guesses are evaluated before the first lock-out, and one per
 * lock-out after it, however many attempts run at once.
 */
final class LockOuts {

    /** Counter key prefix for a credential: {@value}, then the credential id (random, not personal). */
    static final String CREDENTIAL_PREFIX = "login.credential:";
    /** Counter key prefix for a person: {@value}, then the subject key (HMAC of the national ID). */
    static final String PERSON_PREFIX = "login.person:";
    /**
     * Counter key prefix for a person's failures in a row: {@value}, then the subject key. Only a
     * success or {@link LoginService#clearLockOut} resets it.
     */
    static final String STREAK_PREFIX = "login.person-streak:";
    static final String CREDENTIAL_SCOPE = "credential";
    static final String PERSON_SCOPE = "person";
    static final String STREAK_SCOPE = "person-streak";
    /**
     * How long a streak of failures in a row is remembered, from its first failure: ten years, so
     * in practice until a success or an administrator resets it.
     */
    static final Duration STREAK_MEMORY = Duration.ofDays(3650);

    private final CounterStore counters;
    private final LockOutPolicy policy;

    LockOuts(CounterStore counters, LockOutPolicy policy) {
        this.counters = counters;
        this.policy = policy;
    }

    static String credentialKey(String credentialId) {
        return CREDENTIAL_PREFIX + credentialId;
    }

    static String personKey(String subjectKey) {
        return PERSON_PREFIX + subjectKey;
    }

    static String streakKey(String subjectKey) {
        return STREAK_PREFIX + subjectKey;
    }

    /** The counters of a credential, as read at step 3. */
    record State(Optional<CounterState> credential, Optional<CounterState> person, Optional<CounterState> streak) {
        boolean lockedAt(Instant now) {
            return credential.map(c -> c.isLockedAt(now)).orElse(false)
                    || person.map(c -> c.isLockedAt(now)).orElse(false)
                    || streak.map(c -> c.isLockedAt(now)).orElse(false);
        }
    }

    /**
     * The outcome of reserving an attempt.
     *
     * @param admitted whether the attempt may be evaluated
     * @param counted  whether it was counted on at least one counter (it stays counted unless it succeeds)
     * @param locks    the locks the reservation set; in force after a failure
     */
    record Reservation(boolean admitted, boolean counted, List<LoginEvent.LockedOut> locks) {
        /** No reservation was made (the attempt failed before its signature verified). */
        static final Reservation NONE = new Reservation(false, false, List.of());
    }

    State read(CredentialRecord record) {
        return new State(counters.find(credentialKey(record.credentialId())),
                counters.find(personKey(record.subjectKey())), counters.find(streakKey(record.subjectKey())));
    }

    /**
     * Counts the attempt as a failure on every counter, in order, and says whether it may be
     * evaluated: not if a counter is locked (that counter is then not counted, nor the ones after
     * it), and not if another attempt raced it into a lock-out (see the class comment).
     */
    Reservation reserve(CredentialRecord record, Instant now) {
        List<LoginEvent.LockedOut> locks = new ArrayList<>(3);
        boolean counted = false;
        for (Counter c : counters(record)) {
            CounterState after = counters.increment(c.key(), now, c.window());
            if (after.isLockedAt(now)) {
                return new Reservation(false, counted, List.copyOf(locks)); // locked: not counted
            }
            counted = true;
            long ticket = after.count();
            Optional<Instant> lock = c.rule().lockFor(ticket, now);
            if (lock.isPresent()) {
                CounterState locked = counters.lockUntil(c.key(), lock.get());
                Instant until = locked.lockedUntil().orElse(lock.get());
                locks.add(new LoginEvent.LockedOut(now, c.scope(), record.credentialId(), until, ticket,
                        until.equals(LockOutPolicy.PERMANENT)));
                if (locked.count() == 0) {
                    // A success cleared the counter between our increment and our lock: the lock
                    // must not outlive the success.
                    counters.reset(c.key());
                    return new Reservation(false, true, List.of());
                }
                if (locked.count() != ticket) {
                    return new Reservation(false, true, List.copyOf(locks)); // another attempt took this lock-out's guess
                }
            }
        }
        return new Reservation(true, counted, List.copyOf(locks));
    }

    /** A success clears every counter of the credential and of its owner. */
    void clear(CredentialRecord record) {
        for (Counter c : counters(record)) {
            counters.reset(c.key());
        }
    }

    private List<Counter> counters(CredentialRecord record) {
        return List.of(
                new Counter(credentialKey(record.credentialId()), CREDENTIAL_SCOPE, policy.resetWindow(),
                        policy::lockFor),
                new Counter(personKey(record.subjectKey()), PERSON_SCOPE, policy.resetWindow(), policy::lockFor),
                new Counter(streakKey(record.subjectKey()), STREAK_SCOPE, STREAK_MEMORY,
                        (count, now) -> policy.lockForStreak(count)));
    }

    /** The lock a counter's count earns. */
    private interface Rule {
        Optional<Instant> lockFor(long count, Instant now);
    }

    private record Counter(String key, String scope, Duration window, Rule rule) {
    }
}
