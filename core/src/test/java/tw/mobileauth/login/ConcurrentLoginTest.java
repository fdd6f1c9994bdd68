package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.CredentialStore;

/**
 * Races on one service: a challenge is consumed once, every concurrent failure is counted, and
 * guesses running at the same time cannot get past the lock-out.
 */
class ConcurrentLoginTest {

    private static final int THREADS = 8;

    @Test
    void oneChallengeRacedByEightAttemptsLogsInExactlyOnce() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            LoginChallenge c = f.begin();
            List<LoginAttempt> attempts = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                attempts.add(f.attempt(e, c, e.person()).build());
            }
            List<Boolean> outcomes = race(attempts, a -> {
                try {
                    f.service.finishLogin(a, LoginFixture.DESKTOP);
                    return true;
                } catch (LoginFailedException refused) {
                    return false;
                }
            });
            assertEquals(1, outcomes.stream().filter(Boolean::booleanValue).count());
            assertEquals(THREADS - 1, f.audit.ofType(LoginEvent.Failed.class).stream()
                    .filter(x -> x.cause() == FailureCause.CHALLENGE_REPLAYED).count());
        }
    }

    @Test
    void concurrentWrongGuessesAreAllCounted() throws Exception {
        try (LoginFixture f = LoginFixture.direct(b -> b.lockOutPolicy(LockOutPolicy.builder().threshold(100).build()))) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            List<LoginAttempt> attempts = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                attempts.add(f.attempt(e, f.begin(), e.person().withPassword("guess-" + i)).build());
            }
            race(attempts, a -> {
                try {
                    f.service.finishLogin(a, LoginFixture.DESKTOP);
                    return true;
                } catch (LoginFailedException refused) {
                    return false;
                }
            });
            assertEquals(THREADS, f.counters.find(LockOuts.credentialKey(e.credentialId())).orElseThrow().count());
            assertEquals(THREADS, f.counters.find(LockOuts.personKey(f.record(e).subjectKey())).orElseThrow().count());
        }
    }

    /**
     * A security review's proof: with threshold 3, nine wrong guesses queued at the password
     * hasher's concurrency limit all passed the lock-out check before the first failure was
     * counted, so all nine were evaluated and a tenth, right, guess logged in. Now each is counted
     * before it is evaluated: exactly three are evaluated, the others fail as locked (still one
     * hash each), and the right password afterwards is refused.
     */
    @Test
    void guessesQueuedAtTheHasherAreCountedBeforeTheyAreEvaluatedSoOnlyTheThresholdIsTried() throws Exception {
        int wrong = 9;
        QueueAtTheHasher queue = new QueueAtTheHasher(wrong);
        try (LoginFixture f = LoginFixture.direct(b -> b.lockOutPolicy(THREE_STRIKES).passwordHasher(queue))) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            List<LoginAttempt> attempts = new ArrayList<>();
            for (int i = 0; i < wrong; i++) {
                attempts.add(f.attempt(e, f.begin(), e.person().withPassword("guess-" + i)).build());
            }

            List<Boolean> outcomes = race(attempts, a -> loggedIn(f, a));

            assertEquals(0, outcomes.stream().filter(Boolean::booleanValue).count());
            List<LoginEvent.Failed> failed = f.audit.ofType(LoginEvent.Failed.class);
            assertEquals(3, failed.stream().filter(x -> x.cause() == FailureCause.WRONG_PASSWORD).count(),
                    "threshold 3: three guesses evaluated, whatever the interleaving");
            assertEquals(wrong - 3, failed.stream().filter(x -> x.cause() == FailureCause.LOCKED).count());
            assertEquals(wrong, queue.hashes(), "one hash each, refused or not");
            queue.stopQueueing();

            assertFalse(loggedIn(f, f.attempt(e, f.begin(), e.person()).build()), "the right password comes too late");
            assertEquals(FailureCause.LOCKED, f.lastFailure());
        }
    }

    @Test
    void withTheRightPasswordAmongTenConcurrentGuessesStillOnlyTheThresholdIsEvaluated() throws Exception {
        int guesses = 10;
        QueueAtTheHasher queue = new QueueAtTheHasher(guesses);
        try (LoginFixture f = LoginFixture.direct(b -> b.lockOutPolicy(THREE_STRIKES).passwordHasher(queue))) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            List<LoginAttempt> attempts = new ArrayList<>();
            for (int i = 0; i < guesses - 1; i++) {
                attempts.add(f.attempt(e, f.begin(), e.person().withPassword("guess-" + i)).build());
            }
            attempts.add(f.attempt(e, f.begin(), e.person()).build());

            long successes = race(attempts, a -> loggedIn(f, a)).stream().filter(Boolean::booleanValue).count();

            long wrongEvaluated = f.audit.ofType(LoginEvent.Failed.class).stream()
                    .filter(x -> x.cause() == FailureCause.WRONG_PASSWORD).count();
            assertEquals(3, wrongEvaluated + successes, "exactly the threshold evaluated, the right one among them or not");
            assertEquals(successes, f.audit.ofType(LoginEvent.Succeeded.class).size());
        }
    }

    /**
     * Step 8 writes the last use with compare-and-set. When other writers of the same credential win
     * every attempt, the login is not recorded, so it must not be reported as a success either: it
     * ends as "we failed" (the store), with nothing cleared, and the next login records normally.
     */
    @Test
    void aSuccessThatLosesEveryCompareAndSetIsUnavailableNotAnUnrecordedSuccess() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            OtherWriters others = new OtherWriters(f.credentials, () -> { });
            LoginService contended = f.serviceOn(others, b -> b);

            LoginUnavailableException thrown = assertThrows(LoginUnavailableException.class, () -> contended
                    .finishLogin(f.attempt(e, contended.beginLogin(LoginFixture.DESKTOP), e.person()).build(),
                            LoginFixture.DESKTOP));

            assertEquals(LoginUnavailableException.Source.STORE, thrown.source());
            assertTrue(f.audit.ofType(LoginEvent.Succeeded.class).isEmpty(), "no success reported");
            assertEquals(OtherWriters.THEIR_LAST_USE, f.record(e).lastUsedAt().orElseThrow(), "ours never written");
            assertEquals(1, f.counters.find(LockOuts.credentialKey(e.credentialId())).orElseThrow().count(),
                    "not a success, so the counters are not cleared");

            others.stop();
            assertEquals(e.credentialId(), contended.finishLogin(f.attempt(e, contended.beginLogin(LoginFixture.DESKTOP),
                    e.person()).build(), LoginFixture.DESKTOP).credentialId().value());
            assertEquals(f.clock.instant(), f.record(e).lastUsedAt().orElseThrow());
        }
    }

    @Test
    void aSuccessThatCannotBeRecordedIsRefusedIfTheCredentialWasLockedOrRevokedMeanwhile() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            String person = LockOuts.personKey(f.record(e).subjectKey());
            LoginService lockedMeanwhile = f.serviceOn(new OtherWriters(f.credentials,
                    () -> f.counters.lockUntil(person, f.clock.instant().plusSeconds(60))), b -> b);
            assertThrows(LoginFailedException.class, () -> lockedMeanwhile.finishLogin(
                    f.attempt(e, lockedMeanwhile.beginLogin(LoginFixture.DESKTOP), e.person()).build(),
                    LoginFixture.DESKTOP));
            assertEquals(FailureCause.LOCKED, f.lastFailure());

            f.service.clearLockOut(e.person().parsedId());
            LoginService revokedMeanwhile = f.serviceOn(new OtherWriters(f.credentials,
                    () -> f.credentials.revoke(e.credentialId(), f.clock.instant())), b -> b);
            assertThrows(LoginFailedException.class, () -> revokedMeanwhile.finishLogin(
                    f.attempt(e, revokedMeanwhile.beginLogin(LoginFixture.DESKTOP), e.person()).build(),
                    LoginFixture.DESKTOP));
            assertEquals(FailureCause.CREDENTIAL_REVOKED, f.lastFailure());
        }
    }

    /**
     * A credential store where, until {@link #stop()}, another writer changes the record (and runs
     * {@code meanwhile}) just before each compare-and-set, so that every one of ours loses.
     */
    private static final class OtherWriters extends tw.mobileauth.testsupport.ForwardingCredentialStore {
        static final Instant THEIR_LAST_USE = Instant.parse("2025-01-01T00:00:00Z");
        private final Runnable meanwhile;
        private volatile boolean writing = true;

        OtherWriters(CredentialStore delegate, Runnable meanwhile) {
            super(delegate);
            this.meanwhile = meanwhile;
        }

        void stop() {
            writing = false;
        }

        @Override
        public boolean compareAndSet(long expectedVersion, CredentialRecord next) {
            if (writing) {
                CredentialRecord theirs = delegate().find(next.credentialId()).orElseThrow();
                delegate().compareAndSet(theirs.version(), Records.successor(theirs, theirs.passwordHash(),
                        Optional.of(THEIR_LAST_USE), theirs.acknowledgedNotice(), theirs.noticeAcknowledgedAt()));
                meanwhile.run();
            }
            return super.compareAndSet(expectedVersion, next);
        }
    }

    private static final LockOutPolicy THREE_STRIKES = LockOutPolicy.builder().threshold(3)
            .waitIncrement(Duration.ofMinutes(1)).maxWait(Duration.ofMinutes(5)).build();

    private static boolean loggedIn(LoginFixture f, LoginAttempt a) throws LoginUnavailableException {
        try {
            f.service.finishLogin(a, LoginFixture.DESKTOP);
            return true;
        } catch (LoginFailedException refused) {
            return false;
        }
    }

    /**
     * Requests queued at the hashing limiter: no hash (real or dummy) finishes until {@code parties}
     * attempts have reached the hasher.
     */
    static final class QueueAtTheHasher implements PasswordHasher {
        private final PasswordHasher delegate = LoginFixture.fastArgon2id(1);
        private final CyclicBarrier barrier;
        private final AtomicInteger hashes = new AtomicInteger();
        private volatile boolean queueing = true;

        QueueAtTheHasher(int parties) {
            barrier = new CyclicBarrier(parties);
        }

        /** From now on hashes run at once. */
        void stopQueueing() {
            queueing = false;
        }

        private void queue() {
            if (!queueing) {
                return;
            }
            try {
                barrier.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new AssertionError("not every attempt reached the hasher", e);
            }
        }

        int hashes() {
            return hashes.get();
        }

        @Override
        public String hash(char[] password) throws CryptoException.HasherBusy {
            return delegate.hash(password);
        }

        @Override
        public boolean verify(char[] password, String phc)
                throws CryptoException.MalformedPasswordHash, CryptoException.HasherBusy {
            queue();
            hashes.incrementAndGet();
            return delegate.verify(password, phc);
        }

        @Override
        public boolean needsRehash(String phc) throws CryptoException.MalformedPasswordHash {
            return delegate.needsRehash(phc);
        }

        @Override
        public void dummyVerify(char[] password) throws CryptoException.HasherBusy {
            queue();
            hashes.incrementAndGet();
            delegate.dummyVerify(password);
        }
    }

    interface Login {
        boolean run(LoginAttempt attempt) throws Exception;
    }

    private static List<Boolean> race(List<LoginAttempt> attempts, Login login) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (LoginAttempt a : attempts) {
                Callable<Boolean> task = () -> {
                    start.await();
                    return login.run(a);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Boolean> out = new ArrayList<>();
            for (Future<Boolean> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
