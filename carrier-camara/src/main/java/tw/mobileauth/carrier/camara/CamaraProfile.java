package tw.mobileauth.carrier.camara;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;

/**
 * What one carrier's wire profile changes relative to plain CAMARA (docs/carrier-contract.md §3). A
 * {@link CamaraAdapter} does everything shared (OAuth, PKCE, the number-verification flow,
 * retries, error mapping) and asks its profile only for these differences.
 *
 * <p>Defaults are plain CAMARA: verify with {@code {"phoneNumber": "+886…"}}, KYC Match v0.4,
 * SIM Swap {@code retrieve-date}, no carrier-specific error codes. Implementations are immutable
 * and thread-safe; caches they keep must be too.
 */
public interface CamaraProfile {

    /** {@return the carrier id, equal to its factory's id, e.g. {@code cht}} */
    String carrierId();

    /**
     * {@return the operations this carrier supports} Default: number verification, network status, KYC
     * match, subscription attributes and dated SIM swap.
     */
    default Set<Capability> capabilities() {
        return EnumSet.of(Capability.NUMBER_VERIFICATION, Capability.NETWORK_STATUS, Capability.KYC_MATCH,
                Capability.SUBSCRIPTION_ATTRIBUTES, Capability.SIM_SWAP_DATE);
    }

    /**
     * {@return whether the authorize request must carry {@code login_hint=tel:+886…}} It puts the full
     * number in a link that anyone holding the phone's session can read, so it is sent only where
     * the carrier requires it. Default: false; none of the three reference profiles requires it
     * (docs/carrier-contract.md §2 makes it optional).
     */
    default boolean requiresLoginHint() {
        return false;
    }

    /**
     * {@return the body of {@code POST /number-verification/v2/verify}} Default {@code {"phoneNumber": e164}}.
     *
     * @param msisdn the subscriber's number, E.164
     */
    default Map<String, ?> numberVerificationBody(Msisdn msisdn) {
        return Map.of("phoneNumber", msisdn.e164());
    }

    /**
     * Maps an error code of this carrier's own, before the shared table is consulted. Default:
     * none.
     *
     * @param error  the carrier's ErrorInfo
     * @param origin the origin to give the exception
     * @return the exception, or empty to use the shared {@code (status, code)} table
     */
    default Optional<CarrierException> mapCarrierError(ErrorInfo error, CarrierException.Origin origin) {
        return Optional.empty();
    }

    /**
     * {@return KYC match} Default: CAMARA KYC Match v0.4 ({@link KycMatchApi#match}).
     *
     * @param client the requesting browser
     * @param ctx the call context: deadline, correlator and retry budget
     * @param msisdn the subscriber's number, E.164
     * @param claims the claims to check
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    default KycMatchResult matchSubscriber(CamaraClient client, CallContext ctx, Msisdn msisdn,
            SubscriberClaims claims) throws CarrierException {
        return KycMatchApi.match(client, ctx, msisdn, claims);
    }

    /**
     * {@return contract type, holder, line role and MVNO, as this carrier exposes them}
     *
     * @param client the requesting browser
     * @param ctx the call context: deadline, correlator and retry budget
     * @param msisdn the subscriber's number, E.164
     * @param claims the claims to check
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    SubscriptionAttributes subscriptionAttributes(CamaraClient client, CallContext ctx, Msisdn msisdn,
            SubscriberClaims claims) throws CarrierException;

    /**
     * {@return the latest SIM change} Default: CAMARA SIM Swap {@code retrieve-date} ({@link SimSwapApi#retrieveDate}).
     *
     * @param client the requesting browser
     * @param ctx the call context: deadline, correlator and retry budget
     * @param msisdn the subscriber's number, E.164
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    default SimSwapInfo simSwapInfo(CamaraClient client, CallContext ctx, Msisdn msisdn) throws CarrierException {
        return SimSwapApi.retrieveDate(client, ctx, msisdn);
    }
}
