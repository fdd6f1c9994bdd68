package tw.mobileauth.carrier.fet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import tw.mobileauth.carrier.camara.CamaraClient;
import tw.mobileauth.carrier.camara.CamaraProfile;
import tw.mobileauth.carrier.camara.ErrorInfo;
import tw.mobileauth.carrier.camara.HolderInference;
import tw.mobileauth.carrier.camara.JsonReply;
import tw.mobileauth.carrier.camara.KycMatchApi;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.MatchOutcome;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.MvnoStatus;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;

/**
 * FET's wire profile (docs/carrier-contract.md §3): KYC Match is gated on the ID document (a wrong one
 * is a 403 that means "no match"), and the subscription attributes ride in the match answer's
 * {@code x-fet-subscriber} object.
 *
 * <p><b>Holder type, a profile rule.</b> FET's wire has no holder field. FET reports every
 * business line, whoever holds it, as segment {@code BIZ}; every other line ({@code PAYM},
 * {@code PAYG}) is a personal contract. So {@code BIZ} gives holder {@code ENTERPRISE},
 * {@code PAYM} and {@code PAYG} give {@code PERSONAL}, and an unknown segment gives
 * {@code UNKNOWN} ({@link HolderInference#fromContract}). A FET contract that broke this rule
 * would change this profile, not core.
 */
final class FetProfile implements CamaraProfile {

    static final String ID = "fet";
    static final String ID_MISMATCH = "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH";
    static final String ID_REQUIRED = "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_REQUIRED";
    static final String SUBSCRIBER = "x-fet-subscriber";

    /** PAYM is a monthly plan, PAYG prepaid, BIZ a business contract. */
    static final Map<String, ContractType> SEGMENTS = Map.of("PAYM", ContractType.POSTPAID,
            "PAYG", ContractType.PREPAID, "BIZ", ContractType.BUSINESS);
    /** CHILD is a 親子卡, MEMBER a family plan's member line. */
    static final Map<String, LineRole> LINE_ROLES = Map.of("PRIMARY", LineRole.PRIMARY,
            "CHILD", LineRole.PARENT_CHILD, "MEMBER", LineRole.FAMILY_SUB_LINE);

    private final AttributeCache cache;

    FetProfile(AttributeCache cache) {
        this.cache = cache;
    }

    @Override
    public String carrierId() {
        return ID;
    }

    /** {@code ID_DOCUMENT_REQUIRED}: we sent no ID document, which is our bug. */
    @Override
    public Optional<CarrierException> mapCarrierError(ErrorInfo error, CarrierException.Origin origin) {
        if (error.is(403, ID_REQUIRED)) {
            return Optional.of(new CarrierException.InvalidRequest(origin,
                    "FET matches only with the holder's ID document (" + ID_REQUIRED + "); send idDocument"));
        }
        return Optional.empty();
    }

    /**
     * A wrong ID document is a result: idDocument NO_MATCH, the rest NOT_AVAILABLE (FET compares
     * nothing else then). A match answer's attributes are kept for {@link #subscriptionAttributes}.
     */
    @Override
    public KycMatchResult matchSubscriber(CamaraClient client, CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
            throws CarrierException {
        JsonReply reply = client.post(ctx, KycMatchApi.PATH, KycMatchApi.SCOPE, KycMatchApi.request(msisdn, claims),
                e -> e.is(403, ID_MISMATCH));
        if (reply.error().isPresent()) {
            return new KycMatchResult(MatchOutcome.NO_MATCH, MatchOutcome.NOT_AVAILABLE, OptionalInt.empty(),
                    MatchOutcome.NOT_AVAILABLE);
        }
        KycMatchResult result = KycMatchApi.result(reply);
        Optional<JsonReply> subscriber = reply.optionalObject(SUBSCRIBER);
        if (result.idDocument() == MatchOutcome.MATCH && subscriber.isPresent()) {
            cache.put(msisdn, claims.idDocument(), attributes(client, subscriber.get()));
        }
        return result;
    }

    /** The same KYC Match endpoint with only {@code phoneNumber} and {@code idDocument}; cached briefly. */
    @Override
    public SubscriptionAttributes subscriptionAttributes(CamaraClient client, CallContext ctx, Msisdn msisdn,
            SubscriberClaims claims) throws CarrierException {
        Optional<SubscriptionAttributes> cached = cache.get(msisdn, claims.idDocument());
        if (cached.isPresent()) {
            return cached.get();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phoneNumber", msisdn.e164());
        body.put("idDocument", claims.idDocument());
        SubscriptionAttributes attributes = attributes(client,
                client.post(ctx, KycMatchApi.PATH, KycMatchApi.SCOPE, body).object(SUBSCRIBER));
        cache.put(msisdn, claims.idDocument(), attributes);
        return attributes;
    }

    /** Reads {@code {"segment", "lineRole", "wholesalePartner"}}. */
    private static SubscriptionAttributes attributes(CamaraClient client, JsonReply s)
            throws CarrierException.ProtocolViolation {
        ContractType segment = s.oneOf("segment", SEGMENTS, ContractType.UNKNOWN);
        Optional<String> partner = s.optionalText("wholesalePartner");
        return new SubscriptionAttributes(segment,
                HolderInference.fromContract(segment),
                s.oneOf("lineRole", LINE_ROLES, LineRole.UNKNOWN), partner.isPresent() ? MvnoStatus.YES : MvnoStatus.NO,
                partner, client.clock().instant());
    }
}
