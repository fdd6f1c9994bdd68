package tw.mobileauth.carrier.testkit.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static tw.mobileauth.carrier.testkit.schema.Exchanges.at;
import static tw.mobileauth.carrier.testkit.schema.Exchanges.error;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Exchanges in the shapes of docs/carrier-contract.md, checked against the official definitions and the
 * reference profiles. Runs where the official files can be found (see PROVENANCE.md); elsewhere it
 * is skipped with the list of places looked at.
 */
class OfficialDefinitionsValidationTest {

    private static final String CHT_MATCH = "{\"phoneNumber\":\"+886912345678\",\"idDocument\":\"A123456789\","
            + "\"idDocumentType\":\"national_id_card\",\"name\":\"王小明\",\"birthdate\":\"1990-01-31\"}";
    private static final String MATCH_ANSWER = "{\"idDocumentMatch\":\"true\",\"nameMatch\":\"false\","
            + "\"nameMatchScore\":87,\"birthdateMatch\":\"true\"}";
    private static final String FET_SUBSCRIBER = "\"x-fet-subscriber\":{\"segment\":\"PAYM\",\"lineRole\":\"CHILD\","
            + "\"wholesalePartner\":null}";
    private static final String HASH = "4f3b3dbbd5b8a5c14ef7e2ee9d9a7d4d3b9c7a2bde6e8b8a38c8d4e0e6e4f0a1";

    static ExchangeValidator validator;

    @BeforeAll
    static void officialDefinitions() {
        Optional<CamaraDefinitions> official = CamaraDefinitions.findOfficial();
        assumeTrue(official.isPresent(), () -> "official CAMARA definitions not found: "
                + assertThrows(IllegalStateException.class, CamaraDefinitions::official).getMessage());
        validator = ExchangeValidator.of(official.get(), List.of(ProfileExtensions.load("cht"),
                ProfileExtensions.load("twm"), ProfileExtensions.load("fet")));
    }

    static void conforms(Exchange e) {
        validator.assertValid(e);
    }

    static void violates(Exchange e, String where, String what) {
        List<Violation> v = validator.validate(e);
        assertTrue(v.stream().anyMatch(x -> x.where().contains(where) && x.what().contains(what)),
                () -> "expected a violation at '" + where + "' saying '" + what + "', got " + v);
    }

    static void onlyRequestViolated(Exchange e) {
        List<Violation> v = validator.validate(e);
        assertTrue(!v.isEmpty() && v.stream().allMatch(x -> x.where().startsWith("request")),
                () -> "expected violations on the request side only, got " + v);
    }

    @Test
    void theLoadedDefinitionsAreTheSixPinnedVersions() {
        assertEquals(List.of("phoneNumberVerify", "phoneNumberShare", "KYC_Match", "checkTenure", "retrieveSimSwapDate",
                "checkSimSwap", "getRoamingStatus", "getConnectedNetworkType"),
                CamaraDefinitions.official().operationIds());
    }

    @Nested
    class NumberVerification {
        private static final String VERIFY = "/number-verification/v2/verify";

        @Test
        void aPlainPhoneNumberVerifiedAtChtConforms() {
            conforms(at("cht", VERIFY).body("{\"phoneNumber\":\"+886912345678\"}").answer(200, "{\"devicePhoneNumberVerified\":true}"));
        }

        @Test
        void aHashedPhoneNumberVerifiedAtTwmConforms() {
            conforms(at("twm", VERIFY).body("{\"hashedPhoneNumber\":\"" + HASH + "\"}").answer(200, "{\"devicePhoneNumberVerified\":false}"));
        }

        @Test
        void aPlainPhoneNumberBreaksTheTwmHashedOnlyRuleButItsInvalidArgumentAnswerConforms() {
            Exchange e = at("twm", VERIFY).body("{\"phoneNumber\":\"+886912345678\"}").answer(400, error(400, "INVALID_ARGUMENT"));
            violates(e, "request body", "TWM verifies only hashedPhoneNumber");
            onlyRequestViolated(e);
        }

        @Test
        void bothIdentifiersBreakMaxPropertiesAndTheDefinedAnswerIsInvalidArgument() {
            Exchange both = at("cht", VERIFY).body("{\"phoneNumber\":\"+886912345678\",\"hashedPhoneNumber\":\"" + HASH + "\"}")
                    .answer(400, error(400, "INVALID_ARGUMENT"));
            violates(both, "request body", "at most 1 properties");
            onlyRequestViolated(both);
        }

        @Test
        void invalidParamCombinationIsNotADefinedCodeOfVerify() {
            violates(at("cht", VERIFY).body("{\"phoneNumber\":\"+886912345678\"}").answer(400, error(400, "INVALID_PARAM_COMBINATION")),
                    "response body /code", "INVALID_PARAM_COMBINATION is not one the definition lists for status 400");
        }

