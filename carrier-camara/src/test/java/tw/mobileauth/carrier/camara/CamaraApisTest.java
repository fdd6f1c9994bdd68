package tw.mobileauth.carrier.camara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tw.mobileauth.carrier.camara.StubCarrier.Reply.json;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.IdDocumentType;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.MatchOutcome;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;

/** The standard CAMARA request and answer shapes: KYC Match, SIM Swap, and JsonReply's readers. */
class CamaraApisTest {

    private static final SubscriberClaims CLAIMS = new SubscriberClaims("A123456789", IdDocumentType.NATIONAL_ID_CARD,
            "王𠀋明", LocalDate.of(1986, 3, 14));

    private final Fixtures f = new Fixtures();
    private StubCarrier stub;
    private CamaraClient client;

    @BeforeEach
    void start() throws Exception {
        stub = new StubCarrier();
        client = f.adapter(f.config(stub.base()).build(), Fixtures.plainProfile()).client();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void kycMatchSendsTheClaimsAsTypedAndReadsEachField() throws Exception {
        stub.on(KycMatchApi.PATH, json(200, "{\"idDocumentMatch\":\"true\",\"nameMatch\":\"false\","
                + "\"nameMatchScore\":80,\"birthdateMatch\":\"not_available\"}"));
        KycMatchResult r = KycMatchApi.match(client, f.ctx(Duration.ofSeconds(5)), Fixtures.NUMBER, CLAIMS);
        assertEquals(new KycMatchResult(MatchOutcome.MATCH, MatchOutcome.NO_MATCH, OptionalInt.of(80),
                MatchOutcome.NOT_AVAILABLE), r);
        assertEquals("{\"phoneNumber\":\"+886912345678\",\"idDocument\":\"A123456789\",\"idDocumentType\":"
                + "\"national_id_card\",\"name\":\"王𠀋明\",\"birthdate\":\"1986-03-14\"}",
                stub.requests(KycMatchApi.PATH).get(0).body());
        assertEquals(Optional.of(KycMatchApi.SCOPE), Optional.of(stub.requests("/oauth2/token").get(0).form().get("scope")));
    }

    @Test
    void aScoreBesideAMatchedNameIsDroppedAndAnAbsentFieldIsNotAvailable() throws Exception {
        stub.on(KycMatchApi.PATH, json(200, "{\"idDocumentMatch\":\"true\",\"nameMatch\":\"true\",\"nameMatchScore\":99}"));
        KycMatchResult r = KycMatchApi.match(client, f.ctx(Duration.ofSeconds(5)), Fixtures.NUMBER, CLAIMS);
        assertEquals(OptionalInt.empty(), r.nameScore());
        assertEquals(MatchOutcome.NOT_AVAILABLE, r.birthDate());
    }

    @Test
    void matchValuesOutsideTheProfileAreProtocolViolations() {
        for (String body : List.of("{\"idDocumentMatch\":\"yes\"}", "{\"idDocumentMatch\":true}",
                "{\"nameMatch\":\"false\",\"nameMatchScore\":100}")) {
            stub.on(KycMatchApi.PATH, json(200, body));
            assertThrows(CarrierException.ProtocolViolation.class,
                    () -> KycMatchApi.match(client, f.ctx(Duration.ofSeconds(5)), Fixtures.NUMBER, CLAIMS), body);
        }
    }

    @Test
    void retrieveDateReadsTheDateOrTheMonitoredPeriodInDays() throws Exception {
        stub.on(SimSwapApi.RETRIEVE_DATE_PATH, json(200, "{\"latestSimChange\":\"2025-04-30T04:00:00Z\"}"));
        assertEquals(SimSwapInfo.dated(Optional.of(Instant.parse("2025-04-30T04:00:00Z")), Optional.empty()),
                SimSwapApi.retrieveDate(client, f.ctx(Duration.ofSeconds(5)), Fixtures.NUMBER));
        stub.on(SimSwapApi.RETRIEVE_DATE_PATH, json(200, "{\"latestSimChange\":null,\"monitoredPeriod\":90}"));
        assertEquals(SimSwapInfo.dated(Optional.empty(), Optional.of(Duration.ofDays(90))),
                SimSwapApi.retrieveDate(client, f.ctx(Duration.ofSeconds(5)), Fixtures.NUMBER));
        stub.on(SimSwapApi.RETRIEVE_DATE_PATH, json(200, "{\"latestSimChange\":\"yesterday\"}"));
        assertThrows(CarrierException.ProtocolViolation.class,
                () -> SimSwapApi.retrieveDate(client, f.ctx(Duration.ofSeconds(5)), Fixtures.NUMBER));
    }

    @Test
    void checkSendsMaxAgeInHoursAndRefusesWindowsCamaraDoesNotAllow() throws Exception {
        stub.on(SimSwapApi.CHECK_PATH, json(200, "{\"swapped\":true}"));
        assertTrue(SimSwapApi.check(client, f.ctx(Duration.ofSeconds(5)), Fixtures.NUMBER, 720));
        assertEquals("{\"phoneNumber\":\"+886912345678\",\"maxAge\":720}", stub.requests(SimSwapApi.CHECK_PATH).get(0).body());
        assertThrows(IllegalArgumentException.class,
                () -> SimSwapApi.check(client, f.ctx(Duration.ofSeconds(5)), Fixtures.NUMBER, 721));
        assertThrows(IllegalArgumentException.class,
                () -> SimSwapApi.check(client, f.ctx(Duration.ofSeconds(5)), Fixtures.NUMBER, 0));
    }

    @Test
    void jsonReplyReadersNameTheFieldThatBrokeTheShape() throws Exception {
        stub.on("/attrs", json(200, "{\"a\":1,\"s\":\"x\",\"o\":{\"lineType\":\"MAIN\"},\"n\":null}"));
        JsonReply r = client.post(f.ctx(Duration.ofSeconds(5)), "/attrs", "attrs:read", Map.of());
        assertEquals(OptionalInt.of(1), r.optionalInt("a"));
        assertEquals(Optional.empty(), r.optionalText("n"));
        assertEquals(LineRole.PRIMARY, r.object("o").oneOf("lineType", Map.of("MAIN", LineRole.PRIMARY), LineRole.UNKNOWN));
        assertEquals(LineRole.UNKNOWN, r.object("o").oneOf("lineType", Map.of("FAMILY", LineRole.FAMILY_SUB_LINE),
                LineRole.UNKNOWN));
        CarrierException e = assertThrows(CarrierException.ProtocolViolation.class, () -> r.text("a"));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        assertThrows(CarrierException.ProtocolViolation.class, () -> r.bool("s"));
        assertThrows(CarrierException.ProtocolViolation.class, () -> r.object("missing"));
        assertFalse(r.optionalObject("n").isPresent());
    }
}
