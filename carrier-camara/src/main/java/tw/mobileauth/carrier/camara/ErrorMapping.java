package tw.mobileauth.carrier.camara;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tw.mobileauth.carrier.camara.internal.Json;
import tw.mobileauth.carrier.camara.internal.Redaction;
import tw.mobileauth.carrier.camara.internal.RetryAfter;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.CarrierException.Origin;

/**
 * Turns carrier error answers into the SPI's {@link CarrierException}s, exactly as the table of
 * docs/carrier-contract.md §1 says: the carrier's own codes first (the profile's hook), then
 * {@code (status, code)}, then the status alone; anything else is a protocol violation.
 */
final class ErrorMapping {

    private final String carrierId;
    private final CamaraProfile profile;
    private final Clock clock;

    ErrorMapping(String carrierId, CamaraProfile profile, Clock clock) {
        this.carrierId = carrierId;
        this.profile = profile;
        this.clock = clock;
    }

    /** The ErrorInfo in a response body, when there is one. */
    Optional<ErrorInfo> errorInfo(Transport.Response r) {
        return Json.parse(r.body()).flatMap(ErrorInfo::from);
    }

    /** The server errors the profile defines as outages; any other 5xx is a status it never uses. */
    static final Set<Integer> OUTAGE_STATUSES = Set.of(500, 502, 503, 504);

    /**
     * A non-2xx answer from a CAMARA API. 500, 502, 503 and 504 are outages whatever the body;
     * another 5xx (501, 505, 507, …) is not in the profile's table and, like any unexpected
     * status, a {@link CarrierException.ProtocolViolation}.
     */
    CarrierException apiError(Transport.Response r) {
        Optional<Duration> retryAfter = RetryAfter.parse(r.header("Retry-After"), clock.instant());
        Optional<ErrorInfo> info = errorInfo(r);
        if (OUTAGE_STATUSES.contains(r.status())) {
            String code = info.map(ErrorInfo::code).orElse("HTTP_" + r.status());
            return new CarrierException.CarrierUnavailable(Origin.http(carrierId, r.status(), code, r.correlator()),
                    retryAfter, "the carrier failed to answer " + r.path() + info.map(i -> ": " + i.message()).orElse("")
                            + "; retry with backoff",
                    null);
        }
        if (info.isEmpty()) {
            return protocol(r, "NOT_ERROR_INFO", "a " + r.status() + " answer from " + r.path()
                    + " without a CAMARA ErrorInfo body {status, code, message}");
        }
        ErrorInfo e = info.get();
        Origin origin = Origin.http(carrierId, r.status(), e.code(), r.correlator());
        if (e.status() != r.status()) {
            return protocol(r, e.code(), "ErrorInfo.status " + e.status() + " differs from the HTTP status "
                    + r.status() + " of " + r.path());
        }
        Optional<CarrierException> own = profile.mapCarrierError(e, origin);
        if (own.isPresent()) {
            return own.get();
        }
        String detail = r.path() + " answered " + r.status() + " " + e.code()
                + (e.message().isEmpty() ? "" : " (" + e.message() + ")");
        return byStatusAndCode(origin, r.status(), e.code(), retryAfter, detail)
                .orElseGet(() -> protocol(r, e.code(), "unexpected status and code: " + detail));
    }

    /**
     * The SPI exception for {@code (status, code)}, falling back to the status alone; empty for a
     * status the profile does not define.
     */
    static Optional<CarrierException> byStatusAndCode(Origin origin, int status, String code,
            Optional<Duration> retryAfter, String detail) {
        switch (status) {
            case 400:
                return Optional.of(new CarrierException.InvalidRequest(origin, detail
                        + "; the request is malformed or out of range, fix the input or the adapter, do not retry"));
            case 401:
                return Optional.of(new CarrierException.AuthenticationFailed(origin, detail
                        + "; the client credentials or token were refused, retry once with a new token, then check "
                        + "the client id and signing key registered at the carrier"));
            case 403:
                if (code.equals("NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK")) {
                    return Optional.of(new CarrierException.NotOnMobileNetwork(origin, detail
                            + "; the phone must turn Wi-Fi off and use this carrier's 4G/5G data"));
                }
                return Optional.of(new CarrierException.PermissionDenied(origin, detail
                        + "; the token may not do this, check the scopes the carrier granted to this client"));
            case 404:
                return Optional.of(new CarrierException.SubscriberNotFound(origin, detail
                        + "; the carrier does not serve this number, check the carrier chosen or whether the number"
                        + " was ported"));
            case 422:
                return Optional.of(unprocessable(origin, code, detail));
            case 429:
                boolean quota = code.equals("QUOTA_EXCEEDED");
                return Optional.of(new CarrierException.RateLimited(origin, !quota, quota ? Optional.empty() : retryAfter,
                        detail + (quota ? "; the contract's quota is used up, do not retry, raise the quota"
                                : "; too many requests, retry after " + retryAfter.map(Duration::toString)
                                        .orElse("a backoff"))));
            default:
                return Optional.empty();
        }
    }

