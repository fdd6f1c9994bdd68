package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Races on one service: a challenge is consumed once, and every concurrent failure is counted. */
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