        @Test
        void notAuthenticatedByMobileNetworkIsADefined403() {
            conforms(at("cht", VERIFY).body("{\"phoneNumber\":\"+886912345678\"}")
                    .answer(403, error(403, "NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK")));
        }

        @Test
        void chtSubscriberSuspendedIsDeclaredByTheChtProfileOnly() {
            Exchanges cht = at("cht", VERIFY).body("{\"phoneNumber\":\"+886912345678\"}");
            conforms(cht.answer(422, error(422, "CHT.SUBSCRIBER_SUSPENDED")));
            violates(at("fet", VERIFY).body("{\"phoneNumber\":\"+886912345678\"}").answer(422, error(422, "CHT.SUBSCRIBER_SUSPENDED")),
                    "response status", "status 422 is not declared");
        }

        @Test
        void nvAllowsTheCommonalitiesCorrelatorCharactersSoAnUnderscoreConformsHere() {
            conforms(at("cht", VERIFY).correlator("a_b").body("{\"phoneNumber\":\"+886912345678\"}")
                    .answer(200, "{\"devicePhoneNumberVerified\":true}"));
        }

        @Test
        void aGeneric429ConformsOnVerifyButOnlyWithACatalogueCode() {
            Exchanges e = at("cht", VERIFY).body("{\"phoneNumber\":\"+886912345678\"}");
            conforms(e.answer(429, error(429, "TOO_MANY_REQUESTS")));
            violates(e.answer(429, error(429, "SLOW_DOWN")), "response body /code", "SLOW_DOWN");
        }

        @Test
        void anUndeclared409IsAViolation() {
            violates(at("cht", VERIFY).body("{\"phoneNumber\":\"+886912345678\"}").answer(409, error(409, "CONFLICT")),
                    "response status", "status 409 is not declared");
        }
    }

    @Nested
    class DeviceRoamingStatus {
        private static final String RETRIEVE = "/device-roaming-status/v1/retrieve";
        private static final String ANSWER = "{\"roaming\":true,\"countryCode\":440,\"countryName\":[\"JP\"],"
                + "\"lastStatusTime\":\"2024-02-20T10:41:38.657Z\"}";

        @Test
        void anEmptyObjectBodyWithTheThreeLeggedTokenConforms() {
            conforms(at("cht", RETRIEVE).body("{}").answer(200, ANSWER));
        }

        @Test
        void aRequestWithNoBodyIsAViolationBecauseTheBodyIsRequired() {
            violates(at("cht", RETRIEVE).noBody().answer(200, ANSWER), "request body", "the request body is required");
        }

        @Test
        void anUnderscoreInTheCorrelatorBreaksThisApisNarrowerPattern() {
            Exchange e = at("cht", RETRIEVE).correlator("a_b").body("{}").answer(200, ANSWER);
            violates(e, "request header x-correlator", "'a_b'");
            violates(e, "response header x-correlator", "'a_b'");
        }

        @Test
        void unnecessaryIdentifierIsADefined422() {
            conforms(at("fet", RETRIEVE).body("{\"device\":{\"phoneNumber\":\"+886912345678\"}}")
                    .answer(422, error(422, "UNNECESSARY_IDENTIFIER")));
        }

        @Test
        void aMissingRoamingFlagIsAViolation() {
            violates(at("cht", RETRIEVE).body("{}").answer(200, "{\"countryCode\":440}"), "response body", "roaming");
        }

        @Test
        void aCorrelatorThatIsNotEchoedIsAViolation() {
            violates(at("cht", RETRIEVE).body("{}").responseHeader("x-correlator", "other-value").answer(200, ANSWER),
                    "response header x-correlator", "must echo");
        }

        @Test
        void aNonJsonContentTypeIsAViolation() {
            violates(at("cht", RETRIEVE).body("{}").responseHeader("Content-Type", "text/plain").answer(200, ANSWER),
                    "response header Content-Type", "application/json");
        }
    }

    @Nested
    class ConnectedNetworkType {
        private static final String RETRIEVE = "/connected-network-type/v0.1/retrieve";

        @Test
        void anEmptyObjectBodyAnswered5GConforms() {
            conforms(at("twm", RETRIEVE).body("{}").answer(200,
                    "{\"connectedNetworkType\":\"5G\",\"lastStatusTime\":\"2024-02-20T10:41:38Z\"}"));
        }

        @Test
        void aRequestWithNoBodyIsAViolation() {
            violates(at("twm", RETRIEVE).noBody().answer(200, "{\"connectedNetworkType\":\"4G\"}"),
                    "request body", "the request body is required");
        }

