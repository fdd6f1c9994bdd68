package tw.mobileauth.carrier.testkit.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tw.mobileauth.carrier.testkit.schema.Exchanges.at;
import static tw.mobileauth.carrier.testkit.schema.Exchanges.error;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recorder counts conforming exchanges per operation and keeps every failing one. */
class ExchangeRecorderTest {

    @Test
    void conformingExchangesAreCountedPerOperationAndFailingOnesAreKept() {
        OfficialDefinitionsValidationTest.officialDefinitions();
        ExchangeRecorder recorder = new ExchangeRecorder(OfficialDefinitionsValidationTest.validator);
        String verify = "/number-verification/v2/verify";
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(), recorder.record(at("cht", verify).body("{\"phoneNumber\":\"+886912345678\"}")
                    .answer(200, "{\"devicePhoneNumberVerified\":true}")));
        }
        recorder.record(at("cht", "/device-roaming-status/v1/retrieve").body("{}").answer(200, "{\"roaming\":false}"));
        List<Violation> bad = recorder.record(at("cht", verify).body("{\"phoneNumber\":\"+886912345678\"}")
                .answer(400, error(400, "INVALID_PARAM_COMBINATION")));

        assertEquals(1, bad.size(), bad::toString);
        assertEquals(Map.of("phoneNumberVerify", 3L, "getRoamingStatus", 1L), recorder.validatedCounts());
        assertEquals(Map.of("phoneNumberVerify", 1L), recorder.rejectedCounts());
        assertEquals(5, recorder.total());
        assertTrue(recorder.summary().contains("validated 3 exchanges of operation phoneNumberVerify"), recorder.summary());
        assertTrue(recorder.summary().contains("validated 1 exchange of operation getRoamingStatus"), recorder.summary());
        AssertionError e = assertThrows(AssertionError.class, recorder::assertAllValid);
        assertTrue(e.getMessage().startsWith("1 of 5 exchanges") && e.getMessage().contains("INVALID_PARAM_COMBINATION"),
                e.getMessage());
    }

    @Test
    void aRecorderWithOnlyConformingExchangesPasses() {
        OfficialDefinitionsValidationTest.officialDefinitions();
        ExchangeRecorder recorder = new ExchangeRecorder(OfficialDefinitionsValidationTest.validator);
        recorder.record(at("twm", "/connected-network-type/v0.1/retrieve").body("{}")
                .answer(200, "{\"connectedNetworkType\":\"4G\"}"));
        recorder.assertAllValid();
        assertEquals(1, recorder.validated("getConnectedNetworkType"));
        assertEquals(0, recorder.validated("phoneNumberVerify"));
    }
}
