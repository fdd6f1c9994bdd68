package tw.mobileauth.carrier.twm;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tw.mobileauth.carrier.camara.CamaraClient;
import tw.mobileauth.carrier.camara.CamaraProfile;
import tw.mobileauth.carrier.camara.HashedPhoneNumber;
import tw.mobileauth.carrier.camara.JsonReply;
import tw.mobileauth.carrier.camara.SimSwapApi;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.MvnoStatus;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;

/**
 * TWM's wire profile (docs/carrier-contract.md §3): NV with {@code hashedPhoneNumber}, every attribute
 * from the subscription-query extension, and SIM swap by {@code check} only.
 */
final class TwmProfile implements CamaraProfile {

    static final String ID = "twm";
    static final String SUBSCRIPTION_PATH = "/twm/subscription/v1/query";
    static final String SUBSCRIPTION_SCOPE = "twm-subscription:query";

    /** TWM bills POSTPAID or PREPAID; an enterprise contract is billed POSTPAID to a CORPORATE customer. */
    static final Map<String, ContractType> BILLING_TYPES = Map.of("POSTPAID", ContractType.POSTPAID,
            "PREPAID", ContractType.PREPAID);
    static final Map<String, HolderType> CUSTOMER_TYPES = Map.of("PERSONAL", HolderType.PERSONAL,
            "CORPORATE", HolderType.ENTERPRISE);
    /** CHILD is a 親子卡, MEMBER a family plan's member line; OWNER and NONE are primary lines. */
    static final Map<String, LineRole> FAMILY_PLAN_ROLES = Map.of("CHILD", LineRole.PARENT_CHILD,
            "MEMBER", LineRole.FAMILY_SUB_LINE, "OWNER", LineRole.PRIMARY, "NONE", LineRole.PRIMARY);

    @Override
    public String carrierId() {
        return ID;
    }

    /** No {@code retrieve-date}: SIM swap answers are bounds from {@code check}. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.NUMBER_VERIFICATION, Capability.NETWORK_STATUS, Capability.KYC_MATCH,
                Capability.SUBSCRIPTION_ATTRIBUTES, Capability.SIM_SWAP_CHECK);
    }

    /** {@code {"hashedPhoneNumber": lowercase hex SHA-256 of "+886…"}}; TWM refuses a plain number. */
    @Override
    public Map<String, ?> numberVerificationBody(Msisdn msisdn) {
        return Map.of("hashedPhoneNumber", HashedPhoneNumber.of(msisdn));
    }

    @Override
    public SubscriptionAttributes subscriptionAttributes(CamaraClient client, CallContext ctx, Msisdn msisdn,
            SubscriberClaims claims) throws CarrierException {
        JsonReply r = client.post(ctx, SUBSCRIPTION_PATH, SUBSCRIPTION_SCOPE, Map.of("phoneNumber", msisdn.e164()));
        boolean mvno = r.bool("mvno");
        return new SubscriptionAttributes(r.oneOf("billingType", BILLING_TYPES, ContractType.UNKNOWN),
                r.oneOf("customerType", CUSTOMER_TYPES, HolderType.UNKNOWN),
                r.oneOf("familyPlanRole", FAMILY_PLAN_ROLES, LineRole.UNKNOWN), mvno ? MvnoStatus.YES : MvnoStatus.NO,
                Optional.empty(), client.clock().instant());
    }

    @Override
    public SimSwapInfo simSwapInfo(CamaraClient client, CallContext ctx, Msisdn msisdn) throws CarrierException {
        return SimSwapBisection.STANDARD.info(maxAge -> SimSwapApi.check(client, ctx, msisdn, maxAge));
    }
}