    /**
     * The identifier errors CAMARA answers with 422: we sent a device identifier where the
     * 3-legged token already names the device, none where the 2-legged token needs one, or one of
     * a kind the carrier does not take. Each is a bug in the adapter, never a fact about the line.
     */
    static final Set<String> IDENTIFIER_CODES = Set.of("MISSING_IDENTIFIER", "UNNECESSARY_IDENTIFIER",
            "UNSUPPORTED_IDENTIFIER");

    /**
     * 422 by code. {@code SERVICE_NOT_APPLICABLE} is the only shared code that is a fact about the
     * line ({@link CarrierException.ServiceNotApplicable}: the policy decides); carrier codes such
     * as {@code CHT.SUBSCRIBER_SUSPENDED} reach the profile's own mapping before this. The three
     * identifier codes are our bug: {@link CarrierException.InvalidRequest}, which alerts and is
     * never shown to a person as a policy outcome. Any other 422 code is unknown, and an unknown
     * code must not become a policy outcome either: {@link CarrierException.ProtocolViolation}
     * (alert the operator; the carrier changed its contract).
     */
    private static CarrierException unprocessable(Origin origin, String code, String detail) {
        if (code.equals("SERVICE_NOT_APPLICABLE")) {
            return new CarrierException.ServiceNotApplicable(origin, detail
                    + "; the service does not apply to this line, the policy decides");
        }
        if (IDENTIFIER_CODES.contains(code)) {
            return new CarrierException.InvalidRequest(origin, detail
                    + "; the adapter sent the wrong device identifier for this token (a bug, not a fact about the"
                    + " line): alert the operator and fix the adapter, do not retry");
        }
        return new CarrierException.ProtocolViolation(origin, "unexpected 422 code: " + detail
                + "; not a code of the profile, so it is not taken as a policy outcome; alert the operator", null);
    }

    /** A non-2xx answer from the token endpoint: an OAuth error body, or else a CAMARA ErrorInfo. */
    CarrierException tokenError(Transport.Response r) {
        Optional<JsonNode> body = Json.parse(r.body());
        JsonNode error = body.map(b -> b.get("error")).orElse(null);
        if (r.status() < 500 && error != null && error.isTextual()) {
            JsonNode description = body.get().get("error_description");
            Optional<String> text = description != null && description.isTextual()
                    ? Optional.of(description.asText()) : Optional.empty();
            Optional<Duration> retryAfter = RetryAfter.parse(r.header("Retry-After"), clock.instant());
            return oauth(OptionalInt.of(r.status()), error.asText(), text, r.correlator(), retryAfter);
        }
        return apiError(r);
    }

    /**
     * An OAuth error ({@code error}, {@code error_description}), from the token endpoint or the
     * authorize callback (no status then).
     */
    CarrierException oauth(OptionalInt status, String error, Optional<String> description, String correlator,
            Optional<Duration> retryAfter) {
        Origin origin = new Origin(carrierId, status, error, correlator);
        String detail = "OAuth error " + Redaction.redact(error)
                + description.map(d -> " (" + Redaction.redact(d) + ")").orElse("");
        switch (error) {
            case "invalid_request":
            case "invalid_scope":
                return new CarrierException.InvalidRequest(origin, detail
                        + "; the authorization request is malformed, fix the client configuration");
            case "invalid_client":
            case "invalid_grant":
                return new CarrierException.AuthenticationFailed(origin, detail
                        + "; the client assertion, code or PKCE verifier was refused; for a code, start the"
                        + " verification again; for the client, check its id and registered key");
            case "access_denied":
                if (description.filter("not_on_mobile_network"::equals).isPresent()) {
                    return new CarrierException.NotOnMobileNetwork(origin, detail
                            + "; the phone did not come over this carrier's mobile data: turn Wi-Fi off and use 4G/5G");
                }
                return new CarrierException.ConsentRequired(origin, detail
                        + "; the person refused or must consent at the carrier, then start again");
            case "consent_required":
            case "login_required":
            case "interaction_required":
                return new CarrierException.ConsentRequired(origin, detail
                        + "; the person must consent or log in at the carrier, then start again");
            case "server_error":
            case "temporarily_unavailable":
                return new CarrierException.CarrierUnavailable(origin, retryAfter, detail + "; retry later", null);
            default:
                if (status.isPresent()) {
                    Optional<CarrierException> byStatus = byStatusAndCode(origin, status.getAsInt(), error,
                            retryAfter, detail);
                    if (byStatus.isPresent()) {
                        return byStatus.get();
                    }
                }
                return new CarrierException.ProtocolViolation(origin, "unexpected " + detail
                        + "; the carrier's OAuth server is not behaving as profiled, alert the operator", null);
        }
    }

    /** A protocol violation about response {@code r}. */
    CarrierException.ProtocolViolation protocol(Transport.Response r, String code, String what) {
        return new CarrierException.ProtocolViolation(Origin.http(carrierId, r.status(), code, r.correlator()),
                what + "; the carrier broke its profile, alert the operator", null);
    }
}
