package tw.mobileauth.eligibility;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long ago the line's SIM card last changed, as a range: at least {@link #atLeast()}, and at
 * most {@link #atMost()} when that is known.
 *
 * <p>Carriers answer this question with different precision, and a rule must not read more into
 * an answer than it says:
 *
 * <table>
 *   <caption>Carrier answers and their ranges</caption>
 *   <tr><th>the carrier says</th><th>range</th><th>factory</th></tr>
 *   <tr><td>the SIM changed on date D</td><td>exactly now − D</td><td>{@link #exact(Duration)}</td></tr>
 *   <tr><td>no change in the last N (or in its monitored period N)</td><td>N or more</td><td>{@link #atLeast(Duration)}</td></tr>
 *   <tr><td>a change in the last N</td><td>zero to N</td><td>{@link #atMost(Duration)}</td></tr>
 *   <tr><td>a change in the last M but none in the last N</td><td>N to M</td><td>{@link #between(Duration, Duration)}</td></tr>
 *   <tr><td>no change ever</td><td>{@value #NO_CHANGE_REPORTED_DAYS} days or more</td><td>{@link #noChangeReported()}</td></tr>
 * </table>
 *
 * <p>For example "no change in the monitored 1 day" is {@code atLeast(1 day)}: it does not mean
 * the SIM changed exactly a day ago, so a rule "no SIM change within 72 hours" can neither accept
 * nor reject it (see {@link EligibilityRules#noSimChangeWithin(Duration)}).
 *
 * <p><b>Learning narrows the range.</b> {@link #refinedBy(SimChangeAge)} intersects two answers,
 * so every age a later answer rules out stays ruled out. That is what keeps the eligibility
 * decision monotone (docs/eligibility.md): learning more about the SIM can never turn INELIGIBLE into
 * ELIGIBLE.
 *
 * <p>Every bound is measured at the same moment, the moment of the decision; negative durations
 * (clock skew, a change "in the future") become zero. Immutable; holds no personal data.
 */
public final class SimChangeAge {

    /**
     * The lower bound of {@link #noChangeReported()}, in days: 100 years, longer than any SIM card
     * has existed, so any realistic "no SIM change within" window is shorter and the rule is
     * satisfied.
     */
    public static final long NO_CHANGE_REPORTED_DAYS = 36_525L;

    private static final Duration NO_CHANGE_REPORTED_BOUND = Duration.ofDays(NO_CHANGE_REPORTED_DAYS);
    private static final SimChangeAge NO_CHANGE_REPORTED = new SimChangeAge(NO_CHANGE_REPORTED_BOUND, Optional.empty());

    private final Duration atLeast;
    private final Optional<Duration> atMost;

    private SimChangeAge(Duration atLeast, Optional<Duration> atMost) {
        this.atLeast = atLeast;
        this.atMost = atMost;
    }

    /**
     * {@return the SIM changed exactly {@code age} ago (a dated carrier answer)} A negative age becomes zero.
     *
     * @param age how long ago, never null
     */
    public static SimChangeAge exact(Duration age) {
        Duration d = notNegative(age, "age");
        return new SimChangeAge(d, Optional.of(d));
    }

    /**
     * {@return no SIM change within {@code bound}: the SIM changed {@code bound} ago or earlier, or never} A
     * negative bound becomes zero ({@code atLeast(Duration.ZERO)} says nothing).
     *
     * @param bound the lower bound, never null
     */
    public static SimChangeAge atLeast(Duration bound) {
        return new SimChangeAge(notNegative(bound, "bound"), Optional.empty());
    }

    /**
     * {@return a SIM change happened within {@code bound}: the SIM changed at most {@code bound} ago} A
     * negative bound becomes zero.
     *
     * @param bound the upper bound, never null
     */
    public static SimChangeAge atMost(Duration bound) {
        return new SimChangeAge(Duration.ZERO, Optional.of(notNegative(bound, "bound")));
    }

    /**
     * {@return the SIM changed between {@code atLeast} and {@code atMost} ago, both inclusive} Negative
     * bounds become zero.
     *
     * @param atLeast the lower bound, never null
     * @param atMost  the upper bound, never null, not below {@code atLeast}
     * @throws IllegalArgumentException if {@code atMost} is below {@code atLeast}
     */
    public static SimChangeAge between(Duration atLeast, Duration atMost) {
        Duration low = notNegative(atLeast, "atLeast");
        Duration high = notNegative(atMost, "atMost");
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException("atMost (" + atMost + ") must not be below atLeast (" + atLeast
                    + "); for an exact age use SimChangeAge.exact(age)");
        }
        return new SimChangeAge(low, Optional.of(high));
    }

    /**
     * {@return the carrier reports no SIM change at all, with no limit on how far back it looked:
     * {@code atLeast} {@value #NO_CHANGE_REPORTED_DAYS} days} One shared instance.
     */
    public static SimChangeAge noChangeReported() {
        return NO_CHANGE_REPORTED;
    }

    /** {@return the SIM changed at least this long ago; zero when nothing bounds it from below} Never negative. */
    public Duration atLeast() {
        return atLeast;
    }

    /**
     * {@return the SIM changed at most this long ago, when a change is known to have happened; never below {@link #atLeast()}}
     */
    public Optional<Duration> atMost() {
        return atMost;
    }

    /** {@return whether the age is known exactly: {@link #atMost()} is present and equals {@link #atLeast()}} */
    public boolean isExact() {
        return atMost.isPresent() && atMost.get().equals(atLeast);
    }

    /**
     * {@return what both answers together say: the intersection of the two ranges, so the result never
     * admits an age either answer rules out, and refining by an equal range changes nothing}
     * Commutative.
     *
     * <p>When the answers contradict each other (no age fits both), the range nearer the present
     * wins: evidence of a recent SIM change is never discarded, so a SIM-change rule fails safe.
     * Either way the result's {@link #atMost()} is never later than this range's, so a rule this
     * range violates stays violated.
     *
     * @param later the other answer, never null
     */
    public SimChangeAge refinedBy(SimChangeAge later) {
        Objects.requireNonNull(later, "later");
        Duration low = max(atLeast, later.atLeast);
        Optional<Duration> high = atMost.isEmpty() ? later.atMost
                : later.atMost.isEmpty() ? atMost
                : Optional.of(min(atMost.get(), later.atMost.get()));
        if (high.isEmpty() || low.compareTo(high.get()) <= 0) {
            return new SimChangeAge(low, high);
        }
        // Disjoint: one range lies wholly below the other, and only it can have the smaller upper bound.
        return high.equals(atMost) ? this : later;
    }

    /** Equal when both bounds are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SimChangeAge that && atLeast.equals(that.atLeast) && atMost.equals(that.atMost);
    }

    @Override
    public int hashCode() {
        return 31 * atLeast.hashCode() + atMost.hashCode();
    }

    /**
     * The range: {@code "PT72H"} when exact, {@code ">=PT24H"}, {@code "<=PT24H"},
     * {@code "PT24H..PT72H"}, or {@code "NO_CHANGE_REPORTED"}.
     */
    @Override
    public String toString() {
        if (this.equals(NO_CHANGE_REPORTED)) {
            return "NO_CHANGE_REPORTED";
        }
        if (atMost.isEmpty()) {
            return ">=" + atLeast;
        }
        if (isExact()) {
            return atLeast.toString();
        }
        return atLeast.isZero() ? "<=" + atMost.get() : atLeast + ".." + atMost.get();
    }

    private static Duration notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
