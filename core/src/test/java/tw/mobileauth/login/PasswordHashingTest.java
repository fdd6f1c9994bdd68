package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.CredentialStore;
import tw.mobileauth.store.StoreException;

/** Step 2 and 7: one Argon2id hash on every path, rehash on parameter change, "busy" is ours. */
class PasswordHashingTest {

    @Test
    void anUnknownCredentialCostsExactlyOneDummyArgon2idHash() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            LoginAttempt unknown = f.attempt(CredentialId.generate(f.random).value(), e.deviceKey(), f.begin(),
                    e.person()).build();
            f.hasher.reset();
            assertThrows(LoginFailedException.class, () -> f.service.finishLogin(unknown, LoginFixture.DESKTOP));
            assertEquals(1, f.hasher.computations());
            assertEquals(1, f.hasher.dummies());
            assertEquals(FailureCause.UNKNOWN_CREDENTIAL, f.lastFailure());
        }
    }

    @Test
    void aWrongPasswordCostsExactlyOneArgon2idVerification() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            f.hasher.reset();
            assertThrows(LoginFailedException.class, () -> f.login(e, e.person().withPassword("Wrong-Guess-1")));
            assertEquals(1, f.hasher.computations());
            assertEquals(1, f.hasher.verifies());
            assertEquals(0, f.hasher.dummies());
            assertEquals(FailureCause.WRONG_PASSWORD, f.lastFailure());
        }
    }

    @Test
    void aHashWithOldParametersIsReplacedAfterTheNextSuccessfulLoginAndNotBeforeIt() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            String oldHash = f.record(e).passwordHash();
            CountingHasher stronger = new CountingHasher(LoginFixture.fastArgon2id(2));
            LoginService upgraded = f.anotherService(b -> b.passwordHasher(stronger));

            assertThrows(LoginFailedException.class, () -> upgraded.finishLogin(
                    f.attempt(e, upgraded.beginLogin(LoginFixture.DESKTOP), e.person().withPassword("nope")).build(),
                    LoginFixture.DESKTOP));
            assertEquals(oldHash, f.record(e).passwordHash(), "a failed login never rehashes");

            long version = f.record(e).version();
            stronger.reset();
            upgraded.finishLogin(f.attempt(e, upgraded.beginLogin(LoginFixture.DESKTOP), e.person()).build(),
                    LoginFixture.DESKTOP);
            CredentialRecord after = f.record(e);
            assertEquals(version + 1, after.version(), "one compare-and-set");
            assertFalse(oldHash.equals(after.passwordHash()));
            assertTrue(after.passwordHash().contains("t=2"), after.passwordHash().substring(0, 30));
            assertEquals(1, stronger.verifies());
            assertEquals(1, stronger.hashes(), "the upgrade is the only extra hash");
            List<LoginEvent.Succeeded> ok = f.audit.ofType(LoginEvent.Succeeded.class);
            assertTrue(ok.get(ok.size() - 1).rehashed());

            stronger.reset();
            upgraded.finishLogin(f.attempt(e, upgraded.beginLogin(LoginFixture.DESKTOP), e.person()).build(),
                    LoginFixture.DESKTOP);
            assertEquals(0, stronger.hashes(), "current parameters: no rehash");
            assertEquals(after.passwordHash(), f.record(e).passwordHash());
        }
    }

    @Test
    void aBusyHasherIsOurFailureNotTheCallersAndIsNotAFailedLogin() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            f.hasher.answerBusy(realHasherBusy());
            LoginUnavailableException busy = assertThrows(LoginUnavailableException.class,
                    () -> f.login(e, e.person().withPassword("wrong")));
            assertEquals(LoginUnavailableException.Source.PASSWORD_HASHER, busy.source());
            assertEquals(LoginUnavailableException.MESSAGE_KEY, busy.messageKey());
            assertTrue(busy.text().zhTw().contains("稍候"), busy.text().zhTw());
            assertTrue(f.audit.ofType(LoginEvent.Failed.class).isEmpty(), "not a failed login");
            assertEquals(1, f.counters.find(LockOuts.credentialKey(e.credentialId())).orElseThrow().count(),
                    "its signature verified, so it was counted before the hash, and stays counted");
            assertEquals(1, f.audit.ofType(LoginEvent.Unavailable.class).size());

            assertThrows(LoginUnavailableException.class, () -> f.service.finishLogin(
                    f.attempt(CredentialId.generate(f.random).value(), e.deviceKey(), f.begin(), e.person()).build(),
                    LoginFixture.DESKTOP));
            assertEquals(1, f.counters.find(LockOuts.credentialKey(e.credentialId())).orElseThrow().count(),
                    "an attempt that fails before its signature verified is never counted");

            f.hasher.answerBusy(null);
            assertEquals(e.credentialId(), f.login(e).credentialId().value());
            assertTrue(f.counters.find(LockOuts.credentialKey(e.credentialId())).isEmpty(), "the success clears it");
        }
    }

    @Test
    void aStoreFailureIsOurFailureNotTheCallers() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            CredentialStore down = new FailingCredentialStore(f.credentials);
            LoginService service = f.serviceOn(down, b -> b);
            LoginUnavailableException thrown = assertThrows(LoginUnavailableException.class,
                    () -> service.finishLogin(f.attempt(e, service.beginLogin(LoginFixture.DESKTOP), e.person())
                            .build(), LoginFixture.DESKTOP));
            assertEquals(LoginUnavailableException.Source.STORE, thrown.source());
            assertTrue(thrown.getCause() instanceof StoreException);
            assertTrue(f.audit.ofType(LoginEvent.Failed.class).isEmpty());
        }
    }

    /** A real {@link CryptoException.HasherBusy}: an interrupted wait for a hashing permit. */
    static CryptoException.HasherBusy realHasherBusy() {
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.builder().memoryKiB(64).iterations(1).build();
        Thread.currentThread().interrupt();
        try {
            hasher.hash("x".toCharArray());
            throw new AssertionError("an interrupted permit wait must answer busy");
        } catch (CryptoException.HasherBusy busy) {
            return busy;
        } finally {
            Thread.interrupted(); // clear the flag the hasher restored
        }
    }

    /** Delegates writes, fails every read: a database that went away. */
    private static final class FailingCredentialStore extends tw.mobileauth.testsupport.ForwardingCredentialStore {

        FailingCredentialStore(CredentialStore delegate) {
            super(delegate);
        }

        @Override
        public Optional<CredentialRecord> find(String credentialId) {
            throw new StoreException("credential store: connection refused", new java.io.IOException("refused"));
        }

        @Override
        public List<CredentialRecord> listBySubject(String subjectKey) {
            throw new StoreException("credential store: connection refused", new java.io.IOException("refused"));
        }
    }
}
