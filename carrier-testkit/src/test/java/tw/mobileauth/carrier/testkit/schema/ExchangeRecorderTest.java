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
 * The recorder counts conforming exchanges per operation and keeps every failing one. It runs on
 * the CHT extension operation, whose definition is always on the classpath.
 */
class ExchangeRecorderTest {

    private static final String LINE_PROFILE = "/cht/line-profile/v1/retrieve";
    private static final String REQUEST = "{\"phoneNumber\":\"+886912345678\"}";

    private final ExchangeValidator validator = ExchangeValidator.of(CamaraDefinitions.unverified(Map.of()),
            List.of(ProfileExtensions.load("cht")));

    @Test
    void conformingExchangesAreCountedPerOperationAndFailingOnesAreKept() {
        ExchangeRecorder recorder = new ExchangeRecorder(validator);
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(), recorder.record(at("cht", LINE_PROFILE).body(REQUEST)
                    .answer(200, "{\"lineType\":\"MAIN\",\"resellerBrand\":null}")));
        }
        recorder.record(at("cht", "/no-such-api/v1/x").body("{}").answer(404, error(404, "NOT_FOUND")));
        List<Violation> bad = recorder.record(at("cht", LINE_PROFILE).body(REQUEST)
                .answer(400, error(400, "INVALID_PARAM_COMBINATION")));

        assertEquals(1, bad.size(), bad::toString);
        assertEquals(Map.of("chtLineProfileRetrieve", 3L), recorder.validatedCounts());
        assertEquals(Map.of("chtLineProfileRetrieve", 1L, "POST /no-such-api/v1/x", 1L), recorder.rejectedCounts());
        assertEquals(5, recorder.total());
        assertTrue(recorder.summary().contains("validated 3 exchanges of operation chtLineProfileRetrieve"), recorder.summary());
        AssertionError e = assertThrows(AssertionError.class, recorder::assertAllValid);
        assertTrue(e.getMessage().startsWith("2 of 5 exchanges") && e.getMessage().contains("INVALID_PARAM_COMBINATION"),
                e.getMessage());
    }

    @Test
    void aRecorderWithOnlyConformingExchangesPasses() {
        ExchangeRecorder recorder = new ExchangeRecorder(validator);
        recorder.record(at("cht", LINE_PROFILE).body(REQUEST).answer(422, error(422, "CHT.SUBSCRIBER_SUSPENDED")));
        recorder.assertAllValid();
        assertEquals(1, recorder.validated("chtLineProfileRetrieve"));
        assertEquals(0, recorder.validated("phoneNumberVerify"));
    }
}
