package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The wire of each profile, byte for byte as docs/carrier-contract.md §2 and §3 define it. */
class CarrierProfilesTest {

    private static final Instant NOW = Instant.parse("2025-03-01T02:00:00Z");
    private static final MutableClock CLOCK = MutableClock.at(NOW);
    private static final FakeCarrierNetworks NETWORK = FakeCarrierNetworks.builder().clock(CLOCK).start();

    @AfterAll
    static void stop() {
        NETWORK.close();
    }

    static Subscriber sub(String carrier, Scenario s) {
        return NETWORK.subscribers().find(carrier, s);
    }

    static void assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, CarrierClient.json(r).path("code").asText(), r.body());
    }

    abstract static class Profile {
        CarrierClient client;
        String token;

        abstract String carrier();

        @BeforeEach
        void fresh() {
            NETWORK.reset();
            CLOCK.set(NOW);
            client = new CarrierClient(NETWORK, carrier());
            token = client.twoLeggedToken();
        }

        HttpResponse<String> call(String path, String json) {
            return client.api(path, token, json);
        }

        JsonNode ok(String path, String json) {
            HttpResponse<String> r = call(path, json);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
            return CarrierClient.json(r);
        }

        String kycBody(Subscriber s, String id, String name, String birthdate) {
            return "{\"phoneNumber\":\"" + s.msisdn().e164() + "\",\"idDocument\":\"" + id
                    + "\",\"idDocumentType\":\"national_id_card\",\"name\":\"" + name + "\",\"birthdate\":\""
                    + birthdate + "\"}";
        }

        @Test
        void kycMatchAnswersPerFieldWithAScoreOnlyWhenTheNameDiffers() {
            Subscriber s = sub(carrier(), Scenario.ELIGIBLE);
            JsonNode all = ok("/kyc-match/v0.4/match", kycBody(s, s.holderId(), s.name(), s.birthDate().toString()));
            assertEquals("true", all.path("idDocumentMatch").asText());
            assertEquals("true", all.path("nameMatch").asText());
            assertEquals("true", all.path("birthdateMatch").asText());
            assertFalse(all.has("nameMatchScore"));
            JsonNode wrongName = ok("/kyc-match/v0.4/match", kycBody(s, s.holderId(), "路人甲",
                    s.birthDate().plusDays(1).toString()));
            assertEquals("false", wrongName.path("nameMatch").asText());
            int score = wrongName.path("nameMatchScore").asInt(-1);
            assertTrue(score >= 0 && score <= 99, "score " + score);
            assertEquals("false", wrongName.path("birthdateMatch").asText());
        }

        @Test
        void aNumberOfAnotherCarrierIsIdentifierNotFound() {
            Subscriber foreign = sub(carrier().equals("cht") ? "fet" : "cht", Scenario.ELIGIBLE);
            assertError(call("/kyc-match/v0.4/match", kycBody(foreign, foreign.holderId(), foreign.name(),
                    foreign.birthDate().toString())), 404, "IDENTIFIER_NOT_FOUND");
            assertError(call("/sim-swap/v2/check", CarrierClient.phoneBody(foreign.msisdn())), 404,
                    "IDENTIFIER_NOT_FOUND");
        }

        @Test
        void aSuspendedLineIsRefusedWith422AndTheCarriersCode() {
            Subscriber s = sub(carrier(), Scenario.SUSPENDED);
            assertError(call("/kyc-match/v0.4/match", kycBody(s, s.holderId(), s.name(), s.birthDate().toString())),
                    422, Profiles.suspendedCode(carrier()));
        }

        @Test
        void aMalformedRequestIsInvalidArgument() {
            assertError(call("/kyc-match/v0.4/match", "{\"phoneNumber\":\"0912000101\"}"), 400, "INVALID_ARGUMENT");
            assertError(call("/kyc-match/v0.4/match", "not json"), 400, "INVALID_ARGUMENT");
            Subscriber s = sub(carrier(), Scenario.ELIGIBLE);
            assertError(call("/kyc-match/v0.4/match", kycBody(s, s.holderId(), s.name(), "1986/03/14")), 400,
                    "INVALID_ARGUMENT");
        }

        @Test
        void simSwapCheckAnswersWithinMaxAgeHours() {
            Subscriber recent = sub(carrier(), Scenario.RECENT_SIM_SWAP);
            String body = "{\"phoneNumber\":\"" + recent.msisdn().e164() + "\",\"maxAge\":";
            assertTrue(ok("/sim-swap/v2/check", body + "24}").path("swapped").asBoolean());
            assertFalse(ok("/sim-swap/v2/check", body + "12}").path("swapped").asBoolean());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_METHOD)
    class Cht extends Profile {
        @Override
        String carrier() {
            return "cht";
        }

        @Test
        void kycTenureMapsTheContractToPaygPaymAndBusiness() {
            for (Object[] row : new Object[][] {{Scenario.ELIGIBLE, "PAYM"}, {Scenario.PREPAID, "PAYG"},
                    {Scenario.BUSINESS, "Business"}, {Scenario.ENTERPRISE_HOLDER, "Business"}}) {
                Subscriber s = sub("cht", (Scenario) row[0]);
                JsonNode n = ok("/kyc-tenure/v0.2/check-tenure", "{\"phoneNumber\":\"" + s.msisdn().e164()
                        + "\",\"tenureDate\":\"2024-01-01\"}");
                assertEquals(row[1], n.path("contractType").asText(), row[0].toString());
                assertTrue(n.path("tenureDateCheck").isBoolean());
            }
        }

        @Test
        void kycTenureChecksTheSubscriptionStart() {
            Subscriber s = sub("cht", Scenario.PREPAID);
            String body = "{\"phoneNumber\":\"" + s.msisdn().e164() + "\",\"tenureDate\":\"";
            assertTrue(ok("/kyc-tenure/v0.2/check-tenure", body + "2024-01-01\"}").path("tenureDateCheck").asBoolean());
            assertFalse(ok("/kyc-tenure/v0.2/check-tenure", body + "2020-01-01\"}").path("tenureDateCheck").asBoolean());
            assertError(call("/kyc-tenure/v0.2/check-tenure", body + "2099-01-01\"}"), 400, "OUT_OF_RANGE");
        }

        @Test
        void theLineProfileGivesLineTypeAndResellerBrand() {
            Subscriber mvno = sub("cht", Scenario.MVNO);
            JsonNode n = ok("/cht/line-profile/v1/retrieve", CarrierClient.phoneBody(mvno.msisdn()));
            assertEquals("MAIN", n.path("lineType").asText());
            assertEquals(mvno.mvnoBrand().orElseThrow(), n.path("resellerBrand").asText());
            JsonNode child = ok("/cht/line-profile/v1/retrieve",
                    CarrierClient.phoneBody(sub("cht", Scenario.PARENT_CHILD).msisdn()));
            assertEquals("PARENT_CHILD", child.path("lineType").asText());
            assertTrue(child.path("resellerBrand").isNull());
            JsonNode family = ok("/cht/line-profile/v1/retrieve",
                    CarrierClient.phoneBody(sub("cht", Scenario.FAMILY_SUB_LINE).msisdn()));
            assertEquals("FAMILY", family.path("lineType").asText());
        }

        @Test
        void theLineProfileIsServedOnlyAtTheBaseUriPlusItsDocumentedPath() {
            String body = CarrierClient.phoneBody(sub("cht", Scenario.ELIGIBLE).msisdn());
            assertError(call("/line-profile/v1/retrieve", body), 404, "NOT_FOUND");
            assertEquals(Endpoint.OTHER, NETWORK.requests().all().get(NETWORK.requests().all().size() - 1).endpoint());
            assertEquals("MAIN", ok("/cht/line-profile/v1/retrieve", body).path("lineType").asText());
            assertEquals("/cht/cht/line-profile/v1/retrieve",
                    NETWORK.requests().of("cht", Endpoint.CHT_LINE_PROFILE).get(0).path());
        }

        @Test
        void aSuspendedLineGetsTheChtPrefixedCodeEverywhere() {
            Subscriber s = sub("cht", Scenario.SUSPENDED);
            assertError(call("/cht/line-profile/v1/retrieve", CarrierClient.phoneBody(s.msisdn())), 422,
                    "CHT.SUBSCRIBER_SUSPENDED");
            assertError(call("/sim-swap/v2/retrieve-date", CarrierClient.phoneBody(s.msisdn())), 422,
                    "CHT.SUBSCRIBER_SUSPENDED");
        }

        @Test
        void verifyAcceptsAPlainPhoneNumber() {
            Subscriber s = sub("cht", Scenario.ELIGIBLE);
            String t = client.threeLeggedToken(CarrierClient.defaultHandle(s));
            HttpResponse<String> r = client.api("/number-verification/v2/verify", t, CarrierClient.phoneBody(s.msisdn()));
            assertTrue(CarrierClient.json(r).path("devicePhoneNumberVerified").asBoolean(), r.body());
        }

        @Test
        void simSwapRetrieveDateGivesTheDateOrTheMonitoredPeriod() {
            Subscriber recent = sub("cht", Scenario.RECENT_SIM_SWAP);
            JsonNode n = ok("/sim-swap/v2/retrieve-date", CarrierClient.phoneBody(recent.msisdn()));
            assertEquals(recent.lastSimChange().orElseThrow().truncatedTo(ChronoUnit.SECONDS).toString(),
                    n.path("latestSimChange").asText());
            assertFalse(n.has("monitoredPeriod"));
            JsonNode old = ok("/sim-swap/v2/retrieve-date",
                    CarrierClient.phoneBody(sub("cht", Scenario.ELIGIBLE).msisdn()));
            assertTrue(old.path("latestSimChange").isNull());
            assertEquals(90, old.path("monitoredPeriod").asInt());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_METHOD)
    class Twm extends Profile {
        @Override
        String carrier() {
            return "twm";
        }

        @Test
        void verifyRequiresTheLowercaseSha256OfTheE164Number() {
            Subscriber s = sub("twm", Scenario.ELIGIBLE);
            String t1 = client.threeLeggedToken(CarrierClient.defaultHandle(s));
            assertError(client.api("/number-verification/v2/verify", t1, CarrierClient.phoneBody(s.msisdn())), 400,
                    "INVALID_ARGUMENT");
            String hash = ResourceApis.sha256Hex(s.msisdn().e164());
            String t2 = client.threeLeggedToken(CarrierClient.defaultHandle(s));
            assertError(client.api("/number-verification/v2/verify", t2,
                    "{\"hashedPhoneNumber\":\"" + hash.toUpperCase(java.util.Locale.ROOT) + "\"}"), 400,
                    "INVALID_ARGUMENT");
            String t3 = client.threeLeggedToken(CarrierClient.defaultHandle(s));
            HttpResponse<String> r = client.api("/number-verification/v2/verify", t3,
                    "{\"hashedPhoneNumber\":\"" + hash + "\"}");
            assertTrue(CarrierClient.json(r).path("devicePhoneNumberVerified").asBoolean(), r.body());
            String withoutPlus = ResourceApis.sha256Hex(s.msisdn().e164().substring(1));
            String t4 = client.threeLeggedToken(CarrierClient.defaultHandle(s));
            assertFalse(CarrierClient.json(client.api("/number-verification/v2/verify", t4,
                    "{\"hashedPhoneNumber\":\"" + withoutPlus + "\"}")).path("devicePhoneNumberVerified").asBoolean(),
                    "the hash covers the '+'");
        }

        @Test
        void theSubscriptionQueryCarriesEveryAttribute() {
            Object[][] rows = {
                {Scenario.ELIGIBLE, "POSTPAID", "PERSONAL", "OWNER", false},
                {Scenario.PREPAID, "PREPAID", "PERSONAL", "NONE", false},
                {Scenario.BUSINESS, "POSTPAID", "CORPORATE", "NONE", false},
                {Scenario.ENTERPRISE_HOLDER, "POSTPAID", "CORPORATE", "NONE", false},
                {Scenario.PARENT_CHILD, "POSTPAID", "PERSONAL", "CHILD", false},
                {Scenario.FAMILY_SUB_LINE, "POSTPAID", "PERSONAL", "MEMBER", false},
                {Scenario.MVNO, "POSTPAID", "PERSONAL", "NONE", true}};
            for (Object[] row : rows) {
                JsonNode n = ok("/twm/subscription/v1/query",
                        CarrierClient.phoneBody(sub("twm", (Scenario) row[0]).msisdn()));
                assertEquals(row[1], n.path("billingType").asText(), row[0].toString());
                assertEquals(row[2], n.path("customerType").asText(), row[0].toString());
                assertEquals(row[3], n.path("familyPlanRole").asText(), row[0].toString());
                assertEquals(row[4], n.path("mvno").asBoolean(), row[0].toString());
            }
        }

        @Test
        void theSubscriptionQueryIsServedOnlyAtTheBaseUriPlusItsDocumentedPath() {
            String body = CarrierClient.phoneBody(sub("twm", Scenario.ELIGIBLE).msisdn());
            assertError(call("/subscription/v1/query", body), 404, "NOT_FOUND");
            assertEquals("OWNER", ok("/twm/subscription/v1/query", body).path("familyPlanRole").asText());
            assertEquals("/twm/twm/subscription/v1/query",
                    NETWORK.requests().of("twm", Endpoint.TWM_SUBSCRIPTION).get(0).path());
        }

        @Test
        void simSwapIsCheckOnlyWithMaxAgeUpTo720Hours() {
            Subscriber s = sub("twm", Scenario.ELIGIBLE);
            String body = "{\"phoneNumber\":\"" + s.msisdn().e164() + "\",\"maxAge\":";
            assertFalse(ok("/sim-swap/v2/check", body + "720}").path("swapped").asBoolean());
            assertError(call("/sim-swap/v2/check", body + "721}"), 400, "OUT_OF_RANGE");
            assertError(call("/sim-swap/v2/check", body + "0}"), 400, "OUT_OF_RANGE");
            assertError(call("/sim-swap/v2/retrieve-date", CarrierClient.phoneBody(s.msisdn())), 404, "NOT_FOUND");
            assertError(call("/kyc-tenure/v0.2/check-tenure", CarrierClient.phoneBody(s.msisdn())), 404, "NOT_FOUND");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_METHOD)
    class Fet extends Profile {
        @Override
        String carrier() {
            return "fet";
        }

        @Test
        void kycMatchGatesOnTheIdDocument() {
            Subscriber s = sub("fet", Scenario.ELIGIBLE);
            assertError(call("/kyc-match/v0.4/match", kycBody(s, "Q175130526", s.name(), s.birthDate().toString())),
                    403, "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH");
            assertError(call("/kyc-match/v0.4/match", "{\"phoneNumber\":\"" + s.msisdn().e164() + "\",\"name\":\""
                    + s.name() + "\"}"), 403, "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_REQUIRED");
        }

        @Test
        void theKycResponseCarriesTheSubscriberBlock() {
            Object[][] rows = {
                {Scenario.ELIGIBLE, "PAYM", "PRIMARY", null},
                {Scenario.PREPAID, "PAYG", "PRIMARY", null},
                {Scenario.BUSINESS, "BIZ", "PRIMARY", null},
                {Scenario.ENTERPRISE_HOLDER, "BIZ", "PRIMARY", null},
                {Scenario.PARENT_CHILD, "PAYM", "CHILD", null},
                {Scenario.FAMILY_SUB_LINE, "PAYM", "MEMBER", null},
                {Scenario.MVNO, "PAYM", "PRIMARY", "星河行動 Galaxy Mobile"}};
            for (Object[] row : rows) {
                Subscriber s = sub("fet", (Scenario) row[0]);
                JsonNode n = ok("/kyc-match/v0.4/match", "{\"phoneNumber\":\"" + s.msisdn().e164()
                        + "\",\"idDocument\":\"" + s.holderId() + "\"}");
                assertEquals("true", n.path("idDocumentMatch").asText());
                assertFalse(n.has("nameMatch"), "only the requested fields are answered");
                JsonNode x = n.path("x-fet-subscriber");
                assertEquals(row[1], x.path("segment").asText(), row[0].toString());
                assertEquals(row[2], x.path("lineRole").asText(), row[0].toString());
                if (row[3] == null) {
                    assertTrue(x.path("wholesalePartner").isNull(), row[0].toString());
                } else {
                    assertEquals(row[3], x.path("wholesalePartner").asText());
                }
            }
        }

        @Test
        void aRateLimitCarriesRetryAfterInSeconds() {
            NETWORK.faults().inject("fet", Endpoint.KYC_MATCH, Fault.rateLimited(java.time.Duration.ofSeconds(3)));
            Subscriber s = sub("fet", Scenario.ELIGIBLE);
            HttpResponse<String> r = call("/kyc-match/v0.4/match", kycBody(s, s.holderId(), s.name(),
                    s.birthDate().toString()));
            assertError(r, 429, "TOO_MANY_REQUESTS");
            assertEquals("3", r.headers().firstValue("Retry-After").orElse(""));
        }
    }
}
