package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.store.CounterState;

/** Lock-out (docs/journey.md, "Login, step by step"), per credential and per person, driven by the injected clock. */
class LockOutTest {

    private static final LockOutPolicy THREE_STRIKES = LockOutPolicy.builder()
            .threshold(3)
            .waitIncrement(Duration.ofMinutes(1))
            .maxWait(Duration.ofMinutes(5))
            .resetWindow(Duration.ofHours(1))
            .build();

    private static LoginFixture fixture(LockOutPolicy policy) {
        return LoginFixture.direct(b -> b.lockOutPolicy(policy));
    }

    private static void failWrongPassword(LoginFixture f, LoginFixture.Enrolled e) {
        assertThrows(LoginFailedException.class, () -> f.login(e, e.person().withPassword("not-it")));
    }

    private static CounterState credentialCounter(LoginFixture f, LoginFixture.Enrolled e) {
        return f.counters.find(LockOuts.credentialKey(e.credentialId())).orElseThrow();
    }

    private static Optional<CounterState> personCounter(LoginFixture f, LoginFixture.Enrolled e) {
        return f.counters.find(LockOuts.personKey(f.record(e).subjectKey()));
    }

    @Test
    void atTheThresholdEvenTheRightFieldsFailUntilTheWaitIsOver() throws Exception {
        try (LoginFixture f = fixture(THREE_STRIKES)) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            failWrongPassword(f, e);
            failWrongPassword(f, e);
            assertDoesNotThrow(() -> f.login(e), "below the threshold the right fields still log in");
            for (int i = 0; i < 3; i++) {
                failWrongPassword(f, e);
            }

            assertThrows(LoginFailedException.class, () -> f.login(e));
            assertEquals(FailureCause.LOCKED, f.lastFailure());
            Instant until = credentialCounter(f, e).lockedUntil().orElseThrow();
            assertEquals(f.clock.instant().plus(Duration.ofMinutes(1)), until);

            f.clock.set(until.minusMillis(1));
            assertThrows(LoginFailedException.class, () -> f.login(e));
            assertEquals(FailureCause.LOCKED, f.lastFailure());
            f.clock.set(until);
            assertEquals(e.credentialId(), f.login(e).credentialId().value(), "the lock ends at its instant");
        }
    }

    @Test
    void attemptsWhileLockedAreNotCounted() throws Exception {
        try (LoginFixture f = fixture(THREE_STRIKES)) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            for (int i = 0; i < 3; i++) {
                failWrongPassword(f, e);
            }
            CounterState locked = credentialCounter(f, e);
            assertEquals(3, locked.count());

            for (int i = 0; i < 5; i++) {
                failWrongPassword(f, e);
                assertEquals(FailureCause.LOCKED, f.lastFailure());
            }
            assertEquals(locked, credentialCounter(f, e), "nothing counted, the lock not extended");
            List<LoginEvent.Failed> failed = f.audit.ofType(LoginEvent.Failed.class);
            assertTrue(failed.subList(3, 8).stream().noneMatch(LoginEvent.Failed::counted));
            assertTrue(failed.subList(0, 3).stream().allMatch(LoginEvent.Failed::counted));
        }
    }

    @Test
    void waitsGrowWithTheFailuresUpToTheMaximum() throws Exception {
        try (LoginFixture f = fixture(THREE_STRIKES)) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            for (int i = 0; i < 2; i++) {
                failWrongPassword(f, e);
            }
            long previous = 0;
            for (int failures = 3; failures <= 18; failures++) {
                failWrongPassword(f, e);
                assertEquals(failures, credentialCounter(f, e).count());
                Instant until = credentialCounter(f, e).lockedUntil().orElseThrow();
                long minutes = Duration.between(f.clock.instant(), until).toMinutes();
                assertEquals(Math.min(failures / 3, 5), minutes, "failure " + failures);
                assertTrue(minutes >= previous, "waits never shrink");
                previous = minutes;
                f.clock.set(until);
            }
            assertEquals(5, previous, "capped at maxWait");
            List<LoginEvent.LockedOut> locks = f.audit.ofType(LoginEvent.LockedOut.class);
            assertTrue(locks.stream().anyMatch(l -> l.scope().equals("credential")));
            assertTrue(locks.stream().anyMatch(l -> l.scope().equals("person")));
        }
    }

    @Test
    void theCountStartsAgainAfterTheResetWindow() throws Exception {
        try (LoginFixture f = fixture(THREE_STRIKES)) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            failWrongPassword(f, e);
            failWrongPassword(f, e);
            assertEquals(2, credentialCounter(f, e).count());

            f.clock.advance(Duration.ofHours(1));
            failWrongPassword(f, e);
            assertEquals(1, credentialCounter(f, e).count(), "failures older than the window are forgotten");
            failWrongPassword(f, e);
            assertTrue(credentialCounter(f, e).lockedUntil().isEmpty(), "two in the new window do not lock");
            assertDoesNotThrow(() -> f.login(e));
        }
    }

    @Test
    void aSuccessClearsBothCounters() throws Exception {
        try (LoginFixture f = fixture(THREE_STRIKES)) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            failWrongPassword(f, e);
            failWrongPassword(f, e);
            assertTrue(personCounter(f, e).isPresent());

            f.login(e);
            assertTrue(f.counters.find(LockOuts.credentialKey(e.credentialId())).isEmpty());
            assertTrue(personCounter(f, e).isEmpty());
            failWrongPassword(f, e);
            failWrongPassword(f, e);
            assertDoesNotThrow(() -> f.login(e), "after the success, two more failures do not lock");
        }
    }

    @Test
    void thePersonCounterCapsGuessesAcrossThePersonsCredentials() throws Exception {
        try (LoginFixture f = fixture(THREE_STRIKES)) {
            TestPeople.Person p = TestPeople.person(1);
            LoginFixture.Enrolled laptop = f.enrol(p);
            LoginFixture.Enrolled desktop = f.enrol(p);
            LoginFixture.Enrolled someoneElse = f.enrol(TestPeople.person(2));
            failWrongPassword(f, laptop);
            failWrongPassword(f, laptop);
            failWrongPassword(f, desktop);

            assertThrows(LoginFailedException.class, () -> f.login(desktop));
            assertEquals(FailureCause.LOCKED, f.lastFailure());
            assertThrows(LoginFailedException.class, () -> f.login(laptop));
            assertEquals(FailureCause.LOCKED, f.lastFailure());
            assertTrue(f.counters.find(LockOuts.credentialKey(desktop.credentialId())).orElseThrow()
                    .lockedUntil().isEmpty(), "the desktop's own counter is below the threshold");
            assertDoesNotThrow(() -> f.login(someoneElse), "another person is not affected");
        }
    }

    @Test
    void onlyGuessesAfterAVerifiedSignatureCountSoKnowingAnIdCannotLockAPersonOut() throws Exception {
        try (LoginFixture f = fixture(THREE_STRIKES)) {
            LoginFixture.Enrolled victim = f.enrol(TestPeople.person(1));
            LoginFixture.Enrolled attacker = f.enrol(TestPeople.person(2));
            DeviceKey notTheVictimsKey = DeviceKey.generate(f.random);
            for (int i = 0; i < 10; i++) {
                // the victim's credential id and all four fields, but not the victim's device key
                assertThrows(LoginFailedException.class, () -> f.service.finishLogin(
                        f.attempt(victim.credentialId(), notTheVictimsKey, f.begin(), victim.person()).build(),
                        LoginFixture.DESKTOP));
                assertEquals(FailureCause.BAD_SIGNATURE, f.lastFailure());
                // the attacker's own credential, typing the victim's ID
                assertThrows(LoginFailedException.class,
                        () -> f.login(attacker, attacker.person().withNationalId(victim.person().nationalId())));
                assertEquals(FailureCause.WRONG_ID, f.lastFailure());
                f.clock.advance(Duration.ofMinutes(6));
            }
            assertTrue(f.counters.find(LockOuts.credentialKey(victim.credentialId())).isEmpty());
            assertTrue(personCounter(f, victim).isEmpty());
            assertDoesNotThrow(() -> f.login(victim));
            assertTrue(personCounter(f, attacker).isPresent(), "the attacker's failures count against the attacker");
        }
    }

    @Test
    void aPermanentLockWaitsForAnAdministratorToClearIt() throws Exception {
        LockOutPolicy policy = LockOutPolicy.builder().threshold(2).permanentLockAfter(1)
                .waitIncrement(Duration.ofMinutes(1)).maxWait(Duration.ofMinutes(1)).build();
        try (LoginFixture f = fixture(policy)) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            failWrongPassword(f, e);
            failWrongPassword(f, e);
            Instant temporary = credentialCounter(f, e).lockedUntil().orElseThrow();
            assertEquals(f.clock.instant().plus(Duration.ofMinutes(1)), temporary, "the first lock-out is temporary");
            f.clock.set(temporary);
            failWrongPassword(f, e);
            assertEquals(LockOutPolicy.PERMANENT, credentialCounter(f, e).lockedUntil().orElseThrow());
            assertTrue(f.audit.ofType(LoginEvent.LockedOut.class).stream().anyMatch(LoginEvent.LockedOut::permanent));

            f.clock.advance(Duration.ofDays(300));
            assertThrows(LoginFailedException.class, () -> f.login(e));
            assertEquals(FailureCause.LOCKED, f.lastFailure());

            assertEquals(3, f.service.clearLockOut(e.person().parsedId()), "credential, person and streak counters");
            assertDoesNotThrow(() -> f.login(e));
            assertEquals(1, f.audit.ofType(LoginEvent.LockOutCleared.class).size());
        }
    }

    /**
     * NIST SP 800-63B §5.2.2: no more than 100 consecutive failed attempts on one account. With the
     * standard policy, 100 failures in a row lock the person permanently however slowly they come:
     * here one every 13 hours, so every one starts a new reset window and no temporary lock ever
     * applies. Only an administrator lifts it.
     */
    @Test
    void aHundredFailuresInARowLockThePersonPermanentlyByDefaultHoweverSpreadOverTime() throws Exception {
        try (LoginFixture f = fixture(LockOutPolicy.standard())) {
            TestPeople.Person p = TestPeople.person(1);
            LoginFixture.Enrolled laptop = f.enrol(p);
            LoginFixture.Enrolled phone = f.enrol(p);
            for (int i = 1; i < LockOutPolicy.MAX_CONSECUTIVE_FAILURES; i++) {
                failWrongPassword(f, i % 2 == 0 ? laptop : phone);
                assertTrue(f.lastFailure().countsTowardsLockOut(), "failure " + i + " was evaluated");
                f.clock.advance(Duration.ofHours(13));
            }
            assertDoesNotThrow(() -> f.login(laptop, p), () -> "99 in a row: still open, but " + f.lastFailureOrNone());
            for (int i = 1; i <= LockOutPolicy.MAX_CONSECUTIVE_FAILURES; i++) {
                failWrongPassword(f, i % 2 == 0 ? laptop : phone);
                assertTrue(f.lastFailure().countsTowardsLockOut(), "failure " + i + " was evaluated");
                f.clock.advance(Duration.ofHours(13));
            }

            for (LoginFixture.Enrolled e : List.of(laptop, phone)) {
                assertThrows(LoginFailedException.class, () -> f.login(e));
                assertEquals(FailureCause.LOCKED, f.lastFailure(), "the right fields after 100 in a row");
            }
            assertTrue(f.audit.ofType(LoginEvent.LockedOut.class).stream()
                    .anyMatch(l -> l.permanent() && l.scope().equals(LockOuts.STREAK_SCOPE) && l.failures() == 100));
            f.clock.advance(Duration.ofDays(200)); // (the certificates live 365 days)
            assertThrows(LoginFailedException.class, () -> f.login(laptop));
            assertEquals(FailureCause.LOCKED, f.lastFailure(), "not healed by time");

            f.service.clearLockOut(p.parsedId());
            assertDoesNotThrow(() -> f.login(phone));
        }
    }

    @Test
    void aConfiguredCapBelowOneHundredLocksEarlierAndASuccessResetsTheStreak() throws Exception {
        LockOutPolicy five = LockOutPolicy.builder().threshold(5).maxConsecutiveFailures(5)
                .resetWindow(Duration.ofHours(1)).build();
        try (LoginFixture f = fixture(five)) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            for (int i = 0; i < 4; i++) {
                failWrongPassword(f, e);
                f.clock.advance(Duration.ofHours(2));
            }
            assertEquals(4, f.counters.find(LockOuts.streakKey(f.record(e).subjectKey())).orElseThrow().count(),
                    "the streak outlives the reset window");
            assertDoesNotThrow(() -> f.login(e));
            assertTrue(f.counters.find(LockOuts.streakKey(f.record(e).subjectKey())).isEmpty(), "a success resets it");
            for (int i = 0; i < 5; i++) {
                failWrongPassword(f, e);
                f.clock.advance(Duration.ofHours(2));
            }
            assertThrows(LoginFailedException.class, () -> f.login(e));
            assertEquals(FailureCause.LOCKED, f.lastFailure());
            assertEquals(LockOutPolicy.PERMANENT, f.counters.find(LockOuts.streakKey(f.record(e).subjectKey()))
                    .orElseThrow().lockedUntil().orElseThrow());
        }
    }

    @Test
    void theThresholdIsAtMostOneHundredAndTheWaitsMustBeConsistent() {
        assertEquals(100, LockOutPolicy.builder().threshold(100).build().threshold());
        assertThrows(IllegalArgumentException.class, () -> LockOutPolicy.builder().threshold(101));
        assertThrows(IllegalArgumentException.class, () -> LockOutPolicy.builder().threshold(0));
        assertThrows(IllegalArgumentException.class,
                () -> LockOutPolicy.builder().waitIncrement(Duration.ofMinutes(10)).maxWait(Duration.ofMinutes(5)).build());
        assertThrows(IllegalArgumentException.class, () -> LockOutPolicy.builder().resetWindow(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> LockOutPolicy.builder().permanentLockAfter(-1));
        LockOutPolicy standard = LockOutPolicy.standard();
        assertEquals(10, standard.threshold());
        assertEquals(Duration.ofMinutes(1), standard.waitIncrement());
        assertEquals(Duration.ofMinutes(15), standard.maxWait());
        assertEquals(Duration.ofHours(12), standard.resetWindow());
        assertTrue(standard.permanentLockAfter().isEmpty());
        assertEquals(100, standard.maxConsecutiveFailures(), "NIST SP 800-63B §5.2.2, on by default");
        assertThrows(IllegalArgumentException.class, () -> LockOutPolicy.builder().maxConsecutiveFailures(101));
        assertThrows(IllegalArgumentException.class, () -> LockOutPolicy.builder().maxConsecutiveFailures(0));
        assertThrows(IllegalArgumentException.class,
                () -> LockOutPolicy.builder().threshold(20).maxConsecutiveFailures(19).build());
        assertEquals(20, LockOutPolicy.builder().threshold(20).maxConsecutiveFailures(20).build().maxConsecutiveFailures());
        assertFalse(standard.lockFor(9, Instant.EPOCH).isPresent());
        assertEquals(Instant.EPOCH.plus(Duration.ofMinutes(1)), standard.lockFor(10, Instant.EPOCH).orElseThrow());
        assertEquals(Instant.EPOCH.plus(Duration.ofMinutes(15)), standard.lockFor(10_000, Instant.EPOCH).orElseThrow());
    }
}
