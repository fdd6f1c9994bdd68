package tw.mobileauth.carrier.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.CarrierException.Origin;
import tw.mobileauth.carrier.spi.CarrierException.Retry;

/** The retry advice of the SPI's exceptions: what "retryable" means, and which advice each type may carry. */
class CarrierExceptionTest {

    private static final Origin TIMEOUT = Origin.transport("cht", "TIMEOUT", "corr-1");
    private static final Origin GRANT = Origin.http("cht", 400, "invalid_grant", "corr-1");

    @Test
    void restartVerificationIsNotRetryingTheSameCall() {
        CarrierException restart = new CarrierException.CarrierUnavailable(TIMEOUT, Retry.RESTART_VERIFICATION,
                Optional.empty(), "the code may be redeemed; start a new verification", null);
        assertEquals(Retry.RESTART_VERIFICATION, restart.retry());
        assertFalse(restart.isRetryable(), "the same callback can never pass");
        CarrierException outage = new CarrierException.CarrierUnavailable(TIMEOUT, Optional.empty(), "retry", null);
        assertEquals(Retry.WITH_BACKOFF, outage.retry());
        assertTrue(outage.isRetryable());
    }

    @Test
    void aRefusedCodeCanSayNeverInsteadOfANewToken() {
        CarrierException byDefault = new CarrierException.AuthenticationFailed(GRANT, "refused");
        assertEquals(Retry.WITH_NEW_TOKEN, byDefault.retry());
        assertTrue(byDefault.isRetryable());
        CarrierException refusedCode = new CarrierException.AuthenticationFailed(GRANT, Retry.NEVER, "refused");
        assertEquals(Retry.NEVER, refusedCode.retry());
        assertFalse(refusedCode.isRetryable());
        assertFalse(new CarrierException.AuthenticationFailed(GRANT, Retry.RESTART_VERIFICATION, "spent").isRetryable());
    }

    @Test
    void aRateLimitDuringVerificationKeepsItsRetryAfterButIsNotRetryable() {
        CarrierException e = new CarrierException.RateLimited(Origin.http("fet", 429, "TOO_MANY_REQUESTS", "c"),
                Retry.RESTART_VERIFICATION, Optional.of(Duration.ofSeconds(2)), "slow down");
        assertFalse(e.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(2)), e.retryAfter());
        assertTrue(new CarrierException.RateLimited(e.origin(), true, Optional.empty(), "429").isRetryable());
        assertFalse(new CarrierException.RateLimited(e.origin(), false, Optional.empty(), "quota").isRetryable());
    }

    @Test
    void eachTypeRefusesAdviceThatContradictsIt() {
        assertThrows(IllegalArgumentException.class, () -> new CarrierException.CarrierUnavailable(TIMEOUT,
                Retry.NEVER, Optional.empty(), "an outage is never final", null));
        assertThrows(IllegalArgumentException.class, () -> new CarrierException.CarrierUnavailable(TIMEOUT,
                Retry.WITH_NEW_TOKEN, Optional.empty(), "no token involved", null));
        assertThrows(IllegalArgumentException.class,
                () -> new CarrierException.AuthenticationFailed(GRANT, Retry.WITH_BACKOFF, "a refusal is no outage"));
        assertThrows(IllegalArgumentException.class, () -> new CarrierException.RateLimited(GRANT,
                Retry.AFTER_USER_ACTION, Optional.empty(), "not the person's doing"));
        assertThrows(NullPointerException.class,
                () -> new CarrierException.AuthenticationFailed(GRANT, null, "advice required"));
    }
}
