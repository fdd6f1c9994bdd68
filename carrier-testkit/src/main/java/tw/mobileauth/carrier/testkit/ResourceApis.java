package tw.mobileauth.carrier.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import tw.mobileauth.carrier.spi.AccessNetwork;
import tw.mobileauth.carrier.spi.Msisdn;

/**
 * The CAMARA APIs and carrier extensions behind the bearer check (docs/carrier-contract.md §2, §3).
 * Each request is validated first (400), then the identifier is checked against the token (422
 * {@code MISSING_IDENTIFIER} for a 2-legged call without {@code phoneNumber}, 422
 * {@code UNNECESSARY_IDENTIFIER} for a 3-legged status call that names a {@code device}), then
 * the subscriber is looked up (404 {@code IDENTIFIER_NOT_FOUND} when this carrier does not serve
 * the number), then a suspended line is refused (422), then the answer is built.
 *
 * <p>As the official definitions say: roaming status and network type require a JSON body
 * ({@code {}} will do; a missing body is 400 {@code INVALID_ARGUMENT}); {@code /verify} with both
 * {@code phoneNumber} and {@code hashedPhoneNumber} is 400 {@code INVALID_ARGUMENT}; KYC Match with
 * nothing to compare but the {@code phoneNumber} is 400
 * {@code KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION}.
 */
final class ResourceApis {

    /** How far back CHT and FET watch SIM changes (CAMARA {@code monitoredPeriod}, days). */
    static final int MONITORED_DAYS = 90;
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{4,14}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private final Clock clock;
    private final SubscriberFixture fixture;
    private final NetworkAttachments attachments;

    ResourceApis(Clock clock, SubscriberFixture fixture, NetworkAttachments attachments) {
        this.clock = clock;
        this.fixture = fixture;
        this.attachments = attachments;
    }

    Reply handle(String carrierId, Endpoint endpoint, OAuthServer.AccessToken token, String body) {
        switch (endpoint) {
            case NUMBER_VERIFY: return verify(carrierId, token, object(body));
            case ROAMING_STATUS:
                noDeviceWithThreeLeggedToken(object(body));
                return roaming(carrierId, token);
            case NETWORK_TYPE:
                noDeviceWithThreeLeggedToken(object(body));
                return networkType(carrierId, token);
            case KYC_MATCH: return kycMatch(carrierId, object(body));
            case KYC_TENURE: return tenure(carrierId, object(body));
            case SIM_SWAP_DATE: return simSwapDate(carrierId, object(body));
            case SIM_SWAP_CHECK: return simSwapCheck(carrierId, object(body));
            case CHT_LINE_PROFILE: return lineProfile(carrierId, object(body));
            case TWM_SUBSCRIPTION: return twmSubscription(carrierId, object(body));
            default: throw new ApiError(404, "NOT_FOUND", "No such API at this carrier");
        }
    }

    // ---------------------------------------------------------------- 3-legged

    private Reply verify(String carrierId, OAuthServer.AccessToken token, ObjectNode req) {
        boolean plain = req.has("phoneNumber");
        boolean hashed = req.has("hashedPhoneNumber");
        if (carrierId.equals("twm") && plain) {
            throw invalid("Taiwan Mobile requires hashedPhoneNumber, the lowercase SHA-256 hex of the E.164 number"
                    + " including '+'; a plain phoneNumber is not accepted");
        }
        if (plain && hashed) {
            throw invalid("Give phoneNumber or hashedPhoneNumber, not both");
        }
        if (!plain && !hashed) {
            throw invalid(carrierId.equals("twm") ? "hashedPhoneNumber is required"
                    : "phoneNumber (E.164 with '+') is required");
        }
        boolean verified;
        if (plain) {
            verified = phone(req).e164().equals(token.number.e164());
        } else {
            String h = Json.text(req, "hashedPhoneNumber").orElse("");
            if (!HASH.matcher(h).matches()) {
                throw invalid("hashedPhoneNumber must be 64 lowercase hex digits (SHA-256 of the E.164 number)");
            }
            verified = h.equals(sha256Hex(token.number.e164()));
        }
        ObjectNode n = Json.object();
        n.put("devicePhoneNumberVerified", verified);
        return Reply.json(200, n);
    }

    private Reply roaming(String carrierId, OAuthServer.AccessToken token) {
        Access access = currentAccess(carrierId, token);
        ObjectNode n = Json.object();
        if (access instanceof Access.Roaming) {
            n.put("roaming", true);
            n.put("countryCode", ((Access.Roaming) access).countryCode());
        } else {
            n.put("roaming", false);
        }
        n.put("lastStatusTime", now());
        return Reply.json(200, n);
    }

