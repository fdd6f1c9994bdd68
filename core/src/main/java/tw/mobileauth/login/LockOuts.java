package tw.mobileauth.login;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tw.mobileauth.store.CounterState;
import tw.mobileauth.store.CounterStore;
import tw.mobileauth.store.CredentialRecord;

/**
 * The two lock-out counters of a login, on the {@link CounterStore}: one per credential and one per
 * person (the credential owner's subject key), applying the {@link LockOutPolicy}.
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

    /** Both counters of a credential, as read at step 3. */
    record State(Optional<CounterState> credential, Optional<CounterState> person) {
        boolean lockedAt(Instant now) {
            return credential.map(c -> c.isLockedAt(now)).orElse(false)
                    || person.map(c -> c.isLockedAt(now)).orElse(false);
        }
    }

    /** The outcome of counting one failure: whether it was counted, and the locks it set. */
    record Counted(boolean counted, List<LoginEvent.LockedOut> locks) {
    }

    State read(CredentialRecord record) {
        return new State(counters.find(credentialKey(record.credentialId())),
                counters.find(personKey(record.subjectKey())));
    }

    /**
     * Counts one failed guess on both counters (each increment is atomic and ignored while that
     * counter is locked) and locks a counter that reached the threshold.
     */
    Counted count(CredentialRecord record, Instant now) {
        List<LoginEvent.LockedOut> locks = new ArrayList<>(2);
        boolean a = countOne(credentialKey(record.credentialId()), CREDENTIAL_SCOPE, record.credentialId(), now, locks);
        boolean b = countOne(personKey(record.subjectKey()), PERSON_SCOPE, record.credentialId(), now, locks);
        return new Counted(a || b, List.copyOf(locks));
    }

    /** A success clears the counters that existed when the attempt read them. */
    void clear(State seen, CredentialRecord record) {
        if (seen.credential().isPresent()) {
            counters.reset(credentialKey(record.credentialId()));
        }
        if (seen.person().isPresent()) {
            counters.reset(personKey(record.subjectKey()));
        }
    }

    private boolean countOne(String key, String scope, String credentialId, Instant now,
            List<LoginEvent.LockedOut> locks) {
        CounterState after = counters.increment(key, now, policy.resetWindow());
        if (after.isLockedAt(now)) {
            return false; // locked meanwhile by a concurrent failure: not counted
        }
        Optional<Instant> lock = policy.lockFor(after.count(), now);
        if (lock.isPresent()) {
            counters.lockUntil(key, lock.get());
            locks.add(new LoginEvent.LockedOut(now, scope, credentialId, lock.get(), after.count(),
                    lock.get().equals(LockOutPolicy.PERMANENT)));
        }
        return true;
    }
}
