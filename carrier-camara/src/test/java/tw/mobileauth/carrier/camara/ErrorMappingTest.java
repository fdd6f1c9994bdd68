package tw.mobileauth.carrier.camara;

import tw.mobileauth.carrier.testkit.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;

/** Row by row, the error table of docs/carrier-contract.md §1. */
class ErrorMappingTest {

    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final ErrorMapping mapping = new ErrorMapping("tst", Fixtures.plainProfile(), clock);

    @ParameterizedTest(name = "{0} {1} -> {2} ({3})")
    @CsvSource({
            "400, INVALID_ARGUMENT, InvalidRequest, NEVER",
            "400, OUT_OF_RANGE, InvalidRequest, NEVER",
            "400, INVALID_PARAM_COMBINATION, InvalidRequest, NEVER",
            "400, SOMETHING_NEW, InvalidRequest, NEVER",
            "401, UNAUTHENTICATED, AuthenticationFailed, WITH_NEW_TOKEN",
            "401, SOMETHING_NEW, AuthenticationFailed, WITH_NEW_TOKEN",
            "403, PERMISSION_DENIED, PermissionDenied, NEVER",
            "403, INVALID_TOKEN_CONTEXT, PermissionDenied, NEVER",
            "403, NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK, NotOnMobileNetwork, AFTER_USER_ACTION",
            "403, SOMETHING_NEW, PermissionDenied, NEVER",
            "404, NOT_FOUND, SubscriberNotFound, NEVER",
            "404, IDENTIFIER_NOT_FOUND, SubscriberNotFound, NEVER",
            "422, SERVICE_NOT_APPLICABLE, ServiceNotApplicable, NEVER",
            "422, OTHER.SUSPENDED, ProtocolViolation, NEVER",
            "422, MISSING_IDENTIFIER, InvalidRequest, NEVER",
            "422, UNNECESSARY_IDENTIFIER, InvalidRequest, NEVER",
            "422, UNSUPPORTED_IDENTIFIER, InvalidRequest, NEVER",
            "429, TOO_MANY_REQUESTS, RateLimited, WITH_BACKOFF",
            "429, QUOTA_EXCEEDED, RateLimited, NEVER",
            "500, INTERNAL, CarrierUnavailable, WITH_BACKOFF",
            "502, BAD_GATEWAY, CarrierUnavailable, WITH_BACKOFF",
            "503, UNAVAILABLE, CarrierUnavailable, WITH_BACKOFF",
            "504, TIMEOUT, CarrierUnavailable, WITH_BACKOFF",
            "409, CONFLICT, ProtocolViolation, NEVER",
            "405, NOT_FOUND, ProtocolViolation, NEVER",
    })
    void errorInfoMapsByStatusAndCodeThenStatus(int status, String code, String type, CarrierException.Retry retry) {
        CarrierException e = mapping.apiError(response(status, errorInfo(status, code), Map.of()));
        assertEquals(type, e.getClass().getSimpleName());
        assertEquals(retry, e.retry());
        assertEquals(code, e.code());
        assertEquals(OptionalInt.of(status), e.httpStatus());
        assertEquals("corr-1", e.correlator());
        assertEquals("tst", e.carrierId());
    }

    /**
     * Identifier errors are our bug and must alert, never reach the policy as "service not
     * applicable"; only SERVICE_NOT_APPLICABLE (and the profile's own codes) mean "policy decides",
     * and an unknown 422 code is a protocol violation, not a policy outcome.
     */
    @Test
    void identifierErrorsAreOurBugAndOnlyServiceNotApplicableIsAPolicyOutcome() {
        for (String code : List.of("MISSING_IDENTIFIER", "UNNECESSARY_IDENTIFIER", "UNSUPPORTED_IDENTIFIER")) {
            CarrierException e = mapping.apiError(response(422, errorInfo(422, code), Map.of()));
            assertInstanceOf(CarrierException.InvalidRequest.class, e, code);
            assertFalse(e instanceof CarrierException.ServiceNotApplicable, code);
            assertTrue(e.getMessage().contains("alert"), e.getMessage());
        }
        assertInstanceOf(CarrierException.ServiceNotApplicable.class,
                mapping.apiError(response(422, errorInfo(422, "SERVICE_NOT_APPLICABLE"), Map.of())));
        assertInstanceOf(CarrierException.ProtocolViolation.class,
                mapping.apiError(response(422, errorInfo(422, "SOMETHING_NEW"), Map.of())));
    }

    @Test
    void tooManyRequestsCarriesRetryAfterButAnExhaustedQuotaDoesNot() {
        CarrierException limited = mapping.apiError(response(429, errorInfo(429, "TOO_MANY_REQUESTS"),
                Map.of("Retry-After", "7")));
        assertEquals(Optional.of(Duration.ofSeconds(7)), limited.retryAfter());
        assertTrue(limited.isRetryable());
        CarrierException quota = mapping.apiError(response(429, errorInfo(429, "QUOTA_EXCEEDED"),
                Map.of("Retry-After", "7")));
        assertFalse(quota.isRetryable());
        assertEquals(Optional.empty(), quota.retryAfter());
    }

    @Test
    void serverErrorsAreUnavailableWhateverTheBody() {
        CarrierException e = mapping.apiError(response(502, "<html>Bad gateway</html>", Map.of("Retry-After", "2")));
        assertInstanceOf(CarrierException.CarrierUnavailable.class, e);
        assertEquals("HTTP_502", e.code());
        assertEquals(Optional.of(Duration.ofSeconds(2)), e.retryAfter());
    }

