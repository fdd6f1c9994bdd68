package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.store.CounterState;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.TokenPurpose;

/** Each numbered step of {@link FinishLoginSteps}, on its own (Yubico's FinishAssertionSteps style). */
class FinishLoginStepsTest {

    LoginFixture f;
    FinishLoginSteps steps;
    LoginFixture.Enrolled e;

    @BeforeEach
    void setUp() {
        f = LoginFixture.direct(b -> b.lockOutPolicy(LockOutPolicy.builder().threshold(2).build()));
        steps = f.service.steps();
        e = f.enrol(TestPeople.person(7));
        f.hasher.reset();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static FailureCause refusal(Executable step) {
        return assertThrows(StepFailure.class, step).cause();
    }

    @Nested
    class Step1ConsumeTheChallenge {
        @Test
        void aFreshChallengeGivesItsNonceOnceThenIsAReplay() throws Exception {
            LoginChallenge c = f.begin();
            assertArrayEquals(c.nonce(), steps.consumeChallenge(c.id(), f.clock.instant()));
            assertEquals(FailureCause.CHALLENGE_REPLAYED, refusal(() -> steps.consumeChallenge(c.id(), f.clock.instant())));
        }

        @Test
        void aChallengeDiesAtItsExpiry() throws Exception {
            LoginChallenge c = f.begin();
            LoginChallenge d = f.begin();
            assertEquals(f.clock.instant().plus(LoginService.DEFAULT_CHALLENGE_TTL), c.expiresAt());
            assertArrayEquals(d.nonce(), steps.consumeChallenge(d.id(), c.expiresAt().minusMillis(1)));
            assertEquals(FailureCause.CHALLENGE_EXPIRED, refusal(() -> steps.consumeChallenge(c.id(), c.expiresAt())));
        }

        @Test
        void unknownMalformedOrForeignChallengesAreUnknown() {
            for (String id : new String[] {"AAAAAAAAAAAAAAAAAAAAAA", "", "short", "AAAAAAAAAAAAAAAAAAAAA=",
                    "AAAAAAAAAAAAAAAAAAAAAAA", "ＡAAAAAAAAAAAAAAAAAAAAA", "../../../../etc/passwd"}) {
                assertEquals(FailureCause.CHALLENGE_UNKNOWN, refusal(() -> steps.consumeChallenge(id, f.clock.instant())), id);
            }
            assertEquals(FailureCause.CHALLENGE_UNKNOWN, refusal(() -> steps.consumeChallenge(null, f.clock.instant())));
            String id = "BBBBBBBBBBBBBBBBBBBBBB";
            f.tokens.insert(OneTimeToken.unclaimed(FinishLoginSteps.challengeKey(f.hmac, id), TokenPurpose.HANDOFF,
                    "enrolment", "", f.clock.instant(), f.clock.instant().plusSeconds(60)));
            assertEquals(FailureCause.CHALLENGE_UNKNOWN, refusal(() -> steps.consumeChallenge(id, f.clock.instant())),
                    "a token of another purpose is never a login challenge");
        }

        @Test
        void theStoreHoldsOnlyAKeyedHashOfTheChallengeId() {
            LoginChallenge c = f.begin();
            assertTrue(f.tokens.find(c.id()).isEmpty());
            OneTimeToken stored = f.tokens.find(FinishLoginSteps.challengeKey(f.hmac, c.id())).orElseThrow();
            assertEquals(TokenPurpose.LOGIN_CHALLENGE, stored.purpose());
            assertEquals(c.nonceBase64Url(), stored.payload());
        }
    }

    @Nested
    class Step2LoadTheCredential {
        @Test
        void aKnownCredentialIsLoadedWithoutHashing() throws Exception {
            HashBudget budget = new HashBudget(f.hasher);
            assertEquals(e.credentialId(), steps.loadCredential(e.credentialId(), new char[] {'x'}, budget).credentialId());
            assertFalse(budget.spent());
            assertEquals(0, f.hasher.computations());
        }

        @Test
        void anUnknownOrMalformedCredentialStillCostsExactlyOneDummyHash() {
            for (String id : new String[] {CredentialId.generate(f.random).value(), "", "mat_../x",
                    "m".repeat(10_000), "mat_\u0000"}) {
                f.hasher.reset();
                HashBudget budget = new HashBudget(f.hasher);
                assertEquals(FailureCause.UNKNOWN_CREDENTIAL,
                        refusal(() -> steps.loadCredential(id, new char[] {'p'}, budget)));
                assertTrue(budget.spent());
                assertEquals(1, f.hasher.dummies());
                assertEquals(1, f.hasher.computations());
            }
        }

        @Test
        void theBudgetSpendsItsOneHashOnlyOnce() throws Exception {
            HashBudget budget = new HashBudget(f.hasher);
            budget.spendIfUnspent(new char[0]);
            budget.spendIfUnspent(new char[0]);
            assertEquals(1, f.hasher.computations());
        }
    }

    @Nested
    class Step3CheckTheLockOut {
        @Test
        void unlockedCountersPassAndAreReturnedForTheSuccessToClear() throws Exception {
            assertTrue(steps.checkLockOut(f.record(e), f.clock.instant()).credential().isEmpty());
            f.counters.increment(LockOuts.credentialKey(e.credentialId()), f.clock.instant(), Duration.ofHours(1));
            LockOuts.State s = steps.checkLockOut(f.record(e), f.clock.instant());
            assertEquals(1, s.credential().orElseThrow().count());
        }

        @Test
        void aLockOnTheCredentialOrOnThePersonRefusesUntilItEnds() throws Exception {
            CredentialRecord r = f.record(e);
            Instant until = f.clock.instant().plusSeconds(60);
            f.counters.lockUntil(LockOuts.credentialKey(r.credentialId()), until);
            assertEquals(FailureCause.LOCKED, refusal(() -> steps.checkLockOut(r, f.clock.instant())));
            steps.checkLockOut(r, until);

            f.counters.lockUntil(LockOuts.personKey(r.subjectKey()), until.plusSeconds(60));
            assertEquals(FailureCause.LOCKED, refusal(() -> steps.checkLockOut(r, until)));
            steps.checkLockOut(r, until.plusSeconds(60));
        }
    }

    @Nested
    class Step4CheckTheCertificate {
        @Test
        void theStoredCertificateIsParsedOnceAndValidUpToItsNotAfterInclusive() throws Exception {
            CredentialRecord r = f.record(e);
            DeviceCredentials.Usable first = steps.checkCertificate(r, f.clock.instant());
            assertEquals(e.deviceKey().publicKey(), first.key());
            assertSame(first, steps.checkCertificate(r, f.clock.instant()), "cached, not re-parsed");
            assertSame(first, steps.checkCertificate(f.record(e), first.notAfter()));
            assertEquals(FailureCause.CERTIFICATE_EXPIRED,
                    refusal(() -> steps.checkCertificate(r, first.notAfter().plusMillis(1))));
            assertEquals(FailureCause.CERTIFICATE_NOT_YET_VALID,
                    refusal(() -> steps.checkCertificate(r, first.notBefore().minusMillis(1))));
        }

        @Test
        void aRevokedCredentialIsRefusedBeforeItsCertificateIsRead() {
            f.credentials.revoke(e.credentialId(), f.clock.instant());
            assertEquals(FailureCause.CREDENTIAL_REVOKED, refusal(() -> steps.checkCertificate(f.record(e), f.clock.instant())));
            assertEquals(0, f.service.deviceCredentials().size());
        }

        @Test
        void aRecordWhoseCertificateOrKeyDoesNotFitIsCorruptAndAChangedCertificateIsReRead() throws Exception {
            CredentialRecord r = f.record(e);
            steps.checkCertificate(r, f.clock.instant());
            LoginFixture.Enrolled other = f.enrol(TestPeople.person(8));
            CredentialRecord swapped = withCertificate(r, f.record(other).certificate(), r.devicePublicKey());
            assertEquals(FailureCause.CREDENTIAL_CORRUPT, refusal(() -> steps.checkCertificate(swapped, f.clock.instant())),
                    "a certificate naming another credential");
            CredentialRecord wrongKey = withCertificate(r, r.certificate(), f.record(other).devicePublicKey());
            assertEquals(FailureCause.CREDENTIAL_CORRUPT, refusal(() -> steps.checkCertificate(wrongKey, f.clock.instant())),
                    "a stored key that is not the certificate's");
            CredentialRecord garbage = withCertificate(r, "not base64!", r.devicePublicKey());
            assertEquals(FailureCause.CREDENTIAL_CORRUPT, refusal(() -> steps.checkCertificate(garbage, f.clock.instant())));
            assertEquals(e.deviceKey().publicKey(), steps.checkCertificate(r, f.clock.instant()).key(), "back to the real one");
        }

        private CredentialRecord withCertificate(CredentialRecord r, String certificate, String key) {
            return new CredentialRecord(r.credentialId(), r.version(), r.subjectKey(), r.birthDateVerifier(),
                    r.nameVerifier(), r.passwordHash(), key, certificate, r.status(), r.issuedAt(), r.notAfter(),
                    r.revokedAt(), r.lastUsedAt(), r.acknowledgedNotice(), r.noticeAcknowledgedAt());
        }
    }

    @Nested
    class Step5VerifyTheSignature {
        @Test
        void theDeviceSignatureOverNonceCredentialAndConfiguredOriginVerifiesInBothEncodings() throws Exception {
            DeviceCredentials.Usable device = steps.checkCertificate(f.record(e), f.clock.instant());
            byte[] nonce = f.begin().nonce();
            byte[] message = SignedMessages.login(nonce, e.credentialId(), LoginFixture.ORIGIN);
            steps.verifySignature(device, nonce, e.credentialId(), e.deviceKey().sign(message));
            steps.verifySignature(device, nonce, e.credentialId(), derSignature(e.deviceKey(), message));
        }

        @Test
        void anyOtherNonceCredentialOriginKeyOrNoSignatureIsABadSignature() throws Exception {
            DeviceCredentials.Usable device = steps.checkCertificate(f.record(e), f.clock.instant());
            byte[] nonce = f.begin().nonce();
            byte[] otherNonce = f.begin().nonce();
            String id = e.credentialId();
            byte[] forOtherNonce = e.deviceKey().sign(SignedMessages.login(otherNonce, id, LoginFixture.ORIGIN));
            byte[] forOtherCredential = e.deviceKey().sign(SignedMessages.login(nonce,
                    CredentialId.generate(f.random).value(), LoginFixture.ORIGIN));
            byte[] forOtherOrigin = e.deviceKey().sign(SignedMessages.login(nonce, id, "https://evil.example"));
            byte[] byOtherKey = DeviceKey.generate(f.random).sign(SignedMessages.login(nonce, id, LoginFixture.ORIGIN));
            for (byte[] sig : new byte[][] {forOtherNonce, forOtherCredential, forOtherOrigin, byOtherKey, null,
                    new byte[0], new byte[64]}) {
                assertEquals(FailureCause.BAD_SIGNATURE, refusal(() -> steps.verifySignature(device, nonce, id, sig)));
            }
        }

        private byte[] derSignature(DeviceKey key, byte[] message) throws Exception {
            byte[] p1363 = key.sign(message);
            return toDer(p1363);
        }

        private byte[] toDer(byte[] p1363) {
            byte[] r = integer(java.util.Arrays.copyOfRange(p1363, 0, 32));
            byte[] s = integer(java.util.Arrays.copyOfRange(p1363, 32, 64));
            byte[] out = new byte[2 + r.length + s.length];
            out[0] = 0x30;
            out[1] = (byte) (r.length + s.length);
            System.arraycopy(r, 0, out, 2, r.length);
            System.arraycopy(s, 0, out, 2 + r.length, s.length);
            return out;
        }

        private byte[] integer(byte[] unsigned) {
            byte[] bytes = new java.math.BigInteger(1, unsigned).toByteArray();
            byte[] out = new byte[2 + bytes.length];
            out[0] = 0x02;
            out[1] = (byte) bytes.length;
            System.arraycopy(bytes, 0, out, 2, bytes.length);
            return out;
        }
    }

    @Nested
    class Step5bReserveTheAttempt {
        @Test
        void anAttemptIsCountedOnBothCountersBeforeItIsEvaluated() {
            CredentialRecord r = f.record(e);
            LockOuts.Reservation first = steps.reserveAttempt(r, f.clock.instant());
            assertTrue(first.admitted() && first.counted());
            assertEquals(1, f.counters.find(LockOuts.credentialKey(r.credentialId())).orElseThrow().count());
            assertEquals(1, f.counters.find(LockOuts.personKey(r.subjectKey())).orElseThrow().count());
            assertEquals(0, f.hasher.computations(), "counting does not hash");
        }

        @Test
        void theAttemptThatReachesTheThresholdGoesOnButSetsTheLockForEveryLaterOne() {
            CredentialRecord r = f.record(e);
            assertTrue(steps.reserveAttempt(r, f.clock.instant()).admitted());
            LockOuts.Reservation second = steps.reserveAttempt(r, f.clock.instant()); // threshold 2
            assertTrue(second.admitted(), "the threshold-th guess is still evaluated");
            assertTrue(f.counters.find(LockOuts.credentialKey(r.credentialId())).orElseThrow()
                    .isLockedAt(f.clock.instant()), "locked while that guess is evaluated");

            LockOuts.Reservation third = steps.reserveAttempt(r, f.clock.instant());
            assertFalse(third.admitted());
            assertFalse(third.counted(), "not counted while locked");
            assertEquals(2, f.counters.find(LockOuts.credentialKey(r.credentialId())).orElseThrow().count());
        }

        @Test
        void ofAttemptsThatRaceIntoALockOutOnlyTheLastOneCountedBeforeTheLockGoesOn() {
            CredentialRecord r = f.record(e);
            assertTrue(steps.reserveAttempt(r, f.clock.instant()).admitted());
            // Attempt A reaches the threshold (count 2); before A sets its lock, attempt B is counted (3).
            LockOuts.Reservation[] b = new LockOuts.Reservation[1];
            InterleavingCounters store = new InterleavingCounters(f.counters);
            LockOuts lockOuts = new LockOuts(store, LockOutPolicy.builder().threshold(2).build());
            store.beforeFirstLock(() -> b[0] = lockOuts.reserve(r, f.clock.instant()));

            LockOuts.Reservation a = lockOuts.reserve(r, f.clock.instant());

            assertTrue(b[0].admitted(), "B was counted last before the lock: it takes the guess");
            assertFalse(a.admitted(), "A raced into the lock-out: refused");
            assertTrue(a.counted(), "and stays counted, it was made before the lock");
            assertEquals(3, f.counters.find(LockOuts.credentialKey(r.credentialId())).orElseThrow().count());
        }

        @Test
        void aCounterClearedByASuccessDuringTheReservationIsNotLeftLocked() {
            CredentialRecord r = f.record(e);
            assertTrue(steps.reserveAttempt(r, f.clock.instant()).admitted());
            InterleavingCounters store = new InterleavingCounters(f.counters);
            LockOuts lockOuts = new LockOuts(store, LockOutPolicy.builder().threshold(2).build());
            store.beforeFirstLock(() -> f.counters.reset(LockOuts.credentialKey(r.credentialId())));

            assertFalse(lockOuts.reserve(r, f.clock.instant()).admitted());
            assertTrue(f.counters.find(LockOuts.credentialKey(r.credentialId())).isEmpty(), "no stale lock");
        }
    }

    @Nested
    class Step6CompareTheIdentity {
        @Test
        void theTypedIdBirthDateAndNameMatchByComparisonKey() throws Exception {
            TestPeople.Person p = e.person();
            assertEquals(p.nationalId(), steps.compareIdentity(f.record(e), p.nationalId(), p.birthDate(), p.name()).value());
            assertEquals(p.nationalId(), steps.compareIdentity(f.record(e), " " + p.nationalId().toLowerCase(),
                    p.birthDate().replace('-', '/'), String.join(" ", p.name().split(""))).value());
        }

        @Test
        void theFirstFieldThatDiffersIsTheCauseAndUnparseableFieldsAreWrong() {
            TestPeople.Person p = e.person();
            TestPeople.Person q = TestPeople.person(8);
            CredentialRecord r = f.record(e);
            assertEquals(FailureCause.WRONG_ID, refusal(() -> steps.compareIdentity(r, q.nationalId(), q.birthDate(), q.name())));
            assertEquals(FailureCause.WRONG_BIRTH_DATE, refusal(() -> steps.compareIdentity(r, p.nationalId(), q.birthDate(), q.name())));
            assertEquals(FailureCause.WRONG_NAME, refusal(() -> steps.compareIdentity(r, p.nationalId(), p.birthDate(), q.name())));
            assertEquals(FailureCause.WRONG_ID, refusal(() -> steps.compareIdentity(r, "", p.birthDate(), p.name())));
            assertEquals(FailureCause.WRONG_BIRTH_DATE, refusal(() -> steps.compareIdentity(r, p.nationalId(), "2999-01-01", p.name())));
            assertEquals(FailureCause.WRONG_NAME, refusal(() -> steps.compareIdentity(r, p.nationalId(), p.birthDate(), "\uD800")));
            assertEquals(0, f.hasher.computations(), "step 6 does not hash");
        }
    }

    @Nested
    class Step7VerifyThePassword {
        @Test
        void theRightPasswordSpendsTheOneHashAndNeedsNoUpgradeWithCurrentParameters() throws Exception {
            HashBudget budget = new HashBudget(f.hasher);
            assertEquals(Optional.empty(), steps.verifyPassword(f.record(e), e.person().password().toCharArray(), budget));
            assertTrue(budget.spent());
            assertEquals(1, f.hasher.computations());
        }

        @Test
        void aWrongOrEmptyPasswordIsRefusedAfterOneHash() {
            for (String wrong : new String[] {"Lantern-Kiwi-8!", ""}) {
                f.hasher.reset();
                HashBudget budget = new HashBudget(f.hasher);
                assertEquals(FailureCause.WRONG_PASSWORD,
                        refusal(() -> steps.verifyPassword(f.record(e), wrong.toCharArray(), budget)));
                assertEquals(1, f.hasher.computations());
            }
        }

        @Test
        void anUnreadableStoredHashIsCorruptAndLeavesTheHashToTheFailurePath() {
            CredentialRecord r = f.record(e);
            CredentialRecord corrupt = Records.successor(r, "$2y$10$bcrypt", r.lastUsedAt(), r.acknowledgedNotice(),
                    r.noticeAcknowledgedAt());
            HashBudget budget = new HashBudget(f.hasher);
            assertEquals(FailureCause.CREDENTIAL_CORRUPT,
                    refusal(() -> steps.verifyPassword(corrupt, e.person().password().toCharArray(), budget)));
            assertFalse(budget.spent());
        }
    }

    @Nested
    class Step8RecordTheOutcome {
        @Test
        void aSuccessRecordsTheLastUseClearsTheCountersAndAudits() throws Exception {
            CredentialRecord r = f.record(e);
            f.counters.increment(LockOuts.credentialKey(r.credentialId()), f.clock.instant(), Duration.ofHours(1));
            LockOuts.Reservation reserved = steps.reserveAttempt(r, f.clock.instant());
            assertTrue(reserved.admitted());
            DeviceCredentials.Usable device = steps.checkCertificate(r, f.clock.instant());
            f.clock.advance(Duration.ofSeconds(5));
            Authentication a = steps.recordSuccess(r, device, e.person().parsedId(), reserved, Optional.empty(),
                    f.clock.instant(), "DESKTOP");
            assertEquals(f.clock.instant(), f.record(e).lastUsedAt().orElseThrow());
            assertEquals(r.version() + 1, f.record(e).version());
            assertTrue(f.counters.find(LockOuts.credentialKey(r.credentialId())).isEmpty());
            assertTrue(f.counters.find(LockOuts.personKey(r.subjectKey())).isEmpty(), "the reservation is undone");
            assertEquals(r.subjectKey(), a.subjectReference());
            assertEquals("login.succeeded", f.audit.names().get(f.audit.names().size() - 1));
        }

        @Test
        void aRevocationDuringTheLoginWins() throws Exception {
            CredentialRecord r = f.record(e);
            DeviceCredentials.Usable device = steps.checkCertificate(r, f.clock.instant());
            f.credentials.revoke(r.credentialId(), f.clock.instant());
            assertEquals(FailureCause.CREDENTIAL_REVOKED, refusal(() -> steps.recordSuccess(r, device,
                    e.person().parsedId(), LockOuts.Reservation.NONE, Optional.empty(), f.clock.instant(), "DESKTOP")));
        }

        @Test
        void anUpgradedHashIsNotWrittenOverAPasswordHashThatChangedMeanwhile() throws Exception {
            CredentialRecord r = f.record(e);
            CredentialRecord changed = Records.successor(r, "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$"
                    + "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", r.lastUsedAt(), r.acknowledgedNotice(),
                    r.noticeAcknowledgedAt());
            assertTrue(f.credentials.compareAndSet(r.version(), changed));
            DeviceCredentials.Usable device = steps.checkCertificate(r, f.clock.instant());
            steps.recordSuccess(r, device, e.person().parsedId(), LockOuts.Reservation.NONE, Optional.of("$argon2id$upgrade"),
                    f.clock.instant(), "DESKTOP");
            assertEquals(changed.passwordHash(), f.record(e).passwordHash());
            assertEquals(f.clock.instant(), f.record(e).lastUsedAt().orElseThrow(), "the last use is still recorded");
        }

        @Test
        void aFailureAuditsItsCauseWhetherItsReservationCountedItAndTheLocksItSet() {
            CredentialRecord r = f.record(e);
            steps.recordFailure(FailureCause.BAD_SIGNATURE, Optional.of(r), LockOuts.Reservation.NONE,
                    f.clock.instant(), "DESKTOP");
            steps.recordFailure(FailureCause.UNKNOWN_CREDENTIAL, Optional.empty(), LockOuts.Reservation.NONE,
                    f.clock.instant(), "DESKTOP");
            assertTrue(f.counters.find(LockOuts.credentialKey(r.credentialId())).isEmpty(), "recording counts nothing");
            LockOuts.Reservation first = steps.reserveAttempt(r, f.clock.instant());
            steps.recordFailure(FailureCause.WRONG_NAME, Optional.of(r), first, f.clock.instant(), "DESKTOP");
            LockOuts.Reservation second = steps.reserveAttempt(r, f.clock.instant()); // threshold 2: locks
            steps.recordFailure(FailureCause.WRONG_PASSWORD, Optional.of(r), second, f.clock.instant(), "DESKTOP");

            List<LoginEvent.Failed> failed = f.audit.ofType(LoginEvent.Failed.class);
            assertEquals(List.of(false, false, true, true), failed.stream().map(LoginEvent.Failed::counted).toList());
            assertEquals("-", failed.get(1).credentialId());
            assertEquals(r.credentialId(), failed.get(2).credentialId());
            assertTrue(first.locks().isEmpty());
            assertEquals(2, second.locks().size(), "credential and person reached the threshold of 2");
            assertEquals(second.locks(), f.audit.ofType(LoginEvent.LockedOut.class));
        }
    }

    @Test
    void theEightStepsTogetherLogIn() throws Exception {
        LoginChallenge c = f.begin();
        byte[] nonce = steps.consumeChallenge(c.id(), f.clock.instant());
        HashBudget budget = new HashBudget(f.hasher);
        char[] pw = e.person().password().toCharArray();
        CredentialRecord r = steps.loadCredential(e.credentialId(), pw, budget);
        steps.checkLockOut(r, f.clock.instant());
        DeviceCredentials.Usable device = steps.checkCertificate(r, f.clock.instant());
        steps.verifySignature(device, nonce, r.credentialId(),
                e.deviceKey().sign(SignedMessages.login(nonce, r.credentialId(), LoginFixture.ORIGIN)));
        LockOuts.Reservation reserved = steps.reserveAttempt(r, f.clock.instant());
        assertTrue(reserved.admitted());
        var id = steps.compareIdentity(r, e.person().nationalId(), e.person().birthDate(), e.person().name());
        Optional<String> upgrade = steps.verifyPassword(r, pw, budget);
        Authentication a = steps.recordSuccess(r, device, id, reserved, upgrade, f.clock.instant(), "DESKTOP");
        assertEquals(e.credentialId(), a.credentialId().value());
        assertEquals(1, f.hasher.computations());
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce), c.nonceBase64Url());
    }

}
