package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every error answer the fake networks can give, provoked once through a hand-made client, and its
 * answer validated against the official CAMARA definitions plus the carrier's declared profile
 * (issue 9, "every error answer that the fake networks give validates"). Without the definitions the
 * answers are still provoked and checked for status and code, and
 * {@link #everyErrorAnswerValidatesAgainstTheOfficialDefinitions()} is reported skipped.
 */
class FakeNetworkErrorAnswersTest {

    private static final FakeCarrierNetworks NETWORK = FakeCarrierNetworks.start();
    private static final String MATCH = "/kyc-match/v0.4/match";
    private static final String VERIFY = "/number-verification/v2/verify";
    private static final String ROAMING = "/device-roaming-status/v1/retrieve";
    private static final String NETWORK_TYPE = "/connected-network-type/v0.1/retrieve";
    private static final String CHECK = "/sim-swap/v2/check";
    private static final String RETRIEVE_DATE = "/sim-swap/v2/retrieve-date";
    private static final String TENURE = "/kyc-tenure/v0.2/check-tenure";

    @AfterAll
    static void stop() {
        NETWORK.close();
    }

    @BeforeEach
    void fresh() {
        NETWORK.reset();
        NETWORK.conformance().take();
    }

    private static Subscriber sub(String carrier, Scenario s) {
        return NETWORK.subscribers().find(carrier, s);
    }

    /** Every (carrier, operation, status, code) provoked, each answer checked. */
    @Test
    void everyErrorAnswerValidatesAgainstTheOfficialDefinitions() {
        Set<String> seen = new TreeSet<>();
        for (String carrier : List.of("cht", "twm", "fet")) {
            CarrierClient c = new CarrierClient(NETWORK, carrier);
            String two = c.twoLeggedToken();
            Subscriber ok = sub(carrier, Scenario.ELIGIBLE);
            String other = carrier.equals("cht") ? "twm" : "cht";
            String idOnly = "{\"phoneNumber\":\"" + ok.msisdn().e164() + "\",\"idDocument\":\"" + ok.holderId() + "\"}";

            // 422 MISSING_IDENTIFIER: a 2-legged call without phoneNumber.
            expect(seen, carrier, 422, "MISSING_IDENTIFIER", () -> c.api(MATCH, two,
                    "{\"idDocument\":\"" + ok.holderId() + "\",\"name\":\"x\"}"));
            expect(seen, carrier, 422, "MISSING_IDENTIFIER", () -> c.api(CHECK, two, "{\"maxAge\":24}"));
            // 400 KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION: nothing to match but the number.
            expect(seen, carrier, 400, "KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION",
                    () -> c.api(MATCH, two, CarrierClient.phoneBody(ok.msisdn())));
            // 404 IDENTIFIER_NOT_FOUND: a number of another carrier.
            expect(seen, carrier, 404, "IDENTIFIER_NOT_FOUND", () -> c.api(MATCH, two,
                    "{\"phoneNumber\":\"" + sub(other, Scenario.ELIGIBLE).msisdn().e164() + "\",\"idDocument\":\"A1\"}"));
            expect(seen, carrier, 404, "IDENTIFIER_NOT_FOUND",
                    () -> c.api(CHECK, two, CarrierClient.phoneBody(sub(other, Scenario.ELIGIBLE).msisdn())));
            // 422 suspended line: SERVICE_NOT_APPLICABLE, or CHT's own CHT.SUBSCRIBER_SUSPENDED.
            Subscriber suspended = sub(carrier, Scenario.SUSPENDED);
            String suspendedCode = carrier.equals("cht") ? "CHT.SUBSCRIBER_SUSPENDED" : "SERVICE_NOT_APPLICABLE";
            expect(seen, carrier, 422, suspendedCode, () -> c.api(MATCH, two, "{\"phoneNumber\":\""
                    + suspended.msisdn().e164() + "\",\"idDocument\":\"" + suspended.holderId() + "\"}"));
            expect(seen, carrier, 422, suspendedCode, () -> c.api(CHECK, two, CarrierClient.phoneBody(suspended.msisdn())));
            // 400 INVALID_ARGUMENT: a malformed number; a body that is not JSON.
            expect(seen, carrier, 400, "INVALID_ARGUMENT", () -> c.api(CHECK, two, "{\"phoneNumber\":\"0912345678\"}"));
            expect(seen, carrier, 400, "INVALID_ARGUMENT", () -> c.api(MATCH, two, "not json"));
            // 400 OUT_OF_RANGE: maxAge beyond the carrier's window.
            expect(seen, carrier, 400, "OUT_OF_RANGE", () -> c.api(CHECK, two,
                    "{\"phoneNumber\":\"" + ok.msisdn().e164() + "\",\"maxAge\":" + (carrier.equals("twm") ? 721 : 2401) + "}"));
            // 401 UNAUTHENTICATED: no token, an unknown token.
            expect(seen, carrier, 401, "UNAUTHENTICATED", () -> c.post(MATCH, "application/json", idOnly,
                    Optional.empty(), Optional.of("t-1")));
            expect(seen, carrier, 401, "UNAUTHENTICATED", () -> c.api(MATCH, "no-such-token", idOnly));
            // 403 PERMISSION_DENIED: a 2-legged token on a 3-legged API.
            expect(seen, carrier, 403, "PERMISSION_DENIED", () -> c.api(ROAMING, two, "{}"));
            // 429 and 5xx injected as the faults a gateway gives, validated like any answer.
            NETWORK.faults().inject(carrier, Endpoint.KYC_MATCH, Fault.rateLimited(Duration.ofSeconds(5)));
            expect(seen, carrier, 429, "TOO_MANY_REQUESTS", () -> c.api(MATCH, two, idOnly));
            NETWORK.faults().inject(carrier, Endpoint.SIM_SWAP_CHECK, Fault.error(429, "QUOTA_EXCEEDED"));
            expect(seen, carrier, 429, "QUOTA_EXCEEDED", () -> c.api(CHECK, two, CarrierClient.phoneBody(ok.msisdn())));
            for (int status : new int[] {500, 502, 503, 504}) {
                NETWORK.faults().inject(carrier, Endpoint.KYC_MATCH, Fault.status(status));
                expect(seen, carrier, status, Fault.status(status).code(), () -> c.api(MATCH, two, idOnly));
            }

            // The 3-legged APIs.
            String handle = NetworkAttachments.defaultHandle(ok.msisdn());
            String three = c.threeLeggedToken(handle);
            // 422 UNNECESSARY_IDENTIFIER: a device next to a 3-legged token.
            String device = "{\"device\":{\"phoneNumber\":\"" + ok.msisdn().e164() + "\"}}";
            expect(seen, carrier, 422, "UNNECESSARY_IDENTIFIER", () -> c.api(ROAMING, three, device));
            expect(seen, carrier, 422, "UNNECESSARY_IDENTIFIER", () -> c.api(NETWORK_TYPE, three, device));
            // 400 INVALID_ARGUMENT: both number and hash at /verify (twm: a plain number at all).
            String both = "{\"phoneNumber\":\"" + ok.msisdn().e164() + "\",\"hashedPhoneNumber\":\""
                    + ResourceApis.sha256Hex(ok.msisdn().e164()) + "\"}";
            expect(seen, carrier, 400, "INVALID_ARGUMENT", () -> c.api(VERIFY, three, both));
            // 400 INVALID_ARGUMENT: a status retrieval without Content-Type: application/json.
            String fresh = c.threeLeggedToken(handle);
            expect(seen, carrier, 400, "INVALID_ARGUMENT", () -> c.post(NETWORK_TYPE, "text/plain", "{}",
                    Optional.of(fresh), Optional.of("t-2")));
            // 401 UNAUTHENTICATED: the single-use token spent.
            String once = c.threeLeggedToken(handle);
            assertEquals(200, c.api(ROAMING, once, "{}").statusCode());
            expect(seen, carrier, 401, "UNAUTHENTICATED", () -> c.api(ROAMING, once, "{}"));
            // 503 on a 3-legged API (verify declares no 5xx; the generic CAMARA catalogue applies).
            NETWORK.faults().inject(carrier, Endpoint.NUMBER_VERIFY, Fault.status(503));
            expect(seen, carrier, 503, "UNAVAILABLE", () -> c.api(VERIFY, c.threeLeggedToken(handle),
                    CarrierClient.phoneBody(ok.msisdn())));
        }
        CarrierClient cht = new CarrierClient(NETWORK, "cht");
        String chtToken = cht.twoLeggedToken();
        Subscriber chtOk = sub("cht", Scenario.ELIGIBLE);
        // 400 OUT_OF_RANGE at CHT KYC Tenure: a tenure date in the future.
        expect(seen, "cht", 400, "OUT_OF_RANGE", () -> cht.api(TENURE, chtToken, "{\"phoneNumber\":\""
                + chtOk.msisdn().e164() + "\",\"tenureDate\":\"2999-01-01\"}"));
        expect(seen, "cht", 404, "IDENTIFIER_NOT_FOUND", () -> cht.api(RETRIEVE_DATE, chtToken,
                CarrierClient.phoneBody(sub("fet", Scenario.ELIGIBLE).msisdn())));
        // 404 NOT_FOUND: an operation TWM does not offer.
        CarrierClient twm = new CarrierClient(NETWORK, "twm");
        String twmToken = twm.twoLeggedToken();
        expect(seen, "twm", 404, "NOT_FOUND", () -> twm.api(RETRIEVE_DATE, twmToken,
                CarrierClient.phoneBody(sub("twm", Scenario.ELIGIBLE).msisdn())));
        expect(seen, "twm", 404, "NOT_FOUND", () -> twm.api(TENURE, twmToken, "{\"phoneNumber\":\""
                + sub("twm", Scenario.ELIGIBLE).msisdn().e164() + "\",\"tenureDate\":\"2020-01-01\"}"));
        // FET's 403s on KYC Match.
        CarrierClient fet = new CarrierClient(NETWORK, "fet");
        String fetToken = fet.twoLeggedToken();
        Subscriber fetOk = sub("fet", Scenario.ELIGIBLE);
        expect(seen, "fet", 403, "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_REQUIRED", () -> fet.api(MATCH, fetToken,
                "{\"phoneNumber\":\"" + fetOk.msisdn().e164() + "\",\"name\":\"" + fetOk.name() + "\"}"));
        expect(seen, "fet", 403, "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH", () -> fet.api(MATCH, fetToken,
                "{\"phoneNumber\":\"" + fetOk.msisdn().e164() + "\",\"idDocument\":\"Z999999999\"}"));

        for (String code : List.of("MISSING_IDENTIFIER", "UNNECESSARY_IDENTIFIER", "INVALID_ARGUMENT",
                "KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION", "NOT_FOUND", "IDENTIFIER_NOT_FOUND",
                "SERVICE_NOT_APPLICABLE", "CHT.SUBSCRIBER_SUSPENDED", "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_REQUIRED",
                "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH", "TOO_MANY_REQUESTS", "QUOTA_EXCEEDED", "INTERNAL",
                "BAD_GATEWAY", "UNAVAILABLE", "TIMEOUT", "OUT_OF_RANGE", "UNAUTHENTICATED", "PERMISSION_DENIED")) {
            assertTrue(seen.stream().anyMatch(s -> s.endsWith(" " + code)), code + " provoked: " + seen);
        }
        assumeTrue(CamaraConformance.definitionsPresent(), () -> seen.size() + " error answers provoked and checked"
                + " for status and code only. " + CamaraConformance.absenceMessage());
    }

    /**
     * Provokes one answer, checks its status and code, and (with the definitions) that exactly one
     * exchange was recorded and its answer validated under an operation of the definitions.
     */
    private static void expect(Set<String> seen, String carrier, int status, String code,
            Supplier<HttpResponse<String>> call) {
        NETWORK.conformance().take();
        HttpResponse<String> r = call.get();
        assertEquals(status, r.statusCode(), carrier + " " + code + ": " + r.body());
        assertEquals(code, CarrierClient.json(r).path("code").asText(), carrier + ": " + r.body());
        List<ConformanceLog.Entry> entries = NETWORK.conformance().take();
        assertEquals(1, entries.size(), carrier + " " + code + ": " + entries);
        ConformanceLog.Entry e = entries.get(0);
        if (CamaraConformance.definitionsPresent()) {
            assertTrue(e.outcome() == ConformanceLog.Outcome.VALIDATED
                    || e.outcome() == ConformanceLog.Outcome.REQUEST_OFF_SPEC, e::describe);
            assertTrue(!e.operation().contains(" "), "matched an operation: " + e.describe());
        } else {
            assertEquals(ConformanceLog.Outcome.SKIPPED, e.outcome(), e::describe);
        }
        seen.add(carrier + " " + e.operation() + " " + status + " " + code);
    }
}