        @Test
        void aNetworkTypeOutsideTheEnumIsAViolation() {
            violates(at("twm", RETRIEVE).body("{}").answer(200, "{\"connectedNetworkType\":\"WIFI\"}"),
                    "response body /connectedNetworkType", "enum");
        }
    }

    @Nested
    class KycMatch {
        private static final String MATCH = "/kyc-match/v0.4/match";

        @Test
        void aFullMatchRequestAndItsAnswerConform() {
            conforms(at("cht", MATCH).body(CHT_MATCH).answer(200, MATCH_ANSWER));
        }

        @Test
        void missingIdentifierIsADefined422WhenPhoneNumberIsAbsent() {
            conforms(at("cht", MATCH).body("{\"idDocument\":\"A123456789\",\"name\":\"王小明\"}")
                    .answer(422, error(422, "MISSING_IDENTIFIER")));
        }

        @Test
        void invalidParamCombinationIsDefinedForKycMatchWithItsPrefix() {
            conforms(at("twm", MATCH).body("{\"phoneNumber\":\"+886912345678\"}")
                    .answer(400, error(400, "KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION")));
            violates(at("twm", MATCH).body("{\"phoneNumber\":\"+886912345678\"}")
                    .answer(400, error(400, "INVALID_PARAM_COMBINATION")), "response body /code", "INVALID_PARAM_COMBINATION");
        }

        @Test
        void idDocumentMismatchAndRequiredAreDefined403s() {
            conforms(at("fet", MATCH).body(CHT_MATCH).answer(403, error(403, "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH")));
            conforms(at("cht", MATCH).body("{\"phoneNumber\":\"+886912345678\",\"name\":\"王小明\"}")
                    .answer(403, error(403, "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_REQUIRED")));
        }

        @Test
        void fetSubscriberIsDeclaredByTheFetProfileAndNowhereElse() {
            String answer = MATCH_ANSWER.substring(0, MATCH_ANSWER.length() - 1) + "," + FET_SUBSCRIBER + "}";
            conforms(at("fet", MATCH).body(CHT_MATCH).answer(200, answer));
            violates(at("cht", MATCH).body(CHT_MATCH).answer(200, answer), "response body /x-fet-subscriber",
                    "member not declared");
        }

        @Test
        void fetSubscriberIsCheckedAgainstItsOwnSchema() {
            String answer = "{\"idDocumentMatch\":\"true\",\"x-fet-subscriber\":{\"segment\":\"GOLD\",\"lineRole\":\"CHILD\","
                    + "\"wholesalePartner\":null,\"tier\":1}}";
            violates(at("fet", MATCH).body(CHT_MATCH).answer(200, answer), "response body /x-fet-subscriber/segment",
                    "fet extension x-fet-subscriber");
            violates(at("fet", MATCH).body(CHT_MATCH).answer(200, answer), "response body /x-fet-subscriber", "tier");
        }

        @Test
        void anUndeclaredMemberInTheAnswerIsAViolation() {
            violates(at("cht", MATCH).body(CHT_MATCH).answer(200, "{\"idDocumentMatch\":\"true\",\"riskScore\":3}"),
                    "response body /riskScore", "member not declared by the definition");
        }

        @Test
        void aMatchScoreOf100IsAViolation() {
            violates(at("cht", MATCH).body(CHT_MATCH).answer(200, "{\"nameMatch\":\"false\",\"nameMatchScore\":100}"),
                    "response body /nameMatchScore", "99");
        }

        @Test
        void fetRequiresTheIdDocumentInTheRequest() {
            violates(at("fet", MATCH).body("{\"phoneNumber\":\"+886912345678\",\"name\":\"王小明\"}").answer(403,
                    error(403, "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_REQUIRED")), "request body", "FET gates KYC Match");
        }
    }

    @Nested
    class KycTenure {
        private static final String CHECK = "/kyc-tenure/v0.2/check-tenure";

        @Test
        void chtTenureWithContractTypeConforms() {
            conforms(at("cht", CHECK).body("{\"phoneNumber\":\"+886912345678\",\"tenureDate\":\"2020-01-01\"}")
                    .answer(200, "{\"tenureDateCheck\":true,\"contractType\":\"PAYM\"}"));
        }

        @Test
        void aContractTypeOutsideTheOfficialEnumIsAViolation() {
            violates(at("cht", CHECK).body("{\"phoneNumber\":\"+886912345678\",\"tenureDate\":\"2020-01-01\"}")
                    .answer(200, "{\"tenureDateCheck\":true,\"contractType\":\"PREPAID\"}"), "response body /contractType", "enum");
        }

        @Test
        void tenureDateIsRequired() {
            violates(at("cht", CHECK).body("{\"phoneNumber\":\"+886912345678\"}").answer(400, error(400, "INVALID_ARGUMENT")),
                    "request body", "tenureDate");
        }

