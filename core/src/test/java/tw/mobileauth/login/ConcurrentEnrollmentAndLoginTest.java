package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.enrollment.CredentialVerifiers;

/**
 * Enrolment and login on two threads, for real (fake carrier networks, REPLACE_ALL binding): while
 * one thread finishes a person's re-enrolment, the other keeps logging in with the person's old
 * credential and with a bystander's. The property-based story ({@link EnrollmentAndLoginProperties})
 * interleaves the same operations one at a time; this test lets them overlap.
 */
class ConcurrentEnrollmentAndLoginTest {

    private static final int ROUNDS = 4;
    private static final int LOGINS_AFTER_THE_RE_ENROLLMENT = 5;

    /** One login of the racing thread: when it started, and its outcome. */
    private record Outcome(long startedNanos, LoginFixture.Enrolled with, Optional<Authentication> success) {
    }

    @Test
    void loginsRacingAReEnrollmentNameTheirOwnerAndTheReplacedCredentialNeverLogsInOnceRevoked() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (LoginFixture f = LoginFixture.withCarriers()) {
            var subscribers = f.carrier.orElseThrow().networks.subscribers();
            Subscriber person = subscribers.find("cht", Scenario.ELIGIBLE);
            LoginFixture.Enrolled bystander = f.enrolThroughCarrier(subscribers.find("twm", Scenario.ELIGIBLE));
            LoginFixture.Enrolled current = f.enrolThroughCarrier(person);
            int overlapping = 0;
            for (int round = 0; round < ROUNDS; round++) {
                LoginFixture.Enrolled old = current;
                LoginFixture.AwaitingCallback replacement = f.verifiedByTheCarrier(person);
                CountDownLatch go = new CountDownLatch(1);
                AtomicLong replacedAt = new AtomicLong(Long.MAX_VALUE);

                Future<LoginFixture.Enrolled> enrollment = threads.submit(() -> {
                    go.await();
                    LoginFixture.Enrolled replaced = replacement.complete(); // issuance, then REPLACE_ALL revokes
                    replacedAt.set(System.nanoTime());
                    return replaced;
                });
                Future<List<Outcome>> logins = threads.submit(() -> {
                    go.await();
                    List<Outcome> out = new ArrayList<>();
                    int after = 0;
                    for (int i = 0; after < LOGINS_AFTER_THE_RE_ENROLLMENT; i++) {
                        boolean done = replacedAt.get() != Long.MAX_VALUE;
                        LoginFixture.Enrolled with = i % 3 == 2 ? bystander : old;
                        long started = System.nanoTime();
                        Optional<Authentication> a;
                        try {
                            a = Optional.of(f.login(with));
                        } catch (LoginFailedException refused) {
                            a = Optional.empty();
                        }
                        out.add(new Outcome(started, with, a));
                        after += done ? 1 : 0;
                    }
                    return out;
                });
                go.countDown();
                current = enrollment.get(30, TimeUnit.SECONDS);
                List<Outcome> outcomes = logins.get(30, TimeUnit.SECONDS);

                for (Outcome o : outcomes) {
                    o.success().ifPresent(a -> {
                        assertEquals(o.with().credentialId(), a.credentialId().value(), "the credential that signed");
                        assertEquals(CredentialVerifiers.subjectKey(f.hmac, o.with().person().parsedId()),
                                a.subjectReference(), "its owner");
                    });
                    if (o.with() == old && o.startedNanos() > replacedAt.get()) {
                        assertFalse(o.success().isPresent(), "a login that began after the re-enrolment had"
                                + " revoked the old credential got in with it");
                    }
                    if (o.with() == bystander) {
                        assertTrue(o.success().isPresent(), "another person's logins are not affected");
                    }
                    if (o.with() == old && o.startedNanos() <= replacedAt.get()) {
                        overlapping++;
                    }
                }
                assertTrue(outcomes.stream().anyMatch(o -> o.with() == old && o.startedNanos() > replacedAt.get()),
                        "not vacuous: the old credential was tried after the re-enrolment");
                assertEquals(current.credentialId(), f.login(current).credentialId().value(), "the new browser logs in");
            }
            assertTrue(overlapping > 0, "not vacuous: some logins with the old credential ran during the re-enrolment");
        } finally {
            threads.shutdownNow();
        }
    }
}
