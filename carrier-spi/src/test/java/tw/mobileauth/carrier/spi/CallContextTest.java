package tw.mobileauth.carrier.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CallContextTest {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @ParameterizedTest
    @ValueSource(strings = {"a", "req-1", "Ab-c9", "0123456789012345678901234567890123456789012345678901234",
            "3f2b8c1e-9d4a-4f6e-8b7c-2a1d0e9f8c7b"})
    void correlatorsOfOneTo55LettersDigitsAndHyphensAreAccepted(String correlator) {
        assertEquals(correlator, new CallContext(correlator, T0, Locale.TAIWAN).correlator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01234567890123456789012345678901234567890123456789012345", "has space",
            "slash/no", "中文", "new\nline", "semi;colon", "A.b", "under_score", "co:lon"})
    void correlatorsOutsideTheCamaraPatternAreRejected(String correlator) {
        assertThrows(IllegalArgumentException.class, () -> new CallContext(correlator, T0, Locale.TAIWAN));
    }

    /** CAMARA x-correlator is ^[a-zA-Z0-9-]{0,55}$: the dot, underscore and colon we used to allow are refused. */
    @Test
    void onlyTheOfficialCamaraCorrelatorCharactersAreSent() {
        for (String bad : new String[] {"A.b_c:d-9", "a.b", "a_b", "a:b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CallContext(bad, T0, Locale.TAIWAN), bad);
            assertTrue(e.getMessage().contains("[a-zA-Z0-9-]"), e.getMessage());
            assertTrue(!CallContext.isValidCorrelator(bad), bad);
        }
        assertTrue(CallContext.isValidCorrelator("abc-123"));
    }

    @Test
    void nullComponentsAreRejected() {
        assertThrows(NullPointerException.class, () -> new CallContext(null, T0, Locale.TAIWAN));
        assertThrows(NullPointerException.class, () -> new CallContext("c", null, Locale.TAIWAN));
        assertThrows(NullPointerException.class, () -> new CallContext("c", T0, null));
    }

    @Test
    void withTimeoutMakesAValidFreshCorrelatorAndADeadlineFromTheClock() {
        CallContext a = CallContext.withTimeout(Duration.ofSeconds(5), CLOCK);
        CallContext b = CallContext.withTimeout(Duration.ofSeconds(5), CLOCK);
        assertEquals(T0.plusSeconds(5), a.deadline());
        assertEquals(Locale.TAIWAN, a.locale());
        assertNotEquals(a.correlator(), b.correlator());
        assertTrue(a.correlator().length() <= 55);
    }

    @Test
    void remainingShrinksWithTheClockAndGoesNegativeAfterTheDeadline() {
        CallContext ctx = new CallContext("c", T0.plusSeconds(2), Locale.TAIWAN);
        assertEquals(Duration.ofSeconds(2), ctx.remaining(CLOCK));
        assertEquals(Duration.ofSeconds(-1), ctx.remaining(Clock.fixed(T0.plusSeconds(3), ZoneOffset.UTC)));
    }
}
