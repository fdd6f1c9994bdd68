package tw.mobileauth.carrier.spi;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * One carrier's operations, bound to a {@link CarrierConfig}. Thread-safe; one instance serves
 * every enrolment.
 *
 * <p>Every operation takes a {@link CallContext} whose correlator is sent as
 * {@code x-correlator} and whose deadline bounds the whole call, retries included. Results are
 * facts; core decides what they mean. Failures are {@link CarrierException}s.
 */
public interface CarrierAdapter extends AutoCloseable {

    /** The carrier id, equal to its factory's {@link CarrierAdapterFactory#id()}. */
    String carrierId();

    /** The optional operations this adapter supports. Never empty: number verification is required. */
    Set<Capability> capabilities();

    /**
     * Starts network-based number verification (OIDC authorization code, {@code prompt=none},
     * PKCE S256). The only network call an adapter may make is reading the carrier's OpenID
     * Connect discovery document (where the authorization endpoint is), usually from its cache;
     * the phone must open {@link NvChallenge#authorizeUri()} <em>over its mobile data</em>.
     *
     * @param redirectUri where the carrier sends the phone back with {@code code} and {@code state}
     */
    NvChallenge startNumberVerification(CallContext ctx, Msisdn msisdn, URI redirectUri)
            throws CarrierException;

    /**
     * Completes number verification from the callback's query parameters: checks {@code state},
     * exchanges the code ({@code private_key_jwt} + PKCE, not retried), checks the ID token's
     * {@code nonce}, calls NV verify, then roaming status and network type with the same
     * single-use token, and discards the token.
     *
     * <p>{@code devicePhoneNumberVerified=false} is a result ({@link NvResult#verified()} false),
     * not an exception. A callback carrying {@code error=access_denied} because the phone was
     * not on this carrier's mobile data raises {@link CarrierException.NotOnMobileNetwork}.
     *
     * <p>Nothing here is repeated, and once the code exchange was sent the same callback can never
     * pass again: the code may be redeemed, the token spent. A transient failure from then on
     * (time-out, reset, 5xx, 429, a refused single-use token) carries
     * {@link CarrierException.Retry#RESTART_VERIFICATION}: call
     * {@link #startNumberVerification} again and let the phone open the new URL. A refused code
     * ({@code invalid_grant}) is {@link CarrierException.Retry#NEVER}.
     */
    NvVerification completeNumberVerification(CallContext ctx, NvChallenge challenge,
            Map<String, String> callbackParams) throws CarrierException;

    /**
     * KYC match of the claims against the carrier's subscriber record. A non-match is a
     * result. Requires {@link Capability#KYC_MATCH}.
     */
    KycMatchResult matchSubscriber(CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
            throws CarrierException;

    /** Contract type, holder, line role and MVNO. Requires {@link Capability#SUBSCRIPTION_ATTRIBUTES}. */
    SubscriptionAttributes subscriptionAttributes(CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
            throws CarrierException;

    /**
     * What the carrier knows of the latest SIM change. Requires {@link Capability#SIM_SWAP_DATE}
     * or {@link Capability#SIM_SWAP_CHECK}; with only the latter the answer is a bound.
     */
    SimSwapInfo simSwapInfo(CallContext ctx, Msisdn msisdn) throws CarrierException;

    /** Releases what the adapter opened. Never throws. */
    @Override
    void close();
}
