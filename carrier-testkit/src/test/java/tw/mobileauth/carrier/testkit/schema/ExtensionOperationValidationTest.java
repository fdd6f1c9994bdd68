package tw.mobileauth.carrier.testkit.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tw.mobileauth.carrier.testkit.schema.Exchanges.at;
import static tw.mobileauth.carrier.testkit.schema.Exchanges.error;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The validator's rules on the carrier extension operations, whose OpenAPI documents are our own
 * and always on the classpath: these run everywhere, with or without the official files.
 */
class ExtensionOperationValidationTest {

    private static final String LINE_PROFILE = "/cht/line-profile/v1/retrieve";
    private static final String REQUEST = "{\"phoneNumber\":\"+886912345678\"}";
    private static final String ANSWER = "{\"lineType\":\"MAIN\",\"resellerBrand\":\"Ubee\"}";

    private final ExchangeValidator validator = ExchangeValidator.of(CamaraDefinitions.unverified(Map.of()),
            List.of(ProfileExtensions.load("cht")));

    private void violates(Exchange e, String where, String what) {
        List<Violation> v = validator.validate(e);
        assertTrue(v.stream().anyMatch(x -> x.where().contains(where) && x.what().contains(what)),
                () -> "expected a violation at '" + where + "' saying '" + what + "', got " + v);
    }

    @Test
    void aRequestAndAnswerInTheDeclaredShapeConform() {
        validator.assertValid(at("cht", LINE_PROFILE).body(REQUEST).answer(200, ANSWER));
        assertEquals("chtLineProfileRetrieve", validator.check(at("cht", LINE_PROFILE).body(REQUEST).answer(200, ANSWER)).operation());
    }

    @Test
    void aNullableMemberMayBeNullButMustBePresentWhenRequired() {
        validator.assertValid(at("cht", LINE_PROFILE).body(REQUEST).answer(200, "{\"lineType\":\"FAMILY\",\"resellerBrand\":null}"));
        violates(at("cht", LINE_PROFILE).body(REQUEST).answer(200, "{\"lineType\":\"FAMILY\"}"), "response body", "resellerBrand");
    }

    @Test
    void aRequiredBodyMustBeSentAsJson() {
        violates(at("cht", LINE_PROFILE).noBody().answer(200, ANSWER), "request body", "the request body is required");
        violates(at("cht", LINE_PROFILE).body("phoneNumber=+886912345678").answer(200, ANSWER), "request body", "not JSON");
    }

    @Test
    void theProfileErrorCodeConformsAndAnUnlistedCodeDoesNot() {
        validator.assertValid(at("cht", LINE_PROFILE).body(REQUEST).answer(422, error(422, "CHT.SUBSCRIBER_SUSPENDED")));
        violates(at("cht", LINE_PROFILE).body(REQUEST).answer(422, error(422, "CHT.LINE_BARRED")),
                "response body /code", "CHT.LINE_BARRED is not one the definition lists for status 422");
    }

    @Test
    void anErrorBodyMustBeAnErrorInfoWithNoOtherMember() {
        violates(at("cht", LINE_PROFILE).body(REQUEST).answer(404, "{\"status\":404,\"code\":\"IDENTIFIER_NOT_FOUND\"}"),
                "response body", "message");
        violates(at("cht", LINE_PROFILE).body(REQUEST).answer(404,
                "{\"status\":404,\"code\":\"IDENTIFIER_NOT_FOUND\",\"message\":\"x\",\"detail\":\"y\"}"),
                "response body /detail", "member not declared");
    }

    @Test
    void anUnderscoreInTheCorrelatorBreaksTheProfilePattern() {
        violates(at("cht", LINE_PROFILE).correlator("a_b").body(REQUEST).answer(200, ANSWER), "request header x-correlator", "a_b");
    }

    @Test
    void anUndeclaredMemberInTheAnswerIsAViolation() {
        violates(at("cht", LINE_PROFILE).body(REQUEST).answer(200, "{\"lineType\":\"MAIN\",\"resellerBrand\":null,\"vip\":true}"),
                "response body /vip", "member not declared by the definition");
    }

    @Test
    void aGenericServerErrorConformsWithItsCatalogueCode() {
        validator.assertValid(at("cht", LINE_PROFILE).body(REQUEST).answer(503, error(503, "UNAVAILABLE")));
        violates(at("cht", LINE_PROFILE).body(REQUEST).answer(503, error(503, "INTERNAL")), "response body /code", "INTERNAL");
    }

    @Test
    void aDeclaredExtraMemberIsAllowedOnlyWhereTheProfileDeclaresIt() {
        String profile = "{\"carrier\":\"demo\",\"apis\":[\"line.yaml\"],\"properties\":[{\"operation\":\"chtLineProfileRetrieve\","
                + "\"status\":200,\"at\":\"\",\"name\":\"x-demo\",\"schema\":{\"type\":\"integer\",\"minimum\":1}}]}";
        String line = readResource(ProfileExtensions.REFERENCE_FOLDER + "cht-line-profile.yaml");
        ExchangeValidator demo = ExchangeValidator.of(CamaraDefinitions.unverified(Map.of()),
                List.of(ProfileExtensions.parse(profile, Map.of("line.yaml", line))));
        demo.assertValid(at("demo", LINE_PROFILE).body(REQUEST).answer(200, "{\"lineType\":\"MAIN\",\"resellerBrand\":null,\"x-demo\":2}"));
        List<Violation> wrong = demo.validate(at("demo", LINE_PROFILE).body(REQUEST)
                .answer(200, "{\"lineType\":\"MAIN\",\"resellerBrand\":null,\"x-demo\":0}"));
        assertTrue(wrong.stream().anyMatch(v -> v.where().equals("response body /x-demo") && v.what().contains("x-demo")), wrong::toString);
        List<Violation> elsewhere = demo.validate(at("demo", LINE_PROFILE).body("{\"phoneNumber\":\"+886912345678\",\"x-demo\":2}")
                .answer(200, ANSWER));
        assertTrue(elsewhere.stream().anyMatch(v -> v.where().equals("request body /x-demo")), elsewhere::toString);
    }

    @Test
    void aProfileThatNamesAnUnknownOperationIsRejectedAtConstruction() {
        String profile = "{\"carrier\":\"demo\",\"notOffered\":[{\"operation\":\"noSuchOperation\",\"why\":\"x\"}]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExchangeValidator.of(
                CamaraDefinitions.unverified(Map.of()), List.of(ProfileExtensions.parse(profile, Map.of()))));
        assertTrue(e.getMessage().contains("noSuchOperation"), e.getMessage());
    }

    private static String readResource(String name) {
        try (var in = ExtensionOperationValidationTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
