package tw.mobileauth.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link OneTimeTokenStore#claim}.
 *
 * @param status what happened
 * @param token  the token as stored after the attempt: present for {@link Status#CLAIMED},
 *               {@link Status#ALREADY_CLAIMED} (showing the earlier claimant) and
 *               {@link Status#EXPIRED}; empty for {@link Status#NOT_FOUND}
 */
public record ClaimResult(Status status, Optional<OneTimeToken> token) {

    /** The four outcomes of a claim. */
    public enum Status {
        /** This caller claimed it; nobody else ever will. */
        CLAIMED,
        /** Someone claimed it before (possibly the same claimant: compare {@link OneTimeToken#claimant()}). */
        ALREADY_CLAIMED,
        /** It was never claimed and its time is up. */
        EXPIRED,
        /** No such token (never issued, revoked, consumed or purged). */
        NOT_FOUND
    }

    /**
     * @param status the HTTP status, or 0 when no answer arrived
     * @param token the token value
     * @throws IllegalArgumentException if the token's presence does not fit the status
     */
    public ClaimResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(token, "token");
        if ((status == Status.NOT_FOUND) == token.isPresent()) {
            throw new IllegalArgumentException("a claim result carries the token unless it was not found");
        }
    }

    /** {@return {@link Status#NOT_FOUND}} */
    public static ClaimResult notFound() {
        return new ClaimResult(Status.NOT_FOUND, Optional.empty());
    }

    /**
     * {@return a result with the token}
     *
     * @param status the HTTP status, or 0 when no answer arrived
     * @param token the token value
     */
    public static ClaimResult of(Status status, OneTimeToken token) {
        return new ClaimResult(status, Optional.of(token));
    }
}
