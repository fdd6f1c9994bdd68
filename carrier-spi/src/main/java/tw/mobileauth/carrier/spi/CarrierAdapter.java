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

    /** {@return the carrier id, equal to its factory's {@link CarrierAdapterFactory#id()}} */
    String carrierId();

    /** {@return the optional operations this adapter supports} Never empty: number verification is required. */
    Set<Capability> capabilities();

    /**
     * Starts network-based number verification (OIDC authorization code, {@code prompt=none},
     * PKCE S256). The only network call an adapter may make is reading the carrier's OpenID
     * Connect discovery document (where the authorization endpoint is), usually from its cache;
     * the phone must open {@link NvChallenge#authorizeUri()} <em>over its mobile data</em>.
     *
     * @param redirectUri where the carrier sends the phone back with {@code code} and {@code state}
     * @param ctx the call context: deadline, correlator and retry budget
     * @param msisdn the subscriber's number, E.164
     * @return the nv challenge
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
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
     *
     * @param ctx the call context: deadline, correlator and retry budget
     * @param challenge the challenge value
     * @param callbackParams the callback params
     * @return the nv verification
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    NvVerification completeNumberVerification(CallContext ctx, NvChallenge challenge,
            Map<String, String> callbackParams) throws CarrierException;

    /**
     * {@return KYC match of the claims against the carrier's subscriber record} A non-match is a
     * result. Requires {@link Capability#KYC_MATCH}.
     *
     * @param ctx the call context: deadline, correlator and retry budget
     * @param msisdn the subscriber's number, E.164
     * @param claims the claims to check
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    KycMatchResult matchSubscriber(CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
            throws CarrierException;

    /**
     * {@return contract type, holder, line role and MVNO} Requires {@link Capability#SUBSCRIPTION_ATTRIBUTES}.
     *
     * @param ctx the call context: deadline, correlator and retry budget
     * @param msisdn the subscriber's number, E.164
     * @param claims the claims to check
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    SubscriptionAttributes subscriptionAttributes(CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
            throws CarrierException;

    /**
     * {@return what the carrier knows of the latest SIM change} Requires {@link Capability#SIM_SWAP_DATE}
     * or {@link Capability#SIM_SWAP_CHECK}; with only the latter the answer is a bound.
     *
     * @param ctx the call context: deadline, correlator and retry budget
     * @param msisdn the subscriber's number, E.164
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    SimSwapInfo simSwapInfo(CallContext ctx, Msisdn msisdn) throws CarrierException;

    /** Releases what the adapter opened. Never throws. */
    @Override
    void close();
}
