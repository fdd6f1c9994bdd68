package tw.mobileauth.testing.eligibility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tw.mobileauth.eligibility.AccessNetwork;
import tw.mobileauth.eligibility.ContractType;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.FactName;
import tw.mobileauth.eligibility.HolderType;
import tw.mobileauth.eligibility.LineRole;
import tw.mobileauth.eligibility.ReasonCode;
import tw.mobileauth.eligibility.Roaming;
import tw.mobileauth.eligibility.SimChangeAge;
import tw.mobileauth.identity.IdClass;

/**
 * An independent, deliberately plain reading of the BLI seed conditions (docs/journey.md, "Who is eligible"; docs/eligibility.md), written
 * without the policy's rule classes: plain nullable locals and booleans, one {@code if} per
 * condition. The properties compare the real policy against it.
 *
 * <p>The SIM-change age is a range: the SIM changed at least {@code earliest} and at most
 * {@code latest} ago ({@code latest} null when unbounded). Held back if the whole range lies inside
 * the window, let through if the whole range lies outside it, and otherwise still missing.
 */
final class SeedConditionsOracle {

    /** What the oracle expects: the violated reasons and the facts still needed, both in enum order. */
    record Expected(List<ReasonCode> violated, List<FactName> missing) {
    }

    private final boolean residentsAllowed;
    private final Duration noSimChangeWithin;

    private SeedConditionsOracle(boolean residentsAllowed, Duration noSimChangeWithin) {
        this.residentsAllowed = residentsAllowed;
        this.noSimChangeWithin = noSimChangeWithin;
    }

    /** The BLI portal: citizens only, no SIM-change rule. */
    static SeedConditionsOracle standard() {
        return new SeedConditionsOracle(false, null);
    }

    /** A portal that accepts residents too and holds back SIMs changed within {@code window}. */
    static SeedConditionsOracle residentsAllowedWithNoSimChangeWithin(Duration window) {
        return new SeedConditionsOracle(true, window);
    }

    /** For fully known facts: does the applicant meet every condition? One boolean expression. */
    boolean eligible(EligibilityFacts f) {
        IdClass id = value(f.idClass().asOptional());
        String carrier = value(f.carrier().asOptional());
        ContractType contract = value(f.contractType().asOptional());
        HolderType holder = value(f.holderType().asOptional());
        LineRole role = value(f.lineRole().asOptional());
        Boolean mvno = value(f.mvno().asOptional());
        AccessNetwork network = value(f.accessNetwork().asOptional());
        Roaming roaming = value(f.roaming().asOptional());
        DeviceClass device = value(f.deviceClass().asOptional());
        SimChangeAge sinceSimChange = value(f.timeSinceSimChange().asOptional());
        return (residentsAllowed ? id != null : id == IdClass.CITIZEN)
                && ("cht".equals(carrier) || "twm".equals(carrier) || "fet".equals(carrier))
                && contract == ContractType.POSTPAID
                && holder == HolderType.PERSONAL
                && role == LineRole.PRIMARY
                && Boolean.FALSE.equals(mvno)
                && (network == AccessNetwork.G4 || network == AccessNetwork.G5)
                && roaming != null && !roaming.isRoaming()
                && (device == DeviceClass.SMARTPHONE || device == DeviceClass.TABLET_WITH_SIM)
                && (noSimChangeWithin == null
                        || sinceSimChange != null && sinceSimChange.atLeast().compareTo(noSimChangeWithin) >= 0);
    }

