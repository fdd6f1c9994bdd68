package tw.mobileauth.carrier.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a carrier knows of the latest SIM change. Carriers with {@link Capability#SIM_SWAP_DATE}
 * give a date; those with only {@link Capability#SIM_SWAP_CHECK} give a bound, so this type keeps
 * both and answers {@link #changedWithin(Duration, Instant)} only as precisely as it can.
 */
public final class SimSwapInfo {

    private final Optional<Instant> latestSimChange;
    private final Optional<Duration> monitoredPeriod;
    private final Optional<Duration> noChangeWithin;
    private final Optional<Duration> changedWithin;

    private SimSwapInfo(Optional<Instant> latestSimChange, Optional<Duration> monitoredPeriod,
            Optional<Duration> noChangeWithin, Optional<Duration> changedWithin) {
        this.latestSimChange = latestSimChange;
        this.monitoredPeriod = monitoredPeriod;
        this.noChangeWithin = noChangeWithin;
        this.changedWithin = changedWithin;
    }

    /**
     * {@return a dated answer (CAMARA {@code retrieve-date})}
     *
     * @param latestSimChange the latest change; empty when none happened in the monitored period
     * @param monitoredPeriod how far back the carrier looks, when it says; positive
     * @throws IllegalArgumentException if {@code monitoredPeriod} is zero or negative
     */
    public static SimSwapInfo dated(Optional<Instant> latestSimChange, Optional<Duration> monitoredPeriod) {
        Objects.requireNonNull(latestSimChange, "latestSimChange");
        Objects.requireNonNull(monitoredPeriod, "monitoredPeriod");
        monitoredPeriod.ifPresent(p -> positive(p, "monitoredPeriod"));
        return new SimSwapInfo(latestSimChange, monitoredPeriod, Optional.empty(), Optional.empty());
    }

    /**
     * {@return a bound: no SIM change happened within {@code period} before the check}
     *
     * @param period the period value
     * @throws IllegalArgumentException if {@code period} is zero or negative
     */
    public static SimSwapInfo noChangeWithin(Duration period) {
        positive(period, "period");
        return new SimSwapInfo(Optional.empty(), Optional.of(period), Optional.of(period), Optional.empty());
    }

    /**
     * {@return a bound: a SIM change happened within {@code period} before the check}
     *
     * @param period the period value
     * @throws IllegalArgumentException if {@code period} is zero or negative
     */
    public static SimSwapInfo changedWithin(Duration period) {
        positive(period, "period");
        return new SimSwapInfo(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(period));
    }

    /**
     * {@return two bounds from repeated checks: a SIM change happened within {@code changedWithin} before
     * the check, but none within {@code noChangeWithin}} For example, checks of 720 h (swapped)
     * and 168 h (not swapped) give {@code changedBetween(168h, 720h)}: "no change in the last
     * 7 days" is then certain, "a change in the last 30 days" too.
     *
     * @param noChangeWithin the no change within
     * @param changedWithin the changed within
     * @throws IllegalArgumentException unless {@code 0 < noChangeWithin < changedWithin}
     */
    public static SimSwapInfo changedBetween(Duration noChangeWithin, Duration changedWithin) {
        positive(noChangeWithin, "noChangeWithin");
        positive(changedWithin, "changedWithin");
        if (noChangeWithin.compareTo(changedWithin) >= 0) {
            throw new IllegalArgumentException("noChangeWithin (" + noChangeWithin
                    + ") must be shorter than changedWithin (" + changedWithin + ")");
        }
        return new SimSwapInfo(Optional.empty(), Optional.empty(), Optional.of(noChangeWithin),
                Optional.of(changedWithin));
    }

    /** {@return the exact date of the latest change, when the carrier gave one} */
    public Optional<Instant> latestSimChange() {
        return latestSimChange;
    }

    /** {@return how far back the carrier looked, when known} */
    public Optional<Duration> monitoredPeriod() {
        return monitoredPeriod;
    }

    /** {@return the longest period known to be free of SIM changes, for an answer built from checks} */
    public Optional<Duration> knownNoChangeWithin() {
        return noChangeWithin;
    }

    /** {@return the shortest period known to contain a SIM change, for an answer built from checks} */
    public Optional<Duration> knownChangeWithin() {
        return changedWithin;
    }

    /**
     * {@return whether a SIM change happened within {@code window} before {@code now}: {@code Optional.of(true)}
     * or {@code Optional.of(false)} when the answer is certain, empty when the carrier's answer is too
     * coarse to tell} Bounds from checks are taken as measured at {@code now}.
     *
     * @param window the window value
     * @param now the current instant
     */
    public Optional<Boolean> changedWithin(Duration window, Instant now) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(now, "now");
        if (changedWithin.isPresent() || noChangeWithin.isPresent()) {
            if (changedWithin.isPresent() && changedWithin.get().compareTo(window) <= 0) {
                return Optional.of(true);
            }
            if (noChangeWithin.isPresent() && noChangeWithin.get().compareTo(window) >= 0) {
                return Optional.of(false);
            }
            return Optional.empty();
        }
        // A dated answer. No date means no change in the monitored period, or ever when no period is given.
        if (latestSimChange.isPresent()) {
            return Optional.of(!latestSimChange.get().isBefore(now.minus(window)));
        }
        if (monitoredPeriod.isEmpty() || monitoredPeriod.get().compareTo(window) >= 0) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimSwapInfo s && latestSimChange.equals(s.latestSimChange)
                && monitoredPeriod.equals(s.monitoredPeriod) && noChangeWithin.equals(s.noChangeWithin)
                && changedWithin.equals(s.changedWithin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(latestSimChange, monitoredPeriod, noChangeWithin, changedWithin);
    }

    @Override
    public String toString() {
        return "SimSwapInfo[latest=" + latestSimChange.map(Instant::toString).orElse("-")
                + ", monitored=" + monitoredPeriod.map(Duration::toString).orElse("-")
                + ", noChangeWithin=" + noChangeWithin.map(Duration::toString).orElse("-")
                + ", changedWithin=" + changedWithin.map(Duration::toString).orElse("-") + "]";
    }
}
