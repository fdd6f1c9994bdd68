package tw.mobileauth.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A short-lived, single-use token: a QR handoff token, a carrier {@code state}, a login challenge.
 *
 * <p>The {@code key} is never the token itself but a keyed hash of it, so a store dump cannot be
 * replayed.
 *
 * @param key       the lookup key: a keyed hash of the token, base64url
 * @param purpose   what the token is for
 * @param subject   what it points at, e.g. the enrolment id; never personal data
 * @param payload   opaque data the owner needs back (e.g. a challenge nonce), possibly empty
 * @param createdAt when it was issued
 * @param expiresAt from this instant on it is dead
 * @param claimant  who claimed it (an opaque, keyed fingerprint), once claimed
 * @param claimedAt when it was claimed
 */
public record OneTimeToken(String key, TokenPurpose purpose, String subject, String payload, Instant createdAt,
        Instant expiresAt, Optional<String> claimant, Optional<Instant> claimedAt) {

    /**
     * @param key the key
     * @param purpose the purpose value
     * @param subject the subject (the holder the credential belongs to)
     * @param payload the payload value
     * @param createdAt the created at
     * @param expiresAt when it expires
     * @param claimant the claimant value
     * @param claimedAt the claimed at
     * @throws IllegalArgumentException if the key is blank or claimant and claimedAt disagree
     */
    public OneTimeToken {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(claimedAt, "claimedAt");
        if (key.isBlank() || claimant.isPresent() != claimedAt.isPresent()) {
            throw new IllegalArgumentException("a token needs a key, and a claimant exactly when it has a claim time");
        }
    }

    /**
     * {@return a fresh, unclaimed token}
     *
     * @param key the key
     * @param purpose the purpose value
     * @param subject the subject (the holder the credential belongs to)
     * @param payload the payload value
     * @param createdAt the created at
     * @param expiresAt when it expires
     */
    public static OneTimeToken unclaimed(String key, TokenPurpose purpose, String subject, String payload,
            Instant createdAt, Instant expiresAt) {
        return new OneTimeToken(key, purpose, subject, payload, createdAt, expiresAt, Optional.empty(),
                Optional.empty());
    }

    /**
     * {@return whether it is dead at {@code now} ({@code now >= expiresAt})}
     *
     * @param now the current instant
     */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * {@return this token, claimed by {@code who} at {@code at}}
     *
     * @param who the who value
     * @param at the at value
     */
    public OneTimeToken claimedBy(String who, Instant at) {
        return new OneTimeToken(key, purpose, subject, payload, createdAt, expiresAt, Optional.of(who),
                Optional.of(at));
    }

    /** Shows purpose, subject and times; the key, payload and claimant are hidden. */
    @Override
    public String toString() {
        return "OneTimeToken[" + purpose + ", subject=" + subject + ", expiresAt=" + expiresAt
                + (claimedAt.isPresent() ? ", claimedAt=" + claimedAt.get() : ", unclaimed") + "]";
    }
}
