package tw.mobileauth.enrollment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.TokenPurpose;

/**
 * One code exchange per carrier callback at a time. The authorization code is single use, and a
 * carrier that sees it twice may revoke what the first exchange got (RFC 6749 §4.1.2), so when two
 * identical callbacks arrive at once (a browser re-submit, two portal nodes) only the attempt that
 * inserts the exchange token redeems the code; the other is told to repeat the callback, and by
 * then finds the number verified. Insert-if-absent is one atomic store operation, so this holds
 * across nodes. The token lives as long as one carrier call may take; a crashed attempt's token
 * simply runs out.
 */
final class CodeExchanges {

    private final Settings s;
    private final Records records;

    CodeExchanges(Settings settings, Records records) {
        this.s = settings;
        this.records = records;
    }

    /** Whether this attempt may redeem the code of {@code v}'s callback now; at most one attempt holds it. */
    boolean take(Verifying v) {
        String key = key(v);
        Instant now = records.now();
        OneTimeToken token = OneTimeToken.unclaimed(key, TokenPurpose.CARRIER_EXCHANGE, v.id(), "", now,
                now.plus(s.carrierTimeout).plus(Duration.ofSeconds(5)));
        if (s.tokens.insert(token)) {
            return true;
        }
        Optional<OneTimeToken> held = s.tokens.find(key);
        if (held.isPresent() && !now.isBefore(held.get().expiresAt())) {
            s.tokens.revoke(key); // the holder ran out of time (or crashed): the next attempt may go
            return s.tokens.insert(token);
        }
        return false;
    }

    /**
     * Gives the right back after a failed exchange: a repeat of the same callback then meets the
     * carrier's own answer again (retryable or not), never a stale "in progress".
     */
    void release(Verifying v) {
        s.tokens.revoke(key(v));
    }

    /** The refusal for the attempt that did not get the right: repeat the same callback shortly. */
    static EnrollmentUnavailableException inProgress() {
        return new EnrollmentUnavailableException(EnrollmentUnavailableException.Source.CARRIER,
                EnrollmentUnavailableException.Recovery.RETRY, Optional.of(Duration.ofSeconds(1)),
                "this carrier callback is being verified by another request; repeat it in a moment", null);
    }

    private String key(Verifying v) {
        return records.key("carrier-exchange", v.stateKey());
    }
}
