package tw.mobileauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** STYLE §6: a client's IP address and full user agent never appear in a log line or message. */
class ClientContextTest {

    @Test
    void toStringIsTheMaskedFormWithTheIpCutAndTheUserAgentShortened() {
        String ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 "
                + "Mobile/15E148 Safari/604.1 unique-tracking-suffix-42";
        ClientContext c = new ClientContext(DeviceClass.SMARTPHONE, Optional.of("203.0.113.45"), Optional.of(ua));
        String text = c.toString();
        assertFalse(text.contains("203.0.113.45"), text);
        assertFalse(text.contains("unique-tracking-suffix-42"), text);
        assertTrue(text.contains("ip=203.0.113.*"), text);
        assertEquals("ClientContext[" + c.masked() + "]", text);
        assertTrue(new ClientContext(DeviceClass.DESKTOP, Optional.of("2001:db8::7"), Optional.empty()).toString()
                .contains("ip=2001:db8::*"));
    }
}
