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
     * Time since the last SIM change: exact with a dated answer; with "no change in the monitored
     * period" the period itself (a lower bound, which is what a "no swap within N" rule needs);
     * unknown otherwise.
     */
    static EligibilityFacts withSimSwap(EligibilityFacts facts, SimSwapInfo info, Instant now) {
        if (info.latestSimChange().isPresent()) {
            Duration since = Duration.between(info.latestSimChange().get(), now);
            return facts.withTimeSinceSimChange(since.isNegative() ? Duration.ZERO : since);
        }
        if (info.monitoredPeriod().isPresent() && info.changedWithin(info.monitoredPeriod().get(), now)
                .filter(changed -> !changed).isPresent()) {
            return facts.withTimeSinceSimChange(info.monitoredPeriod().get());
        }
        return facts;
    }
}
