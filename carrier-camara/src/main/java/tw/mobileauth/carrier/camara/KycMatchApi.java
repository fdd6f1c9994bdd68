package tw.mobileauth.carrier.camara;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.MatchOutcome;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.SubscriberClaims;

/** CAMARA KYC Match v0.4: {@code POST /kyc-match/v0.4/match} with a 2-legged token. */
public final class KycMatchApi {

    /** The path below the base URI. */
    public static final String PATH = "/kyc-match/v0.4/match";
    /** The client-credentials scope. */
    public static final String SCOPE = "kyc-match:match";

    private KycMatchApi() {
    }

    /**
     * Matches {@code claims} against the subscriber of {@code msisdn}; a non-match is a result.
     *
     * @param client the requesting browser
     * @param ctx the call context: deadline, correlator and retry budget
     * @param msisdn the subscriber's number, E.164
     * @param claims the claims to check
     * @return the kyc match result
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    public static KycMatchResult match(CamaraClient client, CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
            throws CarrierException {
        return result(client.post(ctx, PATH, SCOPE, request(msisdn, claims)));
    }

    /**
     * {@return the request body: {@code phoneNumber}, {@code idDocument}, {@code idDocumentType},
     * {@code name} (exactly as the person typed it) and {@code birthdate} (ISO date)}
     *
     * @param msisdn the subscriber's number, E.164
     * @param claims the claims to check
     */
    public static Map<String, Object> request(Msisdn msisdn, SubscriberClaims claims) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phoneNumber", msisdn.e164());
        body.put("idDocument", claims.idDocument());
        body.put("idDocumentType", claims.idDocumentType().wireName());
        body.put("name", claims.fullName());
        body.put("birthdate", claims.birthDate().toString());
        return body;
    }

    /**
     * Reads {@code idDocumentMatch}, {@code nameMatch}, {@code nameMatchScore} (kept only with a
     * name non-match) and {@code birthdateMatch}. Each is the string {@code "true"}, {@code "false"}
     * or {@code "not_available"}; an absent field is NOT_AVAILABLE.
     *
     * @param reply the reply value
     * @return the kyc match result
     * @throws CarrierException.ProtocolViolation if the carrier broke the protocol or a binding check failed
     */
    public static KycMatchResult result(JsonReply reply) throws CarrierException.ProtocolViolation {
        MatchOutcome name = outcome(reply, "nameMatch");
        OptionalInt score = reply.optionalInt("nameMatchScore");
        if (score.isPresent() && (score.getAsInt() < 0 || score.getAsInt() > 99)) {
            throw reply.violation("nameMatchScore must be 0-99, was " + score.getAsInt());
        }
        return new KycMatchResult(outcome(reply, "idDocumentMatch"), name,
                name == MatchOutcome.NO_MATCH ? score : OptionalInt.empty(), outcome(reply, "birthdateMatch"));
    }

    private static MatchOutcome outcome(JsonReply reply, String field) throws CarrierException.ProtocolViolation {
        switch (reply.optionalText(field).orElse("not_available")) {
            case "true":
                return MatchOutcome.MATCH;
            case "false":
                return MatchOutcome.NO_MATCH;
            case "not_available":
                return MatchOutcome.NOT_AVAILABLE;
            default:
                throw reply.violation("field '" + field + "' must be true, false or not_available");
        }
    }
}
