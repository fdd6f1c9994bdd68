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
 * The lock-out counters of a login, on the {@link CounterStore}: one per credential and one per
 * person (the credential owner's subject key), applying the {@link LockOutPolicy}.
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
    static final String CREDENTIAL_SCOPE = "credential";
    static final String PERSON_SCOPE = "person";

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

    /** The counters of a credential, as read at step 3. */
    record State(Optional<CounterState> credential, Optional<CounterState> person) {
        boolean lockedAt(Instant now) {
            return credential.map(c -> c.isLockedAt(now)).orElse(false)
                    || person.map(c -> c.isLockedAt(now)).orElse(false);
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
                counters.find(personKey(record.subjectKey())));
    }

    /**
     * Counts the attempt as a failure on every counter, in order, and says whether it may be
     * evaluated: not if a counter is locked (that counter is then not counted, nor the ones after
     * it), and not if another attempt raced it into a lock-out (see the class comment).
     */
    Reservation reserve(CredentialRecord record, Instant now) {
        List<LoginEvent.LockedOut> locks = new ArrayList<>(2);
        boolean counted = false;
        for (Counter c : counters(record)) {
            CounterState after = counters.increment(c.key(), now, c.window());
            if (after.isLockedAt(now)) {
                return new Reservation(false, counted, List.copyOf(locks)); // locked: not counted
            }
            counted = true;
            long ticket = after.count();
            Optional<Instant> lock = policy.lockFor(ticket, now);
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
                new Counter(credentialKey(record.credentialId()), CREDENTIAL_SCOPE, policy.resetWindow()),
                new Counter(personKey(record.subjectKey()), PERSON_SCOPE, policy.resetWindow()));
    }

    private record Counter(String key, String scope, Duration window) {
    }
}
