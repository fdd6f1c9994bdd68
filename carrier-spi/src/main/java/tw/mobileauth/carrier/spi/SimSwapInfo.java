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
     * A dated answer (CAMARA {@code retrieve-date}).
     *
     * @param latestSimChange the latest change; empty when none happened in the monitored period
     * @param monitoredPeriod how far back the carrier looks, when it says
     */
    public static SimSwapInfo dated(Optional<Instant> latestSimChange, Optional<Duration> monitoredPeriod) {
        return new SimSwapInfo(Objects.requireNonNull(latestSimChange), Objects.requireNonNull(monitoredPeriod),
                Optional.empty(), Optional.empty());
    }

    /** A bound: no SIM change happened within {@code period} before the check. */
    public static SimSwapInfo noChangeWithin(Duration period) {
        return new SimSwapInfo(Optional.empty(), Optional.of(period), Optional.of(period), Optional.empty());
    }

    /** A bound: a SIM change happened within {@code period} before the check. */
    public static SimSwapInfo changedWithin(Duration period) {
        return new SimSwapInfo(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(period));
    }

    /** The exact date of the latest change, when the carrier gave one. */
    public Optional<Instant> latestSimChange() {
        return latestSimChange;
    }

    /** How far back the carrier looked, when known. */
    public Optional<Duration> monitoredPeriod() {
        return monitoredPeriod;
    }

    /**
     * Whether a SIM change happened within {@code window} before {@code now}: {@code Optional.of(true)}
     * or {@code Optional.of(false)} when the answer is certain, empty when the carrier's answer is too
     * coarse to tell.
     */
    public Optional<Boolean> changedWithin(Duration window, Instant now) {
        if (changedWithin.isPresent()) {
            return changedWithin.get().compareTo(window) <= 0 ? Optional.of(true) : Optional.empty();
        }
        if (noChangeWithin.isPresent()) {
            return noChangeWithin.get().compareTo(window) >= 0 ? Optional.of(false) : Optional.empty();
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
