package tw.mobileauth.carrier.camara;

import java.time.Duration;

/**
 * How idempotent calls are retried: at most {@code maxAttempts} attempts; before retry n the
 * wait is {@code min(maxDelay, baseDelay × 2^(n-1))} with equal jitter (a random value between
 * half of it and all of it), or the carrier's {@code Retry-After} when longer.
 */
record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** Three attempts, 100 ms doubling, capped at 2 s. */
    static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2));

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The un-jittered backoff before retry {@code n} (1 for the first retry). */
    Duration backoff(int n) {
        Duration d = baseDelay.multipliedBy(1L << Math.min(n - 1, 20));
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