        @Test
        void twmDoesNotOfferTenureSoOnly404NotFoundConforms() {
            Exchanges e = at("twm", CHECK).body("{\"phoneNumber\":\"+886912345678\",\"tenureDate\":\"2020-01-01\"}");
            conforms(e.answer(404, error(404, "NOT_FOUND")));
            violates(e.answer(200, "{\"tenureDateCheck\":true}"), "response status", "does not offer this operation");
        }
    }

    @Nested
    class SimSwap {
        private static final String DATE = "/sim-swap/v2/retrieve-date";
        private static final String CHECK = "/sim-swap/v2/check";

        @Test
        void aNullLatestSimChangeWithAMonitoredPeriodConforms() {
            conforms(at("cht", DATE).body("{\"phoneNumber\":\"+886912345678\"}")
                    .answer(200, "{\"latestSimChange\":null,\"monitoredPeriod\":90}"));
        }

        @Test
        void aLatestSimChangeThatIsNotADateTimeIsAViolation() {
            violates(at("cht", DATE).body("{\"phoneNumber\":\"+886912345678\"}").answer(200, "{\"latestSimChange\":\"yesterday\"}"),
                    "response body /latestSimChange", "date-time");
        }

        @Test
        void twmChecksAtMost720HoursBack() {
            conforms(at("twm", CHECK).body("{\"phoneNumber\":\"+886912345678\",\"maxAge\":720}").answer(200, "{\"swapped\":false}"));
            Exchange tooFar = at("twm", CHECK).body("{\"phoneNumber\":\"+886912345678\",\"maxAge\":721}")
                    .answer(400, error(400, "OUT_OF_RANGE"));
            violates(tooFar, "request body /maxAge", "720 hours");
            onlyRequestViolated(tooFar);
        }

        @Test
        void identifierNotFoundIsADefined404() {
            conforms(at("fet", DATE).body("{\"phoneNumber\":\"+886987654321\"}").answer(404, error(404, "IDENTIFIER_NOT_FOUND")));
        }

        @Test
        void errorInfoStatusMustBeTheHttpStatus() {
            violates(at("fet", DATE).body("{\"phoneNumber\":\"+886987654321\"}").answer(404, error(400, "IDENTIFIER_NOT_FOUND")),
                    "response body /status", "differs from the HTTP status 404");
        }
    }

    @Nested
    class CarrierExtensions {

        @Test
        void chtLineProfileConformsToItsDeclaredSchema() {
            conforms(at("cht", "/cht/line-profile/v1/retrieve").body("{\"phoneNumber\":\"+886912345678\"}")
                    .answer(200, "{\"lineType\":\"PARENT_CHILD\",\"resellerBrand\":null}"));
            violates(at("cht", "/cht/line-profile/v1/retrieve").body("{\"phoneNumber\":\"+886912345678\"}")
                    .answer(200, "{\"lineType\":\"OTHER\",\"resellerBrand\":null}"), "response body /lineType", "enum");
        }

        @Test
        void anExtensionOperationExistsOnlyAtItsOwnCarrier() {
            violates(at("twm", "/cht/line-profile/v1/retrieve").body("{\"phoneNumber\":\"+886912345678\"}")
                    .answer(200, "{\"lineType\":\"MAIN\",\"resellerBrand\":null}"), "request line", "no operation");
        }

        @Test
        void twmSubscriptionConformsToItsDeclaredSchema() {
            conforms(at("twm", "/twm/subscription/v1/query").body("{\"phoneNumber\":\"+886912345678\"}").answer(200,
                    "{\"billingType\":\"PREPAID\",\"customerType\":\"PERSONAL\",\"familyPlanRole\":\"CHILD\",\"mvno\":false}"));
            violates(at("twm", "/twm/subscription/v1/query").body("{\"phoneNumber\":\"+886912345678\"}").answer(200,
                    "{\"billingType\":\"PREPAID\",\"customerType\":\"PERSONAL\",\"familyPlanRole\":\"CHILD\"}"),
                    "response body", "mvno");
        }

        @Test
        void anUnknownCarrierIsAViolationNotACrash() {
            violates(at("xyz", "/number-verification/v2/verify").body("{}").answer(200, "{}"), "exchange", "no declared profile");
        }
    }

    @Test
    void assertValidNamesEveryViolation() {
        Exchange e = at("cht", "/device-roaming-status/v1/retrieve").correlator("a_b").noBody()
                .answer(200, "{\"roaming\":\"yes\"}");
        AssertionError error = assertThrows(AssertionError.class, () -> validator.assertValid(e));
        List<Violation> all = validator.validate(e);
        assertTrue(all.size() >= 4, all::toString);
        all.forEach(v -> assertTrue(error.getMessage().contains(v.toString()), () -> v + " missing from " + error.getMessage()));
    }
}
