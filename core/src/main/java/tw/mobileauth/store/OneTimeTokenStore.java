package tw.mobileauth.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Single-use tokens: claimed once (QR handoff, carrier {@code state}) or consumed once (login
 * challenges). Thread-safe; every method is atomic, so two racing callers never both win.
 */
public interface OneTimeTokenStore {

    /**
     * Stores a new token.
     *
     * @param token the token value
     * @return {@code false}, changing nothing, if a token with that key exists
     * @throws StoreException {@link StoreException.Reason#FULL} if a bounded store has no room
     */
    boolean insert(OneTimeToken token);

    /**
     * {@return the token with this key, claimed or not, expired or not, until it is deleted or purged}
     *
     * @param key the key
     */
    Optional<OneTimeToken> find(String key);

    /**
     * Claim-if-unclaimed. Exactly one caller ever gets {@link ClaimResult.Status#CLAIMED} for a key;
     * every later caller gets {@link ClaimResult.Status#ALREADY_CLAIMED} with the first claimant,
     * including the first claimant itself (so it can recognise a repeat).
     *
     * @param claimant an opaque, keyed fingerprint of the claimer
     * @param now      the claim time; a token with {@code expiresAt <= now} is {@code EXPIRED}
     * @param key the key
     * @return the claim result
     */
    ClaimResult claim(String key, String claimant, Instant now);

    /**
     * {@return consume-once: deletes the token and returns it if it existed and was not expired at
     * {@code now}} Exactly one caller gets it; an expired token is deleted and not returned.
     *
     * @param key the key
     * @param now the current instant
     */
    Optional<OneTimeToken> consume(String key, Instant now);

    /**
     * Deletes the token at once, claimed or not. @return whether it existed
     *
     * @param key the key
     * @return {@code true} if it holds, {@code false} otherwise
     */
    boolean revoke(String key);

    /**
     * Deletes every token with {@code expiresAt <= now}. @return how many
     *
     * @param now the current instant
     * @return the int
     */
    int purgeExpired(Instant now);
}
