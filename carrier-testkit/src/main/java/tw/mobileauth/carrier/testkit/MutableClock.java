package tw.mobileauth.carrier.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock tests move by hand, so that expiry is tested without sleeping. Thread-safe: the fake
 * networks read it on their own threads while the test moves it.
 *
 * <p>Two kinds:
 * <ul>
 *   <li>{@link #at(Instant)}: frozen; time moves only by {@link #advance(Duration)} and
 *       {@link #set(Instant)}.</li>
 *   <li>{@link #ticking()}: follows real time (so HTTP time-outs and deadlines behave) plus
 *       whatever the test added with {@link #advance(Duration)}. The conformance kit uses this one.</li>
 * </ul>
 * The zone is UTC unless {@link #withZone(ZoneId)} gives a view in another zone; views share the
 * same time.
 */
public final class MutableClock extends Clock {

    private final State state;
    private final ZoneId zone;

    private static final class State {
        private final boolean ticking;
        private Instant base;
        private long baseNanos;

        State(boolean ticking, Instant base) {
            this.ticking = ticking;
            this.base = base;
            this.baseNanos = System.nanoTime();
        }

        synchronized Instant now() {
            return ticking ? base.plusNanos(System.nanoTime() - baseNanos) : base;
        }

        synchronized void set(Instant instant) {
            base = instant;
            baseNanos = System.nanoTime();
        }

        synchronized void advance(Duration d) {
            set(now().plus(d));
        }
    }

    private MutableClock(State state, ZoneId zone) {
        this.state = state;
        this.zone = zone;
    }

    /**
     * {@return a frozen clock showing {@code start} until moved}
     *
     * @param start the start value
     */
    public static MutableClock at(Instant start) {
        return new MutableClock(new State(false, Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /** {@return a clock that starts at the system time and then follows real time plus every {@link #advance}} */
    public static MutableClock ticking() {
        return new MutableClock(new State(true, Instant.now()), ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward.
     *
     * @param amount the amount value
     * @throws IllegalArgumentException if {@code amount} is negative (use {@link #set(Instant)} to go back)
     */
    public void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("advance() moves forward only; use set(Instant) to go back, was "
                    + amount);
        }
        state.advance(amount);
    }

    /**
     * Puts the clock at {@code instant}; a ticking clock goes on ticking from there.
     *
     * @param instant the instant value
     */
    public void set(Instant instant) {
        state.set(Objects.requireNonNull(instant, "instant"));
    }

    /** {@return whether this clock follows real time between moves} */
    public boolean isTicking() {
        return state.ticking;
    }

    @Override
    public Instant instant() {
        return state.now();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view of the same time in {@code zone}; moving either moves both. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(state, Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public String toString() {
        return "MutableClock[" + instant() + (state.ticking ? ", ticking" : ", frozen") + "]";
    }
}
