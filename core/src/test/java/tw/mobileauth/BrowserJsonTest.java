package tw.mobileauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tw.mobileauth.enrollment.EnrollmentApplication;
import tw.mobileauth.enrollment.PortalUrls;
import tw.mobileauth.login.LoginAttempt;

/** What the browser posts is read without string surgery, and a body that is not JSON is one typed error. */
class BrowserJsonTest {

    @ParameterizedTest(name = "body [{0}]")
    @ValueSource(strings = {"", "not json", "[]", "\"a string\"", "42", "{\"nationalId\": ", "{\"a\":{\"b\":{\"c\":{\"d\":"
            + "{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":1}}}}}}}}}"})
    void aBodyThatIsNotAJsonObjectIsOneTypedRequestError(String body) {
        for (Runnable parse : new Runnable[] {() -> call(() -> EnrollmentApplication.fromJson(body)),
                () -> call(() -> LoginAttempt.fromJson(body))}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
                try {
                    parse.run();
                } catch (Wrapped w) {
                    throw w.e;
                }
            });
            assertTrue(e.has("request", FieldReason.BAD_FORMAT), e.getMessage());
            assertTrue(e.errors().get(0).message().zhTw().contains("重新整理"), e.errors().get(0).message().zhTw());
        }
    }

    @Test
    void anOversizedBodyIsRefusedBeforeParsing() {
        String huge = "{\"name\":\"" + "x".repeat(20_000) + "\"}";
        assertThrows(InvalidInputException.class, () -> LoginAttempt.fromJson(huge));
        assertThrows(InvalidInputException.class, () -> EnrollmentApplication.fromJson(null));
    }

    @Test
    void membersThatAreAbsentNullOrNotStringsAreMissingFieldsAndUnknownOnesAreIgnored() throws Exception {
        LoginAttempt a = LoginAttempt.fromJson("{\"nationalId\": 12, \"birthDate\": null, \"name\": \"王小明\","
                + " \"credentialId\": \"mat_x\", \"signature\": \"not base64 !\", \"admin\": true}");
        assertEquals(Optional.empty(), a.nationalId());
        assertEquals(Optional.empty(), a.birthDate());
        assertEquals(Optional.of("王小明"), a.name());
        assertEquals(Optional.of("mat_x"), a.credentialId());
        assertEquals(Optional.empty(), a.signature());
        assertFalse(a.toString().contains("王小明"), "toString shows presence only: " + a);
    }

    @Test
    void signaturesAndKeysAreReadAsBase64UrlPaddedOrNotOrAsStandardBase64() throws Exception {
        byte[] expected = {(byte) 0xfb, (byte) 0xff, 0x01};
        for (String encoded : new String[] {"-_8B", "+/8B"}) {
            assertEquals(3, LoginAttempt.fromJson("{\"signature\":\"" + encoded + "\"}").signature().orElseThrow().length);
            assertTrue(java.util.Arrays.equals(expected,
                    LoginAttempt.fromJson("{\"signature\":\"" + encoded + "\"}").signature().orElseThrow()));
        }
    }

    @Test
    void theHandoffTokenIsTakenFromTheRequestUrlAsTheQrCodeCarriesIt() {
        PortalUrls urls = new PortalUrls("https://portal.example.tw", URI.create("https://portal.example.tw/m/h?lang=en"),
                URI.create("https://portal.example.tw/m/cb"));
        URI carried = urls.handoffUrl("abc-DEF_123");
        assertEquals("https://portal.example.tw/m/h?lang=en&t=abc-DEF_123", carried.toString());
        assertEquals(Optional.of("abc-DEF_123"), PortalUrls.handoffToken(carried));
        assertEquals(Optional.empty(), PortalUrls.handoffToken(URI.create("https://portal.example.tw/m/h")));
        assertEquals(Optional.empty(), PortalUrls.handoffToken(URI.create("https://portal.example.tw/m/h?st=x")));
        assertEquals(Optional.empty(), PortalUrls.handoffToken(null));
    }

    private interface Call {
        Object run() throws InvalidInputException;
    }

    private static final class Wrapped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final InvalidInputException e;

        Wrapped(InvalidInputException e) {
            this.e = e;
        }
    }

    private static void call(Call c) {
        try {
            c.run();
        } catch (InvalidInputException e) {
            throw new Wrapped(e);
        }
    }
}
