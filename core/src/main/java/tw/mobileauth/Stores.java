package tw.mobileauth;

import java.time.Clock;
import java.util.Objects;
import tw.mobileauth.store.CounterStore;
import tw.mobileauth.store.CredentialStore;
import tw.mobileauth.store.EnrollmentStore;
import tw.mobileauth.store.InMemoryCounterStore;
import tw.mobileauth.store.InMemoryCredentialStore;
import tw.mobileauth.store.InMemoryEnrollmentStore;
import tw.mobileauth.store.InMemoryOneTimeTokenStore;
import tw.mobileauth.store.OneTimeTokenStore;

/**
 * The four stores a portal keeps, as one value: what {@link MobileAuth} needs, and what a
 * persistent store module provides in one call. Every store must be shared by every portal node;
 * see the {@link tw.mobileauth.store store SPI} for the atomicity each operation promises.
 *
 * @param enrollments pending and recently finished enrolments
 * @param tokens      single-use tokens: form challenges, QR handoffs, carrier states, login challenges
 * @param credentials issued credentials (keyed verifiers only, never plaintext personal data)
 * @param counters    failed-login counters and lock-outs
 */
public record Stores(EnrollmentStore enrollments, OneTimeTokenStore tokens, CredentialStore credentials,
        CounterStore counters) {

    /**
     * All four required.
     *
     * @param enrollments the enrollments value
     * @param tokens the tokens value
     * @param credentials the credentials value
     * @param counters the counters value
     */
    public Stores {
        Objects.requireNonNull(enrollments, "enrollments");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(counters, "counters");
    }

    /**
     * {@return in-memory stores on {@code clock}: for tests, the demo and a single portal node that may
     * forget every enrolment and credential on restart. Bounded as each in-memory store documents}
     *
     * @param clock the clock that decides expiry
     */
    public static Stores inMemory(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new Stores(new InMemoryEnrollmentStore(clock), new InMemoryOneTimeTokenStore(clock),
                new InMemoryCredentialStore(), new InMemoryCounterStore(clock));
    }
}
