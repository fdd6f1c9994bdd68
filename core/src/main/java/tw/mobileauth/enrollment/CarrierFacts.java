package tw.mobileauth.enrollment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;
import tw.mobileauth.eligibility.AccessNetwork;
import tw.mobileauth.eligibility.ContractType;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.HolderType;
import tw.mobileauth.eligibility.LineRole;
import tw.mobileauth.eligibility.Roaming;
import tw.mobileauth.eligibility.SimChangeAge;

/**
 * Maps what the carrier reported onto {@link EligibilityFacts}. An {@code UNKNOWN} from the
 * carrier stays unknown, so the policy can answer UNDETERMINED rather than guess.
 */
final class CarrierFacts {

    private CarrierFacts() {
    }

    static EligibilityFacts withNetwork(EligibilityFacts facts, String access, boolean roaming,
            Optional<Integer> visitedCountry) {
        EligibilityFacts f = facts;
        switch (access) {
            case "G2" -> f = f.withAccessNetwork(AccessNetwork.G2);
            case "G3" -> f = f.withAccessNetwork(AccessNetwork.G3);
            case "G4" -> f = f.withAccessNetwork(AccessNetwork.G4);
            case "G5" -> f = f.withAccessNetwork(AccessNetwork.G5);
            default -> {
                // UNKNOWN: leave the fact unknown
            }
        }
        return f.withRoaming(roaming
                ? visitedCountry.map(c -> Roaming.roamingIn(Integer.toString(c))).orElse(Roaming.roaming())
                : Roaming.notRoaming());
    }

    static EligibilityFacts withAttributes(EligibilityFacts facts, SubscriptionAttributes a) {
        EligibilityFacts f = facts;
        switch (a.contractType()) {
            case POSTPAID -> f = f.withContractType(ContractType.POSTPAID);
            case PREPAID -> f = f.withContractType(ContractType.PREPAID);
            case BUSINESS -> f = f.withContractType(ContractType.BUSINESS);
            default -> {
                // unknown
            }
        }
        switch (a.holderType()) {
            case PERSONAL -> f = f.withHolderType(HolderType.PERSONAL);
            case ENTERPRISE -> f = f.withHolderType(HolderType.ENTERPRISE);
            default -> {
                // unknown
            }
        }
        switch (a.lineRole()) {
            case PRIMARY -> f = f.withLineRole(LineRole.PRIMARY);
            case PARENT_CHILD -> f = f.withLineRole(LineRole.PARENT_CHILD);
            case FAMILY_SUB_LINE -> f = f.withLineRole(LineRole.FAMILY_SUB_LINE);
            case SECONDARY_MULTI_SIM -> f = f.withLineRole(LineRole.SECONDARY_MULTI_SIM);
            default -> {
                // unknown
            }
        }
        switch (a.mvno()) {
            case YES -> f = f.withMvno(true);
            case NO -> f = f.withMvno(false);
            default -> {
                // unknown
            }
        }
        return f;
    }

    /**
     * Narrows the time since the last SIM change by what the carrier reported, as a range
     * ({@link SimChangeAge}) that claims no more than the answer says:
     * <ul>
     *   <li>a date: exactly {@code now} minus that date (zero if the date is in the future);</li>
     *   <li>"a change within N" ({@link SimSwapInfo#knownChangeWithin()}): at most N;</li>
     *   <li>"no change within N" ({@link SimSwapInfo#knownNoChangeWithin()}): at least N; with both
     *       bounds, between the two;</li>
     *   <li>a dated answer without a date, for a monitored period P: at least P (the change may
     *       have been just before the period, so this is no exact age);</li>
     *   <li>a dated answer without a date or a period: the carrier reports no change ever,
     *       {@link SimChangeAge#noChangeReported()}.</li>
     * </ul>
     * The range is intersected with what {@code facts} already knew ({@link EligibilityFacts#refinedBy}),
     * so a second answer only narrows it.
     */
    static EligibilityFacts withSimSwap(EligibilityFacts facts, SimSwapInfo info, Instant now) {
        return facts.refinedBy(EligibilityFacts.builder().timeSinceSimChange(simChangeAge(info, now)).build());
    }

    private static SimChangeAge simChangeAge(SimSwapInfo info, Instant now) {
        if (info.latestSimChange().isPresent()) {
            return SimChangeAge.exact(Duration.between(info.latestSimChange().get(), now));
        }
        Optional<Duration> noChange = info.knownNoChangeWithin();
        Optional<Duration> changed = info.knownChangeWithin();
        if (noChange.isPresent() && changed.isPresent()) {
            return SimChangeAge.between(noChange.get(), changed.get());
        }
        if (changed.isPresent()) {
            return SimChangeAge.atMost(changed.get());
        }
        if (noChange.isPresent()) {
            return SimChangeAge.atLeast(noChange.get());
        }
        return info.monitoredPeriod().map(SimChangeAge::atLeast).orElse(SimChangeAge.noChangeReported());
    }
}
