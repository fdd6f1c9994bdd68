package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.EnrollmentStore;

/**
 * An enrolment whose lifetime ran out while another request finished it is reported in the state
 * it really ended in, not as expired.
 */
class FinalStateReportTest {

    /**
     * {@code delegate}, but {@code beforeExpiry} (if set) runs once just before the service tries to
     * move a record to EXPIRED. A dynamic proxy, so it keeps up with the SPI as it grows.
     */
    static EnrollmentStore racingExpiry(EnrollmentStore delegate, AtomicReference<Runnable> beforeExpiry) {
        return (EnrollmentStore) Proxy.newProxyInstance(EnrollmentStore.class.getClassLoader(),
                new Class<?>[] {EnrollmentStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("compareAndSet")
                            && ((EnrollmentRecord) args[1]).state() == EnrollmentState.EXPIRED) {
                        Runnable hook = beforeExpiry.getAndSet(null);
                        if (hook != null) {
                            hook.run();
                        }
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void anEnrollmentCancelledWhileItsLifetimeRanOutIsReportedEndedNotExpiredAndAnUntouchedOneExpired()
            throws Exception {
        AtomicReference<Runnable> beforeExpiry = new AtomicReference<>();
        try (Harness h = new Harness(s -> racingExpiry(s, beforeExpiry), UnaryOperator.identity())) {
            Subscriber alice = h.networks.subscribers().find("twm", Scenario.ELIGIBLE);
            Harness.Applied raced = h.apply(alice, DeviceClass.DESKTOP);
            Harness.Applied untouched = h.apply(alice, DeviceClass.DESKTOP);
            h.advance(Duration.ofMinutes(EnrollmentService.DEFAULT_LIFETIME_MINUTES));

            beforeExpiry.set(() -> {
                try {
                    h.service.restart(raced.begun().enrollmentId(), raced.begun().desktopSecret());
                } catch (EnrollmentException | EnrollmentUnavailableException e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(EnrollmentException.Reason.ENROLLMENT_ENDED, assertThrows(EnrollmentException.class,
                    () -> h.service.regenerateQr(raced.begun().enrollmentId(), raced.begun().desktopSecret())).reason());
            assertInstanceOf(EnrollmentStatus.Cancelled.class, h.status(raced));

            assertEquals(EnrollmentException.Reason.ENROLLMENT_EXPIRED, assertThrows(EnrollmentException.class,
                    () -> h.service.regenerateQr(untouched.begun().enrollmentId(),
                            untouched.begun().desktopSecret())).reason());
            assertInstanceOf(EnrollmentStatus.Expired.class, h.status(untouched));
            assertTrue(beforeExpiry.get() == null, "the race really happened");
        }
    }
}
