package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.eligibility.DeviceClass;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.EnrollmentStore;

/**
 * An enrolment whose lifetime ran out while another request finished it is reported in the state
 * it really ended in, not as expired.
 */
class FinalStateReportTest {

    /** Runs {@code beforeExpiry} once, just before the service tries to move a record to EXPIRED. */
    static final class RacingExpiry implements EnrollmentStore {
        private final EnrollmentStore delegate;
        volatile Runnable beforeExpiry;

        RacingExpiry(EnrollmentStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean compareAndSet(long expectedVersion, EnrollmentRecord next) {
            Runnable hook = beforeExpiry;
            if (next.state() == EnrollmentState.EXPIRED && hook != null) {
                beforeExpiry = null;
                hook.run();
            }
            return delegate.compareAndSet(expectedVersion, next);
        }

        @Override
        public boolean insert(EnrollmentRecord record) {
            return delegate.insert(record);
        }

        @Override
        public Optional<EnrollmentRecord> find(String id) {
            return delegate.find(id);
        }

        @Override
        public boolean delete(String id) {
            return delegate.delete(id);
        }

        @Override
        public int deleteAllForSubject(String subjectKey) {
            return delegate.deleteAllForSubject(subjectKey);
        }

        @Override
        public int purgeExpired(Instant now) {
            return delegate.purgeExpired(now);
        }
    }

    @Test
    void anEnrolmentCancelledWhileItsLifetimeRanOutIsReportedEndedNotExpiredAndAnUntouchedOneExpired()
            throws Exception {
        RacingExpiry[] store = new RacingExpiry[1];
        try (Harness h = new Harness(s -> store[0] = new RacingExpiry(s), UnaryOperator.identity())) {
            Subscriber alice = h.networks.subscribers().find("twm", Scenario.ELIGIBLE);
            Harness.Applied raced = h.apply(alice, DeviceClass.DESKTOP);
            Harness.Applied untouched = h.apply(alice, DeviceClass.DESKTOP);
            h.advance(Duration.ofMinutes(EnrollmentService.DEFAULT_LIFETIME_MINUTES));

            store[0].beforeExpiry = () -> {
                try {
                    h.service.restart(raced.begun().enrollmentId(), raced.begun().desktopSecret());
                } catch (EnrollmentException e) {
                    throw new AssertionError(e);
                }
            };
            assertEquals(EnrollmentException.Reason.ENROLLMENT_ENDED, assertThrows(EnrollmentException.class,
                    () -> h.service.regenerateQr(raced.begun().enrollmentId(), raced.begun().desktopSecret())).reason());
            assertInstanceOf(EnrollmentStatus.Cancelled.class, h.status(raced));

            assertEquals(EnrollmentException.Reason.ENROLLMENT_EXPIRED, assertThrows(EnrollmentException.class,
                    () -> h.service.regenerateQr(untouched.begun().enrollmentId(),
                            untouched.begun().desktopSecret())).reason());
            assertInstanceOf(EnrollmentStatus.Expired.class, h.status(untouched));
            assertTrue(store[0].beforeExpiry == null, "the race really happened");
        }
    }
}
