package tw.mobileauth.carrier.camara;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.CarrierException.Retry;

/**
 * Re-advises a failure of number verification for what may follow it (docs/carrier-contract.md §1:
 * "the code exchange is not idempotent"). Once the code exchange was sent the code may be
 * redeemed, and the 3-legged token it gave is single use, so the same callback can never pass
 * again:
 * <ul>
 *   <li>an outage or a 429 (advice {@link Retry#WITH_BACKOFF}) becomes
 *       {@link Retry#RESTART_VERIFICATION}, keeping the carrier's {@code Retry-After};</li>
 *   <li>a refused client or code at the exchange ({@code invalid_client}, {@code invalid_grant},
 *       401) becomes {@link Retry#NEVER}: there is no token to renew, and a refused code stays
 *       refused;</li>
 *   <li>a refused single-use token (401 at verify, roaming or network type) becomes
 *       {@link Retry#RESTART_VERIFICATION}: only a new verification gives a new one.</li>
 * </ul>
 * Every other advice is already final and stays. The original failure is logged at debug and,
 * for an outage, kept as the cause.
 */
final class VerificationAdvice {

    /** Where in the flow the failure happened. */
    enum Step {
        /** The carrier's error in the callback: the authorize leg refused; that callback is spent. */
        CALLBACK("the carrier's answer in the callback"),
        /** {@code POST /oauth2/token} with the authorization code. */
        CODE_EXCHANGE("the code exchange"),
        /** Verify, roaming status or network type with the single-use 3-legged token. */
        SINGLE_USE_TOKEN("a call with the single-use verification token");

        private final String what;

        Step(String what) {
            this.what = what;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(VerificationAdvice.class);

    private VerificationAdvice() {
    }

    /** {@code e}, advised for number verification at {@code step}. */
    static CarrierException advise(CarrierException e, Step step) {
        if (e instanceof CarrierException.CarrierUnavailable && e.retry() == Retry.WITH_BACKOFF) {
            LOG.debug("{} failed during number verification, a new verification is needed: {}", step.what,
                    e.getMessage());
            return new CarrierException.CarrierUnavailable(e.origin(), Retry.RESTART_VERIFICATION, e.retryAfter(),
                    step.what + " failed (" + e.code() + ") after the request may have reached the carrier; "
                            + spent(step) + ": start a new number verification (a new authorize URL on the phone)",
                    e);
        }
        if (e instanceof CarrierException.RateLimited && e.retry() == Retry.WITH_BACKOFF) {
            LOG.debug("{} was rate limited during number verification: {}", step.what, e.getMessage());
            return new CarrierException.RateLimited(e.origin(), Retry.RESTART_VERIFICATION, e.retryAfter(),
                    step.what + " was refused for too many requests (" + e.code() + "); " + spent(step)
                            + ": start a new number verification after " + e.retryAfter()
                                    .map(d -> d.toSeconds() + " s").orElse("a pause"));
        }
        if (e instanceof CarrierException.AuthenticationFailed && e.retry() == Retry.WITH_NEW_TOKEN) {
            LOG.debug("{} was refused during number verification: {}", step.what, e.getMessage());
            if (step == Step.SINGLE_USE_TOKEN) {
                return new CarrierException.AuthenticationFailed(e.origin(), Retry.RESTART_VERIFICATION,
                        "the carrier refused the single-use verification token (" + e.code() + "); only a new number"
                                + " verification gives a new one: start it again");
            }
            return new CarrierException.AuthenticationFailed(e.origin(), Retry.NEVER,
                    step.what + " was refused (" + e.code() + "): the code is expired, already redeemed or not bound"
                            + " to this client, redirect URI and PKCE verifier, or the client assertion was refused;"
                            + " a code is never sent twice and there is no token to renew: start a new number"
                            + " verification, and if it fails the same way check the client id and signing key"
                            + " registered at the carrier");
        }
        return e;
    }

    private static String spent(Step step) {
        switch (step) {
            case CALLBACK:
                return "the same callback comes back the same way";
            case CODE_EXCHANGE:
                return "the code may already be redeemed and is never sent twice";
            default:
                return "the single-use token may already be spent";
        }
    }
}
