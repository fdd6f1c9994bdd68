package tw.mobileauth.store.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.store.ClaimResult;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.OneTimeTokenStore;
import tw.mobileauth.store.TokenPurpose;

/** The contract every {@link OneTimeTokenStore} keeps; a JDBC store extends it. */
public abstract class OneTimeTokenStoreContract {

    /** A fixed instant the contract tests start from. */
    protected static final Instant T0 = Instant.parse("2025-03-14T02:00:00Z");

    private OneTimeTokenStore store;

    /** {@return a fresh, empty store} */
    protected abstract OneTimeTokenStore newStore();

    @BeforeEach
    final void setUpStore() {
        store = newStore();
    }

    /**
     * {@return a one-time token for the contract tests}
     *
     * @param purpose the purpose value
     * @param expiresAt when it expires
     */
    protected static OneTimeToken token(TokenPurpose purpose, Instant expiresAt) {
        return OneTimeToken.unclaimed(UUID.randomUUID().toString(), purpose, "enrolment-1", "payload", T0, expiresAt);
    }

    @Test
    void theFirstClaimWinsAndEveryLaterClaimSeesTheFirstClaimant() {
        OneTimeToken t = token(TokenPurpose.HANDOFF, T0.plusSeconds(300));
        assertTrue(store.insert(t));

        ClaimResult first = store.claim(t.key(), "phone-A", T0.plusSeconds(10));
        assertEquals(ClaimResult.Status.CLAIMED, first.status());
        assertEquals(Optional.of("phone-A"), first.token().orElseThrow().claimant());

        ClaimResult second = store.claim(t.key(), "phone-B", T0.plusSeconds(11));
        assertEquals(ClaimResult.Status.ALREADY_CLAIMED, second.status());
        assertEquals(Optional.of("phone-A"), second.token().orElseThrow().claimant());

        ClaimResult repeat = store.claim(t.key(), "phone-A", T0.plusSeconds(12));
        assertEquals(ClaimResult.Status.ALREADY_CLAIMED, repeat.status(), "a repeat is recognisable, not a new win");
        assertEquals(Optional.of(T0.plusSeconds(10)), repeat.token().orElseThrow().claimedAt());
    }

    @Test
    void anExpiredTokenCannotBeClaimedButOneClaimedJustBeforeExpiryStaysClaimed() {
        OneTimeToken t = token(TokenPurpose.HANDOFF, T0.plusSeconds(300));
        store.insert(t);
        assertEquals(ClaimResult.Status.EXPIRED, store.claim(t.key(), "phone", T0.plusSeconds(300)).status());

        OneTimeToken u = token(TokenPurpose.HANDOFF, T0.plusSeconds(300));
        store.insert(u);
        assertEquals(ClaimResult.Status.CLAIMED, store.claim(u.key(), "phone", T0.plusSeconds(299)).status());
    }

    @Test
    void anUnknownOrRevokedTokenIsNotFound() {
        assertEquals(ClaimResult.Status.NOT_FOUND, store.claim("never-issued", "phone", T0).status());
        OneTimeToken t = token(TokenPurpose.HANDOFF, T0.plusSeconds(300));
        store.insert(t);
        assertTrue(store.revoke(t.key()));
        assertFalse(store.revoke(t.key()));
        assertEquals(ClaimResult.Status.NOT_FOUND, store.claim(t.key(), "phone", T0).status());
    }

    @Test
    void aDuplicateKeyIsRefused() {
        OneTimeToken t = token(TokenPurpose.LOGIN_CHALLENGE, T0.plusSeconds(60));
        assertTrue(store.insert(t));
        assertFalse(store.insert(OneTimeToken.unclaimed(t.key(), TokenPurpose.HANDOFF, "x", "", T0, T0.plusSeconds(9))));
        assertEquals(TokenPurpose.LOGIN_CHALLENGE, store.find(t.key()).orElseThrow().purpose());
    }

    @Test
    void consumeReturnsTheTokenOnceAndNeverAfterItExpired() {
        OneTimeToken t = token(TokenPurpose.LOGIN_CHALLENGE, T0.plusSeconds(60));
        store.insert(t);
        assertEquals(Optional.of(t), store.consume(t.key(), T0.plusSeconds(1)));
        assertTrue(store.consume(t.key(), T0.plusSeconds(2)).isEmpty());

        OneTimeToken old = token(TokenPurpose.LOGIN_CHALLENGE, T0.plusSeconds(60));
        store.insert(old);
        assertTrue(store.consume(old.key(), T0.plusSeconds(60)).isEmpty());
        assertTrue(store.find(old.key()).isEmpty(), "an expired token is removed by the attempt");
    }

    @Test
    void twoRacingClaimersNeverBothWin() throws Exception {
        for (int round = 0; round < 100; round++) {
            OneTimeToken t = token(TokenPurpose.HANDOFF, T0.plusSeconds(300));
            store.insert(t);
            List<ClaimResult> results = Races.race(2, i -> () -> store.claim(t.key(), "device-" + i, T0));
            long wins = results.stream().filter(r -> r.status() == ClaimResult.Status.CLAIMED).count();
            long lost = results.stream().filter(r -> r.status() == ClaimResult.Status.ALREADY_CLAIMED).count();
            assertEquals(1, wins, "round " + round);
            assertEquals(1, lost, "round " + round);
        }
    }

    @Test
    void racingConsumersGetTheTokenExactlyOnce() throws Exception {
        for (int round = 0; round < 100; round++) {
            OneTimeToken t = token(TokenPurpose.LOGIN_CHALLENGE, T0.plusSeconds(60));
            store.insert(t);
            List<Optional<OneTimeToken>> got = Races.race(3, i -> () -> store.consume(t.key(), T0));
            assertEquals(1, got.stream().filter(Optional::isPresent).count(), "round " + round);
        }
    }

    @Test
    void purgeRemovesExpiredTokensClaimedOrNot() {
        OneTimeToken due = token(TokenPurpose.HANDOFF, T0.plusSeconds(10));
        OneTimeToken claimedDue = token(TokenPurpose.CARRIER_STATE, T0.plusSeconds(10));
        OneTimeToken live = token(TokenPurpose.HANDOFF, T0.plusSeconds(11));
        store.insert(due);
        store.insert(claimedDue);
        store.insert(live);
        store.claim(claimedDue.key(), "cb", T0);

        assertEquals(0, store.purgeExpired(T0.plusSeconds(9)));
        assertEquals(2, store.purgeExpired(T0.plusSeconds(10)));
        assertTrue(store.find(live.key()).isPresent());
    }
}
