package tw.mobileauth.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.mobileauth.Stores;
import tw.mobileauth.enrollment.VerificationOutcome;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.login.LoginFailedException;

/** What the benchmarks measure is the real thing: valid inputs, successful operations, a verifying reference. */
class BenchmarkFixturesTest {

    @Test
    void syntheticNationalIdsAreChecksumValidAndDistinct() throws Exception {
        for (int n : new int[] {0, 1, 2, 9, 10, 12_345, 9_999_999}) {
            assertEquals(Ids.nationalId(n), NationalId.parse(Ids.nationalId(n)).value());
        }
        assertTrue(!Ids.nationalId(1).equals(Ids.nationalId(2)));
    }

    @Test
    void theCryptoFloorAndTheWebAuthnReferenceVerify() throws Exception {
        CryptoFloor floor = new CryptoFloor();
        assertTrue(floor.argon2Verify());
        assertTrue(floor.p256Verify());
        assertTrue(new WebAuthnReference().finishAssertion());
    }

    @Test
    void aMeasuredLoginSucceedsAndItsAttemptCannotBeReplayed() throws Exception {
        try (Portal portal = new Portal(Stores.inMemory(Clock.systemUTC()), new TrivialHasher(Portal.PASSWORD))) {
            Portal.Browser browser = portal.enrol(1);
            String attempt = portal.attempt(browser);
            assertEquals(browser.credentialId(), portal.finish(attempt).credentialId().value());
            assertThrows(LoginFailedException.class, () -> portal.finish(attempt));
            assertEquals(browser.credentialId(), portal.finish(portal.attempt(browser)).credentialId().value());
        }
    }

    @Test
    void aMeasuredVerificationIssuesACredential() throws Exception {
        try (Portal portal = new Portal(Stores.inMemory(Clock.systemUTC()), new TrivialHasher(Portal.PASSWORD))) {
            Enrolment enrolment = new Enrolment(portal);
            Enrolment.AtCallback at = enrolment.toCallback(enrolment.begin(enrolment.application()));
            assertInstanceOf(VerificationOutcome.Issued.class,
                    portal.auth.enrollment().completeVerification(at.session(), at.callback()));
        }
    }

    @Test
    void theVerificationBenchmarkEnrolsADifferentPersonEachTime() throws Exception {
        EnrollmentBenchmark.Callback state = new EnrollmentBenchmark.Callback();
        state.start();
        try {
            Set<String> people = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                state.prepare();
                people.add(state.enrolment.person().holderId());
                assertInstanceOf(VerificationOutcome.Issued.class, new EnrollmentBenchmark().completeVerification(state));
            }
            assertEquals(3, people.size(), "three completions, three people");
        } finally {
            state.stop();
        }
    }
}
