package tw.mobileauth.carrier.camara;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException;

/**
 * Runs an idempotent call with bounded retries: only failures whose advice is
 * {@link CarrierException.Retry#WITH_BACKOFF}, at most {@link RetryPolicy#maxAttempts()} times,
 * waiting the jittered backoff or the carrier's {@code Retry-After}, whichever is longer, and
 * never when the wait would reach the call's deadline: then the last failure is thrown as is.
 */
final class Retrying {

    private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);

    /** One attempt of a call. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws CarrierException;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator jitter;

    Retrying(RetryPolicy policy, Sleeper sleeper, Clock clock, RandomGenerator jitter) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.jitter = jitter;
    }

    <T> T run(CallContext ctx, Attempt<T> attempt) throws CarrierException {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (CarrierException e) {
                if (e.retry() != CarrierException.Retry.WITH_BACKOFF || n >= policy.maxAttempts()
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                Duration wait = waitBefore(n, e);
                Instant resumeAt = clock.instant().plus(wait);
                if (!resumeAt.isBefore(ctx.deadline())) {
                    LOG.debug("{} not retrying {} [x-correlator {}]: a wait of {} ms would reach the deadline",
                            e.carrierId(), e.code(), ctx.correlator(), wait.toMillis());
                    throw e;
                }
                LOG.debug("{} retrying after {} in {} ms (attempt {} of {}) [x-correlator {}]", e.carrierId(),
                        e.code(), wait.toMillis(), n + 1, policy.maxAttempts(), ctx.correlator());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The jittered backoff before retry {@code n}, or the carrier's Retry-After when longer. */
    Duration waitBefore(int n, CarrierException e) {
        long full = policy.backoff(n).toMillis();
        long jittered = full / 2 + (full / 2 > 0 ? jitter.nextLong(full - full / 2 + 1) : 0);
        Duration backoff = Duration.ofMillis(jittered);
        return e.retryAfter().filter(ra -> ra.compareTo(backoff) > 0).orElse(backoff);
    }
}