    private Reply networkType(String carrierId, OAuthServer.AccessToken token) {
        Access access = currentAccess(carrierId, token);
        String type = "UNKNOWN";
        if (access instanceof Access.Cellular) {
            AccessNetwork g = ((Access.Cellular) access).generation();
            type = g.name().substring(1) + "G";
        } else if (access instanceof Access.Roaming) {
            type = ((Access.Roaming) access).g5() ? "5G" : "4G";
        }
        ObjectNode n = Json.object();
        n.put("connectedNetworkType", type);
        n.put("lastStatusTime", now());
        return Reply.json(200, n);
    }

    /** The device's live attachment while it stays on this carrier with the same SIM; else what authorize saw. */
    private Access currentAccess(String carrierId, OAuthServer.AccessToken token) {
        return attachments.of(token.handle)
                .filter(a -> a.number().equals(token.number))
                .filter(a -> attachments.carrierNetwork(a).map(carrierId::equals).orElse(false))
                .map(NetworkAttachments.Attachment::access)
                .orElse(token.accessAtAuthorize);
    }

    // ---------------------------------------------------------------- 2-legged

    private Reply kycMatch(String carrierId, ObjectNode req) {
        Msisdn number = phone(req);
        if (req.size() == 1) {
            throw new ApiError(400, "KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION",
                    "Give at least one property to match besides phoneNumber");
        }
        Optional<String> idDocument = optionalText(req, "idDocument");
        Optional<String> idType = optionalText(req, "idDocumentType");
        if (idType.isPresent() && !idType.get().equals("national_id_card") && !idType.get().equals("residence_permit")) {
            throw invalid("idDocumentType must be national_id_card or residence_permit");
        }
        Optional<String> name = optionalText(req, "name");
        Optional<LocalDate> birthdate = optionalText(req, "birthdate").map(ResourceApis::isoDate);
        Subscriber s = subscriber(carrierId, number);
        boolean idMatches = idDocument.map(s.holderId()::equals).orElse(false)
                && idType.map(s.holderIdType().wireName()::equals).orElse(true);
        if (carrierId.equals("fet")) {
            if (idDocument.isEmpty()) {
                throw new ApiError(403, "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_REQUIRED",
                        "FarEasTone matches only with the holder's idDocument");
            }
            if (!idMatches) {
                throw new ApiError(403, "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH",
                        "The idDocument does not match the line's holder");
            }
        }
        ObjectNode n = Json.object();
        idDocument.ifPresent(d -> n.put("idDocumentMatch", String.valueOf(idMatches)));
        name.ifPresent(claimed -> {
            boolean ok = NameKey.matches(s.name(), claimed);
            n.put("nameMatch", String.valueOf(ok));
            if (!ok) {
                n.put("nameMatchScore", NameKey.score(s.name(), claimed));
            }
        });
        birthdate.ifPresent(b -> n.put("birthdateMatch", String.valueOf(b.equals(s.birthDate()))));
        if (carrierId.equals("fet")) {
            ObjectNode x = n.putObject("x-fet-subscriber");
            x.put("segment", Profiles.fetSegment(s));
            x.put("lineRole", Profiles.fetLineRole(s));
            if (s.mvnoBrand().isPresent()) {
                x.put("wholesalePartner", s.mvnoBrand().get());
            } else {
                x.putNull("wholesalePartner");
            }
        }
        return Reply.json(200, n);
    }

    private Reply tenure(String carrierId, ObjectNode req) {
        Msisdn number = phone(req);
        LocalDate tenureDate = isoDate(optionalText(req, "tenureDate")
                .orElseThrow(() -> invalid("tenureDate (YYYY-MM-DD) is required")));
        if (tenureDate.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
            throw new ApiError(400, "OUT_OF_RANGE", "tenureDate must not be in the future");
        }
        Subscriber s = subscriber(carrierId, number);
        ObjectNode n = Json.object();
        n.put("tenureDateCheck", !fixture.subscribedSince(s).isAfter(tenureDate));
        n.put("contractType", Profiles.chtContractType(s));
        return Reply.json(200, n);
    }

