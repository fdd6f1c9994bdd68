package tw.mobileauth.registry.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.CarrierException.Retry;
import tw.mobileauth.registry.spi.RegistryException.Origin;

class RegistryExceptionTest {

    private static final Origin HTTP = Origin.http("nhi", 503, "UNAVAILABLE", "c-1");
    private static final Origin NONE = Origin.transport("nhi", "TIMEOUT", "c-1");

    @Test
    void outagesAreRetryableWithBackoffAndDoNotAlert() {
        RegistryException t = new RegistryException.Timeout(NONE, "no answer", null);
        RegistryException u = new RegistryException.Unavailable(HTTP, Optional.of(Duration.ofSeconds(3)), "down", null);
        for (RegistryException e : List.of(t, u)) {
            assertEquals(Retry.WITH_BACKOFF, e.retry());
            assertTrue(e.isRetryable());
            assertFalse(e.alertsOperator());
        }
        assertEquals(Optional.of(Duration.ofSeconds(3)), u.retryAfter());
        assertEquals(OptionalInt.empty(), t.httpStatus());
    }

    @Test
    void configurationAuthenticationAndProtocolFailuresAlertAndAreNeverRetried() {
        for (RegistryException e : List.of(new RegistryException.Misconfigured(HTTP, "m"),
                new RegistryException.AuthenticationFailed(HTTP, "a"),
                new RegistryException.ProtocolViolation(HTTP, "p", null))) {
            assertEquals(Retry.NEVER, e.retry());
            assertFalse(e.isRetryable());
            assertTrue(e.alertsOperator());
            assertEquals(Optional.empty(), e.retryAfter());
        }
    }

    @Test
    void theMessageStartsWithRegistryStatusCodeAndCorrelator() {
        assertEquals("nhi 503 UNAVAILABLE [x-correlator c-1]: down; retry later",
                new RegistryException.Unavailable(HTTP, Optional.empty(), "down; retry later", null).getMessage());
        assertEquals("nhi TIMEOUT [x-correlator c-1]: x", new RegistryException.Timeout(NONE, "x", null).getMessage());
        assertEquals("nhi", new RegistryException.Timeout(NONE, "x", null).registryId());
        assertEquals("c-1", new RegistryException.Timeout(NONE, "x", null).correlator());
    }
}