    @Test
    void aServerStatusOutsideTheTableIsAProtocolViolationNeverAnOutage() {
        for (int status : new int[] {501, 505, 507, 599}) {
            CarrierException e = mapping.apiError(response(status, errorInfo(status, "NOT_IMPLEMENTED"), Map.of()));
            assertInstanceOf(CarrierException.ProtocolViolation.class, e, "status " + status);
            assertEquals(CarrierException.Retry.NEVER, e.retry());
            assertInstanceOf(CarrierException.ProtocolViolation.class,
                    mapping.apiError(response(status, "<html>oops</html>", Map.of())), "status " + status);
        }
        for (int status : new int[] {500, 502, 503, 504}) {
            assertInstanceOf(CarrierException.CarrierUnavailable.class,
                    mapping.apiError(response(status, errorInfo(status, "X"), Map.of())), "status " + status);
        }
    }

    @Test
    void aClientErrorWithoutErrorInfoIsAProtocolViolation() {
        assertInstanceOf(CarrierException.ProtocolViolation.class,
                mapping.apiError(response(404, "<html>Not Found</html>", Map.of())));
        assertInstanceOf(CarrierException.ProtocolViolation.class,
                mapping.apiError(response(400, "{\"status\":400,\"code\":", Map.of())));
        assertInstanceOf(CarrierException.ProtocolViolation.class,
                mapping.apiError(response(400, "{\"code\":\"INVALID_ARGUMENT\"}", Map.of())));
        assertInstanceOf(CarrierException.ProtocolViolation.class,
                mapping.apiError(response(400, errorInfo(404, "NOT_FOUND"), Map.of())),
                "ErrorInfo.status must be the HTTP status");
        assertInstanceOf(CarrierException.InvalidRequest.class,
                mapping.apiError(response(400, errorInfo(400, "INVALID_ARGUMENT"), Map.of())));
    }

    @ParameterizedTest(name = "OAuth {0} -> {1}")
    @CsvSource({
            "invalid_request, InvalidRequest",
            "invalid_scope, InvalidRequest",
            "invalid_client, AuthenticationFailed",
            "invalid_grant, AuthenticationFailed",
            "consent_required, ConsentRequired",
            "login_required, ConsentRequired",
            "access_denied, ConsentRequired",
            "unsupported_grant_type, InvalidRequest",
    })
    void oauthErrorsAtTheTokenEndpoint(String error, String type) {
        CarrierException e = mapping.tokenError(response(400, "{\"error\":\"" + error + "\"}", Map.of()));
        assertEquals(type, e.getClass().getSimpleName());
        assertEquals(error, e.code());
    }

    @Test
    void accessDeniedBecauseNotOnMobileDataIsNotOnMobileNetwork() {
        CarrierException e = mapping.oauth(OptionalInt.empty(), "access_denied", Optional.of("not_on_mobile_network"),
                "corr-1", Optional.empty());
        assertInstanceOf(CarrierException.NotOnMobileNetwork.class, e);
        assertInstanceOf(CarrierException.ConsentRequired.class, mapping.oauth(OptionalInt.empty(), "access_denied",
                Optional.of("user_refused"), "corr-1", Optional.empty()));
        assertInstanceOf(CarrierException.ProtocolViolation.class, mapping.oauth(OptionalInt.empty(), "made_up",
                Optional.empty(), "corr-1", Optional.empty()));
    }

    @Test
    void theProfilesOwnCodesComeBeforeTheTable() {
        CamaraProfile suspending = new CamaraProfile() {
            @Override
            public String carrierId() {
                return "tst";
            }

            @Override
            public Optional<CarrierException> mapCarrierError(ErrorInfo error, CarrierException.Origin origin) {
                return error.is(403, "TST.SUSPENDED")
                        ? Optional.of(new CarrierException.ServiceNotApplicable(origin, "suspended"))
                        : Optional.empty();
            }

            @Override
            public SubscriptionAttributes subscriptionAttributes(CamaraClient c, CallContext ctx, Msisdn m,
                    SubscriberClaims claims) {
                throw new UnsupportedOperationException();
            }
        };
        ErrorMapping own = new ErrorMapping("tst", suspending, clock);
        assertInstanceOf(CarrierException.ServiceNotApplicable.class,
                own.apiError(response(403, errorInfo(403, "TST.SUSPENDED"), Map.of())));
        assertInstanceOf(CarrierException.PermissionDenied.class,
                own.apiError(response(403, errorInfo(403, "PERMISSION_DENIED"), Map.of())));
    }

    @Test
    void carrierMessagesAreRedactedInExceptions() {
        String body = "{\"status\":404,\"code\":\"NOT_FOUND\",\"message\":\"no subscriber +886912345678\"}";
        CarrierException e = mapping.apiError(response(404, body, Map.of()));
        assertFalse(e.getMessage().contains("912345678"), e.getMessage());
        assertTrue(e.getMessage().contains("no subscriber"));
    }

    private static String errorInfo(int status, String code) {
        return "{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"m\"}";
    }

    private static Transport.Response response(int status, String body, Map<String, String> headers) {
        Map<String, List<String>> h = new java.util.HashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return new Transport.Response("/x", status, HttpHeaders.of(h, (a, b) -> true),
                body.getBytes(StandardCharsets.UTF_8), "corr-1");
    }
}
