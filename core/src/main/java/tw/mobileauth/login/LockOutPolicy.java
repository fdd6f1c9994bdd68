package tw.mobileauth.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * When failed logins lock a credential, or a person, out for a while (Keycloak's brute-force
 * detector, adapted to a four-field login on a bound device).
 *
 * <h2>Rules</h2>
 * Failures are counted per credential <em>and</em> per person (the credential owner's subject
 * key, HMAC of the national ID), each on its own counter:
 * <ol>
 *   <li>Only guesses count: attempts whose device signature verified
 *       ({@link FailureCause#countsTowardsLockOut()}). Such an attempt is counted as a failure
 *       <em>before</em> its ID, birth date, name and password are checked, and a success clears the
 *       count again. So attempts running at the same time (say, queued at the password hasher) are
 *       each counted before any of them is evaluated: at most {@code threshold} guesses are evaluated
 *       before the first lock-out, and one per lock-out after it, however many run at once. An
 *       attempt that then fails with {@link LoginUnavailableException} (a store or the hasher
 *       failed) stays counted.</li>
 *   <li>The first counted failure opens a window of {@link Builder#resetWindow(Duration) resetWindow};
 *       when it ends, the count starts again from zero (failures older than the window are
 *       forgotten).</li>
 *   <li>When a counter reaches {@link Builder#threshold(int) threshold}, and on every counted
 *       failure after that, the key is locked for
 *       {@code min(waitIncrement × ⌊failures ÷ threshold⌋, maxWait)}: so with threshold 3 and a
 *       one-minute increment, failures 3–5 lock for 1 minute each, 6–8 for 2 minutes, and so on.</li>
 *   <li>While locked, every attempt fails ({@link FailureCause#LOCKED}), even with all four fields
 *       right, and is not counted. (Attempts that race into a lock-out, all counted before any of
 *       them set the lock, stay counted: only one of them goes on, the others fail as locked.)</li>
 *   <li>With {@link Builder#permanentLockAfter(int) permanentLockAfter(n)}, the lock-out after the
 *       n-th temporary one in the same window is permanent, until an administrator calls
 *       {@link LoginService#clearLockOut}.</li>
 *   <li><b>At most {@link Builder#maxConsecutiveFailures(int) maxConsecutiveFailures} (default
 *       {@value #MAX_CONSECUTIVE_FAILURES}) failures in a row.</b> A third counter per person counts
 *       failures since the person's last successful login, however they are spread over time:
 *       the reset window does not forget them, nor do expired locks. When it reaches the cap, the
 *       person is locked permanently, until an administrator calls {@link LoginService#clearLockOut}.
 *       This is the limit NIST SP 800-63B §5.2.2 sets ("no more than 100 consecutive failed
 *       authentication attempts on a single account"); the temporary waits alone do not meet it,
 *       since with the defaults they let about 120 guesses through every 12 hours, for ever. (The
 *       streak is remembered for up to ten years from its first failure.)</li>
 *   <li>A successful login clears all three counters.</li>
 * </ol>
 *
 * <table>
 *   <caption>Defaults ({@link #standard()})</caption>
 *   <tr><th>setting</th><th>default</th><th>allowed</th></tr>
 *   <tr><td>threshold</td><td>{@value #DEFAULT_THRESHOLD} failures</td><td>1 .. {@value #MAX_THRESHOLD}</td></tr>
 *   <tr><td>waitIncrement</td><td>1 minute</td><td>1 second .. 1 day</td></tr>
 *   <tr><td>maxWait</td><td>15 minutes</td><td>waitIncrement .. 30 days</td></tr>
 *   <tr><td>resetWindow</td><td>12 hours</td><td>1 minute .. 365 days</td></tr>
 *   <tr><td>permanentLockAfter</td><td>never (temporary locks in a window)</td><td>0 .. 1000 temporary lock-outs</td></tr>
 *   <tr><td>maxConsecutiveFailures</td><td>{@value #MAX_CONSECUTIVE_FAILURES} failures, then a permanent lock</td><td>threshold .. {@value #MAX_CONSECUTIVE_FAILURES} (NIST SP 800-63B §5.2.2)</td></tr>
 * </table>
 *
 * <h2>The denial-of-service trade-off</h2>
 * A lock-out stops guessing, and it also stops the rightful person. Whoever can trigger it can
 * lock someone out: in a username-and-password system, anyone who knows a user name. Here:
 * <ul>
 *   <li><b>Who can lock whom.</b> Failures count only after the device signature verified, so an
 *       attacker who merely knows someone's national ID (or a credential id) cannot lock them out:
 *       without the private key held by that person's bound browser, every attempt fails earlier
 *       and is not counted. Counting attempts by the <em>typed</em> ID would let anybody with a
 *       valid credential of their own lock out any person whose ID they know, and would protect
 *       no one, because a typed ID that is not the credential owner's can never log in. What
 *       remains is someone with access to the person's device and browser (a shared or stolen
 *       computer): they can lock the person out, which is also exactly when a lock-out is wanted.</li>
 *   <li><b>Why per credential and per person.</b> The credential counter stops guessing on one
 *       device. The person counter caps guessing across all of the person's devices (with
 *       {@code KEEP_LATEST(n)} binding a person may have several), so n stolen devices do not
 *       give n times the guesses. Its price: a lock caused on one device also locks the person's
 *       other devices, until it expires.</li>
 *   <li><b>Why temporary waits first.</b> A temporary lock heals itself: the worst an attacker
 *       on the device achieves is a delay of at most {@code maxWait} per counted failure, while
 *       guessing slows to about one guess per {@code maxWait}. A permanent lock turns every
 *       successful trigger into a support call and a re-enrolment, so the window-based
 *       {@code permanentLockAfter} is off by default; turn it on only where a help desk can
 *       {@link LoginService#clearLockOut clear} locks quickly.</li>
 *   <li><b>Why a permanent lock after 100 in a row anyway.</b> Temporary waits slow guessing but
 *       never end it: with the defaults about 120 guesses get through every 12 hours, without
 *       limit. NIST SP 800-63B §5.2.2 requires that consecutive failed attempts on one account be
 *       limited to no more than 100, so {@code maxConsecutiveFailures} is on by default and cannot
 *       be set above 100. Its price is the same as above: whoever holds the person's device can
 *       lock them out for good, in about a day with the defaults; the help desk then checks who
 *       is calling and calls {@link LoginService#clearLockOut}.</li>
 *   <li><b>Why threshold ≤ 100.</b> A threshold above the consecutive cap would never apply. The
 *       default of {@value #DEFAULT_THRESHOLD} leaves room for typos in four fields (ROC dates,
 *       full-width characters) while keeping guessing slow.</li>
 * </ul>
 * Immutable and thread-safe; counting is atomic in the {@link tw.mobileauth.store.CounterStore}.
 */
public final class LockOutPolicy {

    /** Default failures before the first lock-out: {@value}. */
    public static final int DEFAULT_THRESHOLD = 10;
    /** The largest allowed threshold: {@value}. */
    public static final int MAX_THRESHOLD = 100;
    /**
     * Default, and largest allowed, number of failures in a row (since the last success, however
     * spread over time) before a permanent lock: {@value} (NIST SP 800-63B §5.2.2).
     */
    public static final int MAX_CONSECUTIVE_FAILURES = 100;
    /** Default first wait, and the step between waits: 1 minute. */
    public static final Duration DEFAULT_WAIT_INCREMENT = Duration.ofMinutes(1);
    /** Default longest temporary wait: 15 minutes. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(15);
    /** Default counting window: 12 hours. */
    public static final Duration DEFAULT_RESET_WINDOW = Duration.ofHours(12);
    /**
     * The lock-out end recorded for a permanent lock: 9999-12-31T23:59:59Z, a value every
     * database timestamp type can hold.
     */
    public static final Instant PERMANENT = Instant.parse("9999-12-31T23:59:59Z");

    private static final LockOutPolicy STANDARD = new Builder().build();

    private final int threshold;
    private final Duration waitIncrement;
    private final Duration maxWait;
    private final Duration resetWindow;
    private final OptionalInt permanentLockAfter;
    private final int maxConsecutiveFailures;

    private LockOutPolicy(Builder b) {
        this.threshold = b.threshold;
        this.waitIncrement = b.waitIncrement;
        this.maxWait = b.maxWait;
        this.resetWindow = b.resetWindow;
        this.permanentLockAfter = b.permanentLockAfter;
        this.maxConsecutiveFailures = b.maxConsecutiveFailures;
    }

    /**
     * {@return the defaults in the table above: 10 failures, 1-minute steps up to 15 minutes, a 12-hour
     * window, no permanent lock within a window, and a permanent lock after 100 failures in a row}
     */
    public static LockOutPolicy standard() {
        return STANDARD;
    }

    /** {@return a builder starting from {@link #standard()}} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Failures (in one window) at which the first lock-out starts.
     *
     * @return the int
     */
    public int threshold() {
        return threshold;
    }

    /** {@return the first wait and the step between waits} */
    public Duration waitIncrement() {
        return waitIncrement;
    }

    /** {@return the longest temporary wait} */
    public Duration maxWait() {
        return maxWait;
    }

    /** {@return how long a counting window lasts from its first failure} */
    public Duration resetWindow() {
        return resetWindow;
    }

    /** {@return after how many temporary lock-outs in one window the next one is permanent; empty if never} */
    public OptionalInt permanentLockAfter() {
        return permanentLockAfter;
    }

    /**
     * {@return after how many failures in a row (since the last success, at any pace) the person is locked permanently}
     */
    public int maxConsecutiveFailures() {
        return maxConsecutiveFailures;
    }

    /**
     * The lock a counter with {@code failures} counted failures earns at {@code now}: empty below
     * the threshold, {@link #PERMANENT} once the temporary lock-outs are used up, otherwise
     * {@code now + min(waitIncrement × ⌊failures ÷ threshold⌋, maxWait)}.
     */
    Optional<Instant> lockFor(long failures, Instant now) {
        if (failures < threshold) {
            return Optional.empty();
        }
        long lockOutNumber = failures - threshold + 1;
        if (permanentLockAfter.isPresent() && lockOutNumber > permanentLockAfter.getAsInt()) {
            return Optional.of(PERMANENT);
        }
        long steps = failures / threshold;
        long maxSteps = maxWait.toNanos() / waitIncrement.toNanos();
        Duration wait = steps >= maxSteps ? maxWait : waitIncrement.multipliedBy(steps);
        return Optional.of(now.plus(wait));
    }

    /**
     * The lock a streak of {@code consecutiveFailures} failures in a row earns: {@link #PERMANENT}
     * from {@link #maxConsecutiveFailures()} on, else none.
     */
    Optional<Instant> lockForStreak(long consecutiveFailures) {
        return consecutiveFailures >= maxConsecutiveFailures ? Optional.of(PERMANENT) : Optional.empty();
    }

    /**
     * {@code LockOutPolicy[threshold=10, waitIncrement=PT1M, maxWait=PT15M, resetWindow=PT12H, permanentAfter=never,
     * maxConsecutive=100]}.
     */
    @Override
    public String toString() {
        return "LockOutPolicy[threshold=" + threshold + ", waitIncrement=" + waitIncrement + ", maxWait=" + maxWait
                + ", resetWindow=" + resetWindow + ", permanentAfter="
                + (permanentLockAfter.isPresent() ? Integer.toString(permanentLockAfter.getAsInt()) : "never")
                + ", maxConsecutive=" + maxConsecutiveFailures + "]";
    }

    /**
     * Configures a {@link LockOutPolicy}, starting from the defaults. Setters reject out-of-range
     * values at once with {@link IllegalArgumentException} (configuration errors).
     */
    public static final class Builder {
        private int threshold = DEFAULT_THRESHOLD;
        private Duration waitIncrement = DEFAULT_WAIT_INCREMENT;
        private Duration maxWait = DEFAULT_MAX_WAIT;
        private Duration resetWindow = DEFAULT_RESET_WINDOW;
        private OptionalInt permanentLockAfter = OptionalInt.empty();
        private int maxConsecutiveFailures = MAX_CONSECUTIVE_FAILURES;

        private Builder() {
        }

        /**
         * Failures before the first lock-out; default {@value #DEFAULT_THRESHOLD}, allowed 1 ..
         * {@value #MAX_THRESHOLD}, and at most {@link #maxConsecutiveFailures(int) maxConsecutiveFailures}.
         *
         * @param failures the failures value
         * @return this builder
         */
        public Builder threshold(int failures) {
            if (failures < 1 || failures > MAX_THRESHOLD) {
                throw new IllegalArgumentException("lock-out threshold must be 1 .. " + MAX_THRESHOLD
                        + " failures, was " + failures);
            }
            this.threshold = failures;
            return this;
        }

        /**
         * {@return the first wait and the step between waits; default 1 minute, allowed 1 second .. 1 day}
         *
         * @param increment the increment value
         */
        public Builder waitIncrement(Duration increment) {
            this.waitIncrement = within(increment, Duration.ofSeconds(1), Duration.ofDays(1), "waitIncrement");
            return this;
        }

        /**
         * {@return the longest temporary wait; default 15 minutes, allowed 1 second .. 30 days, and at least waitIncrement}
         *
         * @param max the max value
         */
        public Builder maxWait(Duration max) {
            this.maxWait = within(max, Duration.ofSeconds(1), Duration.ofDays(30), "maxWait");
            return this;
        }

        /**
         * {@return how long failures are remembered from the first one; default 12 hours, allowed 1 minute .. 365 days}
         *
         * @param window the window value
         */
        public Builder resetWindow(Duration window) {
            this.resetWindow = within(window, Duration.ofMinutes(1), Duration.ofDays(365), "resetWindow");
            return this;
        }

        /**
         * Makes the lock-out after {@code temporaryLockOuts} temporary ones (in one window)
         * permanent; {@code 0} locks permanently at the threshold. Default: never. Allowed 0 .. 1000.
         *
         * @param temporaryLockOuts the temporary lock outs
         * @return this builder
         */
        public Builder permanentLockAfter(int temporaryLockOuts) {
            if (temporaryLockOuts < 0 || temporaryLockOuts > 1000) {
                throw new IllegalArgumentException("permanentLockAfter must be 0 .. 1000 temporary lock-outs, was "
                        + temporaryLockOuts);
            }
            this.permanentLockAfter = OptionalInt.of(temporaryLockOuts);
            return this;
        }

        /**
         * Failures in a row (since the person's last successful login, however spread over time)
         * after which the person is locked permanently, until {@link LoginService#clearLockOut}.
         * Default and largest allowed: {@value #MAX_CONSECUTIVE_FAILURES} (NIST SP 800-63B §5.2.2
         * allows no more than 100); at least the threshold. A lower cap trades more help-desk calls
         * for fewer guesses.
         *
         * @param failures the failures value
         * @return this builder
         */
        public Builder maxConsecutiveFailures(int failures) {
            if (failures < 1 || failures > MAX_CONSECUTIVE_FAILURES) {
                throw new IllegalArgumentException("maxConsecutiveFailures must be 1 .. " + MAX_CONSECUTIVE_FAILURES
                        + " (NIST SP 800-63B §5.2.2 allows no more than 100 consecutive failures), was " + failures);
            }
            this.maxConsecutiveFailures = failures;
            return this;
        }

        /**
         * {@return the policy}
         *
         * @throws IllegalArgumentException if maxWait is shorter than waitIncrement, or
         *                                  maxConsecutiveFailures is below the threshold
         */
        public LockOutPolicy build() {
            if (maxWait.compareTo(waitIncrement) < 0) {
                throw new IllegalArgumentException("maxWait " + maxWait + " is shorter than waitIncrement " + waitIncrement);
            }
            if (maxConsecutiveFailures < threshold) {
                throw new IllegalArgumentException("maxConsecutiveFailures " + maxConsecutiveFailures
                        + " is below the threshold " + threshold + ": the temporary lock-outs would never apply");
            }
            return new LockOutPolicy(this);
        }

        private static Duration within(Duration d, Duration min, Duration max, String name) {
            Objects.requireNonNull(d, name);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + d);
            }
            return d;
        }
    }
}
