package tw.mobileauth.carrier.twm;

import java.time.Duration;
import java.util.Arrays;
import tw.mobileauth.carrier.camara.SimSwapApi;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.SimSwapInfo;

/**
 * Turns "swapped within N hours?" checks into the tightest {@link SimSwapInfo} a few calls can
 * give. It asks the longest window first; if no swap, that is the answer. Otherwise it bisects a
 * ladder of shorter windows for the shortest one that still saw a swap, and reports both bounds.
 *
 * <p>With the standard ladder 24 / 72 / 168 / 720 hours it makes at most three checks, e.g.
 * 720 yes, 72 no, 168 yes → a swap between 3 and 7 days ago ({@code changedBetween(72h, 168h)}).
 */
final class SimSwapBisection {

    /** 1, 3, 7 and 30 days: the windows eligibility policies ask about. */
    static final SimSwapBisection STANDARD = new SimSwapBisection(24, 72, 168, SimSwapApi.MAX_AGE_HOURS);

    /** One check. */
    @FunctionalInterface
    interface Check {
        boolean swapped(int maxAgeHours) throws CarrierException;
    }

    private final int[] ladder;

    /** @param hours strictly increasing windows, the last one the longest the carrier allows */
    SimSwapBisection(int... hours) {
        this.ladder = hours.clone();
        for (int i = 1; i < ladder.length; i++) {
            if (ladder[i] <= ladder[i - 1]) {
                throw new IllegalArgumentException("windows must increase: " + Arrays.toString(hours));
            }
        }
    }

    SimSwapInfo info(Check check) throws CarrierException {
        int top = ladder.length - 1;
        if (!check.swapped(ladder[top])) {
            return SimSwapInfo.noChangeWithin(hours(top));
        }
        int noSwap = -1;
        int swap = top;
        while (swap - noSwap > 1) {
            int mid = (noSwap + swap) >>> 1;
            if (check.swapped(ladder[mid])) {
                swap = mid;
            } else {
                noSwap = mid;
            }
        }
        return noSwap < 0 ? SimSwapInfo.changedWithin(hours(swap)) : SimSwapInfo.changedBetween(hours(noSwap), hours(swap));
    }

    private Duration hours(int index) {
        return Duration.ofHours(ladder[index]);
    }
}
