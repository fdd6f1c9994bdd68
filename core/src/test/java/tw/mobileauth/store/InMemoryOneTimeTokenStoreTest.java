package tw.mobileauth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.MutableClock;

/**
 * What only the in-memory token store does: its cap. The store contract itself runs in
 * store-testkit ({@code InMemoryStoresContractTest}).
 */
class InMemoryOneTimeTokenStoreTest {

    private static final Instant T0 = Instant.parse("2025-03-14T02:00:00Z");

    private static OneTimeToken token(TokenPurpose purpose, Instant expiresAt) {
        return OneTimeToken.unclaimed(UUID.randomUUID().toString(), purpose, "enrolment-1", "payload", T0, expiresAt);
    }

    @Test
    void aFullStoreSweepsExpiredTokensFirstAndOtherwiseRefusesWithFull() {
        MutableClock clock = MutableClock.at(T0);
        InMemoryOneTimeTokenStore store = new InMemoryOneTimeTokenStore(clock, 3);
        OneTimeToken shortLived = token(TokenPurpose.ENROLLMENT_CHALLENGE, T0.plusSeconds(60));
        assertTrue(store.insert(shortLived));
        assertTrue(store.insert(token(TokenPurpose.HANDOFF, T0.plusSeconds(600))));
        assertTrue(store.insert(token(TokenPurpose.HANDOFF, T0.plusSeconds(600))));

        StoreException full = assertThrows(StoreException.class,
                () -> store.insert(token(TokenPurpose.LOGIN_CHALLENGE, T0.plusSeconds(600))));
        assertEquals(StoreException.Reason.FULL, full.reason());
        assertTrue(full.getMessage().contains("3"), full.getMessage());

        clock.advance(Duration.ofSeconds(60));
        assertTrue(store.insert(token(TokenPurpose.LOGIN_CHALLENGE, T0.plusSeconds(600))), "the expired one made room");
        assertTrue(store.find(shortLived.key()).isEmpty());
        assertEquals(StoreException.Reason.FULL, assertThrows(StoreException.class,
                () -> store.insert(token(TokenPurpose.LOGIN_CHALLENGE, T0.plusSeconds(600)))).reason());
        assertEquals(3, store.purgeExpired(T0.plusSeconds(600)), "never more than the cap");
    }

    @Test
    void theCapMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryOneTimeTokenStore(MutableClock.at(T0), 0));
        new InMemoryOneTimeTokenStore(MutableClock.at(T0), 1);
    }
}