    /** For any facts: which conditions are broken, and which facts are missing. */
    Expected expect(EligibilityFacts f) {
        boolean[] broken = new boolean[ReasonCode.values().length];
        boolean[] missing = new boolean[FactName.values().length];

        IdClass id = value(f.idClass().asOptional());
        if (id == null) {
            missing[FactName.ID_CLASS.ordinal()] = true;
        } else if (!residentsAllowed && id != IdClass.CITIZEN) {
            broken[ReasonCode.ID_NOT_CITIZEN.ordinal()] = true;
        }

        String carrier = value(f.carrier().asOptional());
        if (carrier == null) {
            missing[FactName.CARRIER.ordinal()] = true;
        } else if (!carrier.equals("cht") && !carrier.equals("twm") && !carrier.equals("fet")) {
            broken[ReasonCode.CARRIER_NOT_SUPPORTED.ordinal()] = true;
        }

        ContractType contract = value(f.contractType().asOptional());
        if (contract == null) {
            missing[FactName.CONTRACT_TYPE.ordinal()] = true;
        } else if (contract == ContractType.PREPAID) {
            broken[ReasonCode.CONTRACT_PREPAID.ordinal()] = true;
        } else if (contract == ContractType.BUSINESS) {
            broken[ReasonCode.CONTRACT_BUSINESS.ordinal()] = true;
        }

        HolderType holder = value(f.holderType().asOptional());
        if (holder == null) {
            missing[FactName.HOLDER_TYPE.ordinal()] = true;
        } else if (holder == HolderType.ENTERPRISE) {
            broken[ReasonCode.HOLDER_ENTERPRISE.ordinal()] = true;
        }

        LineRole role = value(f.lineRole().asOptional());
        if (role == null) {
            missing[FactName.LINE_ROLE.ordinal()] = true;
        } else if (role == LineRole.PARENT_CHILD) {
            broken[ReasonCode.LINE_PARENT_CHILD.ordinal()] = true;
        } else if (role == LineRole.FAMILY_SUB_LINE) {
            broken[ReasonCode.LINE_FAMILY_SUB_LINE.ordinal()] = true;
        } else if (role == LineRole.SECONDARY_MULTI_SIM) {
            broken[ReasonCode.LINE_SECONDARY.ordinal()] = true;
        }

        Boolean mvno = value(f.mvno().asOptional());
        if (mvno == null) {
            missing[FactName.MVNO.ordinal()] = true;
        } else if (mvno) {
            broken[ReasonCode.MVNO_LINE.ordinal()] = true;
        }

        AccessNetwork network = value(f.accessNetwork().asOptional());
        if (network == null) {
            missing[FactName.ACCESS_NETWORK.ordinal()] = true;
        } else if (network == AccessNetwork.WIFI) {
            broken[ReasonCode.NETWORK_WIFI.ordinal()] = true;
        } else if (network == AccessNetwork.G2 || network == AccessNetwork.G3) {
            broken[ReasonCode.NETWORK_LEGACY_GENERATION.ordinal()] = true;
        }

        Roaming roaming = value(f.roaming().asOptional());
        if (roaming == null) {
            missing[FactName.ROAMING.ordinal()] = true;
        } else if (roaming.isRoaming()) {
            broken[ReasonCode.ROAMING.ordinal()] = true;
        }

        DeviceClass device = value(f.deviceClass().asOptional());
        if (device == null) {
            missing[FactName.DEVICE_CLASS.ordinal()] = true;
        } else if (device != DeviceClass.SMARTPHONE && device != DeviceClass.TABLET_WITH_SIM) {
            broken[ReasonCode.DEVICE_NOT_SMARTPHONE.ordinal()] = true;
        }

        if (noSimChangeWithin != null) {
            SimChangeAge since = value(f.timeSinceSimChange().asOptional());
            Duration earliest = since == null ? null : since.atLeast();
            Duration latest = since == null ? null : value(since.atMost());
            if (since == null) {
                missing[FactName.TIME_SINCE_SIM_CHANGE.ordinal()] = true;
            } else if (latest != null && latest.compareTo(noSimChangeWithin) < 0) {
                broken[ReasonCode.RECENT_SIM_SWAP.ordinal()] = true;
            } else if (earliest.compareTo(noSimChangeWithin) < 0) {
                missing[FactName.TIME_SINCE_SIM_CHANGE.ordinal()] = true;
            }
        }

        List<ReasonCode> violated = new ArrayList<>();
        for (ReasonCode code : ReasonCode.values()) {
            if (broken[code.ordinal()]) {
                violated.add(code);
            }
        }
        List<FactName> needed = new ArrayList<>();
        if (violated.isEmpty()) {
            for (FactName name : FactName.values()) {
                if (missing[name.ordinal()]) {
                    needed.add(name);
                }
            }
        }
        return new Expected(violated, needed);
    }

    private static <T> T value(Optional<T> optional) {
        return optional.orElse(null);
    }
}
