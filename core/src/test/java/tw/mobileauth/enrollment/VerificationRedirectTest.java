package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;

/**
 * STYLE §6/§7: the carrier URL handed to the phone carries the state, nonce, PKCE challenge and
 * possibly the phone number (login hint); logging the redirect must reveal none of them.
 */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class VerificationRedirectTest {

    @Test
    void toStringShowsTheCarrierHostPathAndExpiryButNoQueryWhileTheRecordKeepsTheFullUrl() {
        URI uri = URI.create("https://user:pw@auth.carrier.example:8443/oauth2/authorize?state=S3cr3tState"
                + "&nonce=N0nce&login_hint=tel%3A%2B886912345678#frag");
        Instant expiry = Instant.parse("2025-03-14T02:05:00Z");
        VerificationRedirect r = new VerificationRedirect(uri, expiry);

        String text = r.toString();
        for (String secret : List.of("S3cr3tState", "N0nce", "886912345678", "login_hint", "pw", "frag")) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
        assertEquals("VerificationRedirect[carrier=https://auth.carrier.example:8443/oauth2/authorize?(redacted), "
                + "expiresAt=2025-03-14T02:05:00Z]", text);
        assertEquals(uri, r.carrierUri(), "the phone still gets the whole URL");
        assertEquals("VerificationRedirect[carrier=https://auth.carrier.example/authorize, expiresAt="
                + expiry + "]", new VerificationRedirect(URI.create("https://auth.carrier.example/authorize"), expiry)
                .toString());
    }

    @Test
    void theRedirectOfEveryCarrierLogsNeitherThePhoneNumberNorTheState(Harness h) throws Exception {
        for (String carrier : List.of("cht", "twm", "fet")) {
            Subscriber s = h.networks.subscribers().find(carrier, Scenario.ELIGIBLE);
            DeviceSession phone = h.scan(h.apply(s, DeviceClass.DESKTOP));
            VerificationRedirect r = h.startVerification(phone);
            String text = r.toString();
            String e164 = s.msisdn().e164();
            String national = "0" + e164.substring(4);
            assertFalse(text.contains(e164.substring(1)) || text.contains(national), carrier + ": " + text);
            assertFalse(text.contains(VerificationRestartTest.stateOf(r.carrierUri())), carrier + ": " + text);
            assertTrue(text.contains(r.carrierUri().getHost()), text);
        }
    }
}
