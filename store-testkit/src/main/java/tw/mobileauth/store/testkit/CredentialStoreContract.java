package tw.mobileauth.store.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.client.BoundDevice;
import tw.mobileauth.client.BrowserFamily;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.CredentialStatus;
import tw.mobileauth.store.CredentialStore;

/** The contract every {@link CredentialStore} keeps; a JDBC store extends it. */
public abstract class CredentialStoreContract {

    /** A fixed instant the contract tests start from. */
    protected static final Instant T0 = Instant.parse("2025-03-14T02:00:00Z");

    private CredentialStore store;

    /** {@return a fresh, empty store} */
    protected abstract CredentialStore newStore();

    @BeforeEach
    final void setUpStore() {
        store = newStore();
    }

    /**
     * {@return a credential record for the contract tests}
     *
     * @param subject the subject (the holder the credential belongs to)
     * @param issuedAt when it was issued
     */
    protected static CredentialRecord credential(String subject, Instant issuedAt) {
        return credential(subject, issuedAt, CredentialStatus.ACTIVE);
    }

    /**
     * {@return a credential record for the contract tests}
     *
     * @param subject the subject (the holder the credential belongs to)
     * @param issuedAt when it was issued
     * @param status the HTTP status, or 0 when no answer arrived
     */
    protected static CredentialRecord credential(String subject, Instant issuedAt, CredentialStatus status) {
        return new CredentialRecord(UUID.randomUUID().toString(), 0, subject, "bd-verifier", "name-verifier",
                "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA", "spki", "der", status, issuedAt,
                issuedAt.plusSeconds(86400), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aCredentialIsFoundByIdAndListedUnderItsSubjectOldestFirst() {
        CredentialRecord newer = credential("subject-1", T0.plusSeconds(5));
        CredentialRecord older = credential("subject-1", T0);
        CredentialRecord someoneElse = credential("subject-2", T0);
        assertTrue(store.insert(newer));
        assertTrue(store.insert(older));
        assertTrue(store.insert(someoneElse));
        assertFalse(store.insert(newer), "duplicate id");

        assertEquals(newer, store.find(newer.credentialId()).orElseThrow());
        assertEquals(List.of(older, newer), store.listBySubject("subject-1"));
        assertEquals(List.of(), store.listBySubject("nobody"));
    }

    @Test
    void revokeMovesAnActiveCredentialOnceAndKeepsItListed() {
        CredentialRecord c = credential("subject-1", T0);
        store.insert(c);
        assertTrue(store.revoke(c.credentialId(), T0.plusSeconds(9)));
        assertFalse(store.revoke(c.credentialId(), T0.plusSeconds(10)), "already revoked");
        assertFalse(store.revoke("unknown", T0));

        CredentialRecord stored = store.find(c.credentialId()).orElseThrow();
        assertEquals(CredentialStatus.REVOKED, stored.status());
        assertEquals(Optional.of(T0.plusSeconds(9)), stored.revokedAt());
        assertEquals(1, stored.version());
        assertEquals(1, store.listBySubject("subject-1").size());
    }

    @Test
    void compareAndSetWritesOnlyOverTheExpectedVersion() {
        CredentialRecord c = credential("subject-1", T0);
        store.insert(c);
        CredentialRecord used = new CredentialRecord(c.credentialId(), 1, c.subjectKey(), c.birthDateVerifier(),
                c.nameVerifier(), c.passwordHash(), c.devicePublicKey(), c.certificate(), c.status(), c.issuedAt(),
                c.notAfter(), c.revokedAt(), Optional.of(T0.plusSeconds(60)), Optional.of("notice-v1"));
        assertTrue(store.compareAndSet(0, used));
        assertFalse(store.compareAndSet(0, used));
        assertEquals(used, store.find(c.credentialId()).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> store.compareAndSet(1, used));
    }

    @Test
    void theBoundDeviceSurvivesEveryWriteAndAnUnknownOneStaysUnknown() {
        CredentialRecord p = credential("subject-1", T0, CredentialStatus.PENDING);
        BoundDevice desktopChrome = new BoundDevice(DeviceClass.DESKTOP, BrowserFamily.CHROME);
        CredentialRecord bound = new CredentialRecord(p.credentialId(), 0, p.subjectKey(), p.birthDateVerifier(),
                p.nameVerifier(), p.passwordHash(), p.devicePublicKey(), p.certificate(), p.status(), p.issuedAt(),
                p.notAfter(), p.revokedAt(), p.lastUsedAt(), p.acknowledgedNotice(), p.noticeAcknowledgedAt(),
                Optional.of(desktopChrome));
        CredentialRecord unknown = credential("subject-1", T0.plusSeconds(1));
        assertTrue(store.insert(bound));
        assertTrue(store.insert(unknown));
        assertEquals(bound, store.find(bound.credentialId()).orElseThrow());
        assertEquals(List.of(bound, unknown), store.listBySubject("subject-1"));
        assertEquals(Optional.empty(), store.find(unknown.credentialId()).orElseThrow().boundDevice());

        assertTrue(store.activate(bound.credentialId()));
        CredentialRecord active = store.find(bound.credentialId()).orElseThrow();
        assertEquals(Optional.of(desktopChrome), active.boundDevice(), "activation keeps it");
        CredentialRecord used = new CredentialRecord(active.credentialId(), 2, active.subjectKey(),
                active.birthDateVerifier(), active.nameVerifier(), active.passwordHash(), active.devicePublicKey(),
                active.certificate(), active.status(), active.issuedAt(), active.notAfter(), active.revokedAt(),
                Optional.of(T0.plusSeconds(60)), Optional.of("notice-v1"), Optional.of(T0.plusSeconds(61)),
                active.boundDevice());
        assertTrue(store.compareAndSet(1, used));
        assertEquals(used, store.find(bound.credentialId()).orElseThrow(), "a compare-and-set keeps it");
        assertTrue(store.revoke(bound.credentialId(), T0.plusSeconds(90)));
        assertEquals(Optional.of(desktopChrome), store.find(bound.credentialId()).orElseThrow().boundDevice(),
                "revocation keeps it: the person still sees which browser it was");
    }

    @Test
    void deleteAllForSubjectErasesOnlyThatPersonsCredentials() {
        store.insert(credential("subject-1", T0));
        store.insert(credential("subject-1", T0.plusSeconds(1)));
        CredentialRecord other = credential("subject-2", T0);
        store.insert(other);

        assertEquals(2, store.deleteAllForSubject("subject-1"));
        assertEquals(List.of(), store.listBySubject("subject-1"));
        assertEquals(List.of(other), store.listBySubject("subject-2"));
        assertEquals(0, store.deleteAllForSubject("subject-1"));
    }

    @Test
    void deleteRemovesOneCredentialFromItsSubjectToo() {
        CredentialRecord a = credential("subject-1", T0);
        CredentialRecord b = credential("subject-1", T0.plusSeconds(1));
        store.insert(a);
        store.insert(b);
        assertTrue(store.delete(a.credentialId()));
        assertFalse(store.delete(a.credentialId()));
        assertEquals(List.of(b), store.listBySubject("subject-1"));
    }

    @Test
    void racingRevokersHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 100; round++) {
            CredentialRecord c = credential("subject-r", T0);
            store.insert(c);
            List<Boolean> wins = Races.race(3, i -> () -> store.revoke(c.credentialId(), T0.plusSeconds(i)));
            assertEquals(1, wins.stream().filter(w -> w).count(), "round " + round);
        }
    }

