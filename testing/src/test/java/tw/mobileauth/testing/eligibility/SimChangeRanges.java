package tw.mobileauth.testing.eligibility;

import java.time.Duration;
import tw.mobileauth.eligibility.SimChangeAge;

/** Membership tests for SIM-change ranges, written from the bounds alone. */
final class SimChangeRanges {

    private SimChangeRanges() {
    }

    /** Whether every age {@code inner} admits, {@code outer} admits too. */
    static boolean within(SimChangeAge inner, SimChangeAge outer) {
        return inner.atLeast().compareTo(outer.atLeast()) >= 0
                && (outer.atMost().isEmpty()
                        || inner.atMost().isPresent() && inner.atMost().get().compareTo(outer.atMost().get()) <= 0);
    }

    /** Whether {@code range} admits the exact age {@code age}. */
    static boolean admits(SimChangeAge range, Duration age) {
        return age.compareTo(range.atLeast()) >= 0
                && (range.atMost().isEmpty() || age.compareTo(range.atMost().get()) <= 0);
    }
}
