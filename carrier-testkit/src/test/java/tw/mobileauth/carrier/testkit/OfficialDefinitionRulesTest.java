package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the official CAMARA definitions (NV 2.1.0, KYC Match 0.4.0, KYC Tenure 0.2.0, SIM Swap
 * 2.1.0, Device Roaming Status 1.0.0, Connected Network Type 0.1.0) answer, at every profile:
 * the fake networks must teach adapters these answers, not friendlier ones.
 */
class OfficialDefinitionRulesTest {

    private static final FakeCarrierNetworks NETWORK = FakeCarrierNetworks.start();
    private static final String ROAMING = "/device-roaming-status/v1/retrieve";
    private static final String NETWORK_TYPE = "/connected-network-type/v0.1/retrieve";

    @AfterAll
    static void stop() {
        NETWORK.close();
    }

    @BeforeEach
    void reset() {
        NETWORK.reset();
    }

    private static void assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, CarrierClient.json(r).path("code").asText(), r.body());
    }

    private static String eligibleHandle(String carrier) {
        return CarrierClient.defaultHandle(NETWORK.subscribers().find(carrier, Scenario.ELIGIBLE));
    }

    /** Roaming status and network type require a JSON body as application/json; {} is enough. */
    @ParameterizedTest
    @ValueSource(strings = {"cht", "twm", "fet"})
    void statusRetrievalsWithoutAJsonBodyAreInvalidArgument(String carrier) {
        CarrierClient client = new CarrierClient(NETWORK, carrier);
        String handle = eligibleHandle(carrier);
        for (String path : new String[] {ROAMING, NETWORK_TYPE}) {
            assertError(client.api(path, client.threeLeggedToken(handle), ""), 400, "INVALID_ARGUMENT");
            assertError(client.post(path, "", "{}", Optional.of(client.threeLeggedToken(handle)),
                    Optional.of("c-" + UUID.randomUUID())), 400, "INVALID_ARGUMENT");
            assertError(client.post(path, "text/plain", "{}", Optional.of(client.threeLeggedToken(handle)),
                    Optional.of("c-" + UUID.randomUUID())), 400, "INVALID_ARGUMENT");
            assertEquals(200, client.api(path, client.threeLeggedToken(handle), "{}").statusCode(), path);
        }
    }

    /** With a 3-legged token the token names the device: a device.phoneNumber too is 422 UNNECESSARY_IDENTIFIER. */
    @ParameterizedTest
    @ValueSource(strings = {"cht", "twm", "fet"})
    void aDeviceWithAThreeLeggedTokenIsUnnecessaryIdentifier(String carrier) {
        CarrierClient client = new CarrierClient(NETWORK, carrier);
        Subscriber s = NETWORK.subscribers().find(carrier, Scenario.ELIGIBLE);
        String body = "{\"device\":{\"phoneNumber\":\"" + s.msisdn().e164() + "\"}}";
        for (String path : new String[] {ROAMING, NETWORK_TYPE}) {
            assertError(client.api(path, client.threeLeggedToken(eligibleHandle(carrier)), body), 422,
                    "UNNECESSARY_IDENTIFIER");
        }
    }

    /** A 2-legged call names no device by its token: without phoneNumber it is 422 MISSING_IDENTIFIER. */
    @ParameterizedTest
    @ValueSource(strings = {"cht", "twm", "fet"})
    void twoLeggedCallsWithoutAPhoneNumberAreMissingIdentifier(String carrier) {
        CarrierClient client = new CarrierClient(NETWORK, carrier);
        String token = client.twoLeggedToken();
        Subscriber s = NETWORK.subscribers().find(carrier, Scenario.ELIGIBLE);
        assertError(client.api("/kyc-match/v0.4/match", token, "{\"idDocument\":\"" + s.holderId() + "\",\"name\":\""
                + s.name() + "\"}"), 422, "MISSING_IDENTIFIER");
        assertError(client.api("/sim-swap/v2/check", token, "{\"maxAge\":24}"), 422, "MISSING_IDENTIFIER");
        if (Endpoint.SIM_SWAP_DATE.servedBy(carrier)) {
            assertError(client.api("/sim-swap/v2/retrieve-date", token, "{}"), 422, "MISSING_IDENTIFIER");
        }
        if (carrier.equals("cht")) {
            assertError(client.api("/kyc-tenure/v0.2/check-tenure", token, "{\"tenureDate\":\"2020-01-01\"}"), 422,
                    "MISSING_IDENTIFIER");
            assertError(client.api("/cht/line-profile/v1/retrieve", token, "{}"), 422, "MISSING_IDENTIFIER");
        }
        if (carrier.equals("twm")) {
            assertError(client.api("/twm/subscription/v1/query", token, "{}"), 422, "MISSING_IDENTIFIER");
        }
    }

    /** NV 2.1.0: phoneNumber and hashedPhoneNumber together are 400 INVALID_ARGUMENT (no other code exists). */
    @ParameterizedTest
    @ValueSource(strings = {"cht", "fet"})
    void verifyWithBothANumberAndItsHashIsInvalidArgument(String carrier) {
        CarrierClient client = new CarrierClient(NETWORK, carrier);
        Subscriber s = NETWORK.subscribers().find(carrier, Scenario.ELIGIBLE);
        String body = "{\"phoneNumber\":\"" + s.msisdn().e164() + "\",\"hashedPhoneNumber\":\""
                + ResourceApis.sha256Hex(s.msisdn().e164()) + "\"}";
        assertError(client.api("/number-verification/v2/verify", client.threeLeggedToken(eligibleHandle(carrier)),
                body), 400, "INVALID_ARGUMENT");
    }

    /** KYC Match 0.4.0: nothing to match besides the phoneNumber is 400 KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION. */
    @ParameterizedTest
    @ValueSource(strings = {"cht", "twm", "fet"})
    void kycMatchWithOnlyAPhoneNumberIsAnInvalidParamCombination(String carrier) {
        CarrierClient client = new CarrierClient(NETWORK, carrier);
        Subscriber s = NETWORK.subscribers().find(carrier, Scenario.ELIGIBLE);
        assertError(client.api("/kyc-match/v0.4/match", client.twoLeggedToken(), CarrierClient.phoneBody(s.msisdn())),
                400, "KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION");
    }

    /** x-correlator must match ^[a-zA-Z0-9-]{0,55}$; anything else is 400 INVALID_ARGUMENT. */
    @ParameterizedTest
    @ValueSource(strings = {"cht", "twm", "fet"})
    void aCorrelatorOutsideTheCamaraPatternIsInvalidArgument(String carrier) {
        CarrierClient client = new CarrierClient(NETWORK, carrier);
        String token = client.twoLeggedToken();
        Subscriber s = NETWORK.subscribers().find(carrier, Scenario.ELIGIBLE);
        for (String bad : new String[] {"a.b", "a_b", "a:b", "x".repeat(56)}) {
            HttpResponse<String> r = client.post("/sim-swap/v2/check", "application/json",
                    CarrierClient.phoneBody(s.msisdn()), Optional.of(token), Optional.of(bad));
            assertError(r, 400, "INVALID_ARGUMENT");
            // SIM Swap 2.1.0 allows ^[a-zA-Z0-9-_:;.\/<>{}]{0,256}$ and says every answer echoes it.
            assertEquals(bad, r.headers().firstValue("x-correlator").orElse(""), "the refusal echoes " + bad);
        }
        HttpResponse<String> ok = client.post("/sim-swap/v2/check", "application/json",
                CarrierClient.phoneBody(s.msisdn()), Optional.of(token), Optional.of("Good-123"));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("Good-123", ok.headers().firstValue("x-correlator").orElse(""));
    }
}