    @Test
    void activateMovesAPendingCredentialToActiveOnceAndNothingElse() {
        CredentialRecord pending = credential("subject-1", T0, CredentialStatus.PENDING);
        CredentialRecord active = credential("subject-1", T0.plusSeconds(1));
        store.insert(pending);
        store.insert(active);

        assertTrue(store.activate(pending.credentialId()));
        assertFalse(store.activate(pending.credentialId()), "already active");
        assertFalse(store.activate(active.credentialId()), "never pending");
        assertFalse(store.activate("unknown"));
        CredentialRecord stored = store.find(pending.credentialId()).orElseThrow();
        assertEquals(CredentialStatus.ACTIVE, stored.status());
        assertEquals(1, stored.version());
        assertEquals(0, store.find(active.credentialId()).orElseThrow().version());
    }

    @Test
    void aPendingCredentialCannotBeRevokedIntoUseOrActivatedOnceRevoked() {
        CredentialRecord pending = credential("subject-1", T0, CredentialStatus.PENDING);
        store.insert(pending);
        assertFalse(store.revoke(pending.credentialId(), T0), "revoke moves only ACTIVE credentials");
        assertEquals(CredentialStatus.PENDING, store.find(pending.credentialId()).orElseThrow().status());
    }

    @Test
    void racingActivatorsHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 100; round++) {
            CredentialRecord c = credential("subject-a", T0, CredentialStatus.PENDING);
            store.insert(c);
            List<Boolean> wins = Races.race(3, i -> () -> store.activate(c.credentialId()));
            assertEquals(1, wins.stream().filter(w -> w).count(), "round " + round);
        }
    }
}