    private Reply lineProfile(String carrierId, ObjectNode req) {
        Subscriber s = subscriber(carrierId, phone(req));
        ObjectNode n = Json.object();
        n.put("lineType", Profiles.chtLineType(s));
        if (s.mvnoBrand().isPresent()) {
            n.put("resellerBrand", s.mvnoBrand().get());
        } else {
            n.putNull("resellerBrand");
        }
        return Reply.json(200, n);
    }

    private Reply twmSubscription(String carrierId, ObjectNode req) {
        Subscriber s = subscriber(carrierId, phone(req));
        ObjectNode n = Json.object();
        n.put("billingType", Profiles.twmBillingType(s));
        n.put("customerType", Profiles.twmCustomerType(s));
        n.put("familyPlanRole", Profiles.twmFamilyPlanRole(s));
        n.put("mvno", s.isMvno());
        return Reply.json(200, n);
    }

    private Reply simSwapDate(String carrierId, ObjectNode req) {
        Subscriber s = subscriber(carrierId, phone(req));
        Instant since = clock.instant().minus(Duration.ofDays(MONITORED_DAYS));
        ObjectNode n = Json.object();
        Optional<Instant> last = s.lastSimChange().filter(t -> !t.isBefore(since));
        if (last.isPresent()) {
            n.put("latestSimChange", last.get().truncatedTo(ChronoUnit.SECONDS).toString());
        } else {
            n.putNull("latestSimChange");
            n.put("monitoredPeriod", MONITORED_DAYS);
        }
        return Reply.json(200, n);
    }

    private Reply simSwapCheck(String carrierId, ObjectNode req) {
        Msisdn number = phone(req);
        int maxAllowed = carrierId.equals("twm") ? 720 : 2400;
        int maxAge = 240;
        JsonNode v = req.get("maxAge");
        if (v != null && !v.isNull()) {
            if (!v.isIntegralNumber()) {
                throw invalid("maxAge must be a whole number of hours");
            }
            if (v.asLong() < 1 || v.asLong() > maxAllowed) {
                throw new ApiError(400, "OUT_OF_RANGE", "maxAge must be 1-" + maxAllowed + " hours");
            }
            maxAge = v.asInt();
        }
        Subscriber s = subscriber(carrierId, number);
        Instant since = clock.instant().minus(Duration.ofHours(maxAge));
        ObjectNode n = Json.object();
        n.put("swapped", s.lastSimChange().map(t -> !t.isBefore(since)).orElse(false));
        return Reply.json(200, n);
    }

    // ---------------------------------------------------------------- helpers

    private Subscriber subscriber(String carrierId, Msisdn number) {
        Subscriber s = fixture.byNumber(number).filter(x -> x.carrierId().equals(carrierId))
                .orElseThrow(() -> new ApiError(404, "IDENTIFIER_NOT_FOUND",
                        "The phone number is not a subscriber of this carrier"));
        if (s.suspended()) {
            throw new ApiError(422, Profiles.suspendedCode(carrierId), "The line is suspended");
        }
        return s;
    }

    /** The identifier of a 2-legged call: without it the token names no device, so 422 MISSING_IDENTIFIER. */
    private static Msisdn phone(ObjectNode req) {
        String p = optionalText(req, "phoneNumber").orElseThrow(() -> new ApiError(422, "MISSING_IDENTIFIER",
                "The device cannot be identified: a 2-legged access token needs phoneNumber (E.164 with '+')"));
        if (!PHONE.matcher(p).matches()) {
            throw invalid("phoneNumber must be E.164 with '+', e.g. +886912345678");
        }
        return Msisdn.of(p);
    }

    private static Optional<String> optionalText(ObjectNode req, String field) {
        JsonNode v = req.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return Optional.of(v.asText());
    }

    private static LocalDate isoDate(String s) {
        try {
            if (!ISO_DATE.matcher(s).matches()) {
                throw new DateTimeParseException("not YYYY-MM-DD", s, 0);
            }
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw invalid("dates must be YYYY-MM-DD");
        }
    }

    private static ObjectNode object(String body) {
        return Json.parseObject(body).orElseThrow(() -> invalid("The body must be one JSON object"));
    }

    /** The 3-legged token names the device: a {@code device} in the body too is 422 UNNECESSARY_IDENTIFIER. */
    private static void noDeviceWithThreeLeggedToken(ObjectNode req) {
        if (req.has("device")) {
            throw new ApiError(422, "UNNECESSARY_IDENTIFIER",
                    "The device is already identified by the access token; do not send device");
        }
    }

    private static ApiError invalid(String message) {
        return new ApiError(400, "INVALID_ARGUMENT", message);
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
