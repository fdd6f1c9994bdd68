package tw.mobileauth.carrier.cht;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tw.mobileauth.carrier.camara.CamaraClient;
import tw.mobileauth.carrier.camara.CamaraProfile;
import tw.mobileauth.carrier.camara.ErrorInfo;
import tw.mobileauth.carrier.camara.HolderInference;
import tw.mobileauth.carrier.camara.JsonReply;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ConcurrentCalls;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.MvnoStatus;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;

/**
 * CHT's wire profile (docs/carrier-contract.md §3): the contract type comes from KYC Tenure, the line
 * role and MVNO brand from CHT's line-profile extension, and CHT's own {@code CHT.}-prefixed
 * error codes; the rest is plain CAMARA.
 *
 * <p><b>Holder type, a profile rule.</b> CHT's wire has no holder field. CHT reports every
 * business line, whoever holds it, as contract type {@code Business}; every other line
 * ({@code PAYM}, {@code PAYG}) is a personal contract. So {@code Business} gives holder
 * {@code ENTERPRISE}, {@code PAYM} and {@code PAYG} give {@code PERSONAL}, and an unknown contract
 * type gives {@code UNKNOWN} ({@link HolderInference#fromContract}). A CHT contract that broke
 * this rule would change this profile, not core.
 */
final class ChtProfile implements CamaraProfile {

    static final String ID = "cht";
    static final String TENURE_PATH = "/kyc-tenure/v0.2/check-tenure";
    static final String TENURE_SCOPE = "kyc-tenure:check-tenure";
    static final String LINE_PROFILE_PATH = "/cht/line-profile/v1/retrieve";
    static final String LINE_PROFILE_SCOPE = "cht-line-profile:retrieve";
    static final String SUSPENDED = "CHT.SUBSCRIBER_SUSPENDED";

    /** PAYG (pay as you go) is prepaid, PAYM (pay monthly) postpaid, Business a business contract. */
    static final Map<String, ContractType> CONTRACT_TYPES = Map.of("PAYG", ContractType.PREPAID,
            "PAYM", ContractType.POSTPAID, "Business", ContractType.BUSINESS);
    /** MAIN is the account's own line, PARENT_CHILD a 親子卡, FAMILY a family plan's member line. */
    static final Map<String, LineRole> LINE_TYPES = Map.of("MAIN", LineRole.PRIMARY,
            "PARENT_CHILD", LineRole.PARENT_CHILD, "FAMILY", LineRole.FAMILY_SUB_LINE);

    private final CarrierConfig config;
    private final Optional<LocalDate> tenureDate;

    ChtProfile(CarrierConfig config) {
        this.config = config;
        try {
            this.tenureDate = config.property("tenure-date").map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cht property tenure-date must be an ISO date such as 2020-01-01", e);
        }
    }

    @Override
    public String carrierId() {
        return ID;
    }

    /**
     * {@code 422 CHT.SUBSCRIBER_SUSPENDED}: the line is suspended, so the service does not apply.
     * Matched on status and code together, as every mapping is: the same code on another status is
     * not what the profile defines and falls back to that status.
     */
    @Override
    public Optional<CarrierException> mapCarrierError(ErrorInfo error, CarrierException.Origin origin) {
        if (error.is(422, SUSPENDED)) {
            return Optional.of(new CarrierException.ServiceNotApplicable(origin,
                    "CHT reports the line as suspended (" + SUSPENDED + "); the policy decides, do not retry"));
        }
        return Optional.empty();
    }

    @Override
    public SubscriptionAttributes subscriptionAttributes(CamaraClient client, CallContext ctx, Msisdn msisdn,
            SubscriberClaims claims) throws CarrierException {
        Map<String, Object> tenure = new LinkedHashMap<>();
        tenure.put("phoneNumber", msisdn.e164());
        tenure.put("tenureDate", tenureDate.orElseGet(() -> LocalDate.ofInstant(config.clock().instant(),
                ZoneOffset.UTC)).toString());
        // Two independent reads, side by side; a tenure failure is reported first, as when called in turn.
        JsonReply contract;
        JsonReply line;
        try (ConcurrentCalls.Forked<JsonReply> lineProfile = client.fork(() -> client.post(ctx, LINE_PROFILE_PATH,
                LINE_PROFILE_SCOPE, Map.of("phoneNumber", msisdn.e164())))) {
            contract = client.post(ctx, TENURE_PATH, TENURE_SCOPE, tenure);
            line = lineProfile.join();
        }
        ContractType contractType = contract.oneOf("contractType", CONTRACT_TYPES, ContractType.UNKNOWN);
        Optional<String> brand = line.optionalText("resellerBrand");
        return new SubscriptionAttributes(contractType,
                HolderInference.fromContract(contractType),
                line.oneOf("lineType", LINE_TYPES, LineRole.UNKNOWN), brand.isPresent() ? MvnoStatus.YES : MvnoStatus.NO,
                brand, client.clock().instant());
    }
}
