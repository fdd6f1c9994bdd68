package tw.mobileauth.carrier.camara.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmallHelpersTest {

    private static final Instant NOW = Instant.parse("2025-05-01T00:00:00Z");

    @Test
    void retryAfterReadsSecondsAndHttpDatesAndIgnoresGarbage() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(Optional.of("7"), NOW));
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                RetryAfter.parse(Optional.of("Thu, 01 May 2025 00:00:30 GMT"), NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(Optional.of("Wed, 30 Apr 2025 00:00:00 GMT"), NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("soon"), NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("-3"), NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.empty(), NOW));
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse(Optional.of("999999999999"), NOW));
    }

    @Test
    void formEncodingUsesPercentTwentyForSpacesAndEncodesPlus() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("scope", "openid a:b");
        m.put("login_hint", "tel:+886912345678");
        assertEquals("scope=openid%20a%3Ab&login_hint=tel%3A%2B886912345678", FormEncoding.encode(m));
    }

    @Test
    void redactionMasksPhoneAndIdNumbersButKeepsWords() {
        String out = Redaction.redact("number +886912345678 / 0912-345-678 holder A123456789 not found");
        assertFalse(out.contains("912345678"));
        assertFalse(out.contains("345-678"));
        assertFalse(out.contains("A123456789"));
        assertTrue(out.contains("not found"));
        assertTrue(Redaction.redact("x".repeat(500)).length() <= Redaction.MAX_LENGTH + 1);
        assertEquals("ab", Redaction.redact("a\nb"));
    }

    @Test
    void base64UrlRejectsPaddingAndStandardAlphabet() {
        assertEquals(Optional.empty(), Base64Url.decode("YQ=="));
        assertEquals(Optional.empty(), Base64Url.decode("a+b/"));
        assertEquals("a", new String(Base64Url.decode("YQ").orElseThrow()));
    }
}
