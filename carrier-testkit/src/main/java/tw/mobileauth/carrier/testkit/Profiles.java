package tw.mobileauth.carrier.testkit;

import java.util.List;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.LineRole;

/**
 * The per-carrier wire differences of docs/carrier-contract.md §3: which ids exist, how a fixture
 * subscriber's facts are written on each carrier's wire, and each carrier's suspension code.
 */
final class Profiles {

    static final List<String> IDS = List.of("cht", "twm", "fet");

    private Profiles() {
    }

    static boolean isKnown(String carrierId) {
        return carrierId != null && IDS.contains(carrierId);
    }

    static String displayName(String carrierId) {
        switch (carrierId) {
            case "cht": return "中華電信 Chunghwa Telecom";
            case "twm": return "台灣大哥大 Taiwan Mobile";
            case "fet": return "遠傳電信 FarEasTone";
            default: return carrierId;
        }
    }

    /** The 422 code a suspended line gets: CHT prefixes its own codes with {@code CHT.}. */
    static String suspendedCode(String carrierId) {
        return carrierId.equals("cht") ? "CHT.SUBSCRIBER_SUSPENDED" : "SERVICE_NOT_APPLICABLE";
    }

    private static boolean enterprise(Subscriber s) {
        return s.holderType() == HolderType.ENTERPRISE || s.contractType() == ContractType.BUSINESS;
    }

    /** CHT KYC Tenure {@code contractType}: an enterprise line can only be written {@code Business}. */
    static String chtContractType(Subscriber s) {
        if (enterprise(s)) {
            return "Business";
        }
        return s.contractType() == ContractType.PREPAID ? "PAYG" : "PAYM";
    }

    /** CHT line profile {@code lineType}. */
    static String chtLineType(Subscriber s) {
        if (s.lineRole() == LineRole.PARENT_CHILD) {
            return "PARENT_CHILD";
        }
        return s.lineRole() == LineRole.FAMILY_SUB_LINE ? "FAMILY" : "MAIN";
    }

    /** TWM {@code billingType}: TWM has no business billing, an enterprise contract is billed POSTPAID. */
    static String twmBillingType(Subscriber s) {
        return s.contractType() == ContractType.PREPAID ? "PREPAID" : "POSTPAID";
    }

    /** TWM {@code customerType}. */
    static String twmCustomerType(Subscriber s) {
        return enterprise(s) ? "CORPORATE" : "PERSONAL";
    }

    /**
     * TWM {@code familyPlanRole}. Both OWNER and NONE mean a primary line; the ELIGIBLE line is a
     * family plan's OWNER and every other primary line is NONE, so an adapter meets both.
     */
    static String twmFamilyPlanRole(Subscriber s) {
        switch (s.lineRole()) {
            case PARENT_CHILD: return "CHILD";
            case FAMILY_SUB_LINE: return "MEMBER";
            default: return s.scenario() == Scenario.ELIGIBLE ? "OWNER" : "NONE";
        }
    }

    /** FET {@code x-fet-subscriber.segment}. */
    static String fetSegment(Subscriber s) {
        if (enterprise(s)) {
            return "BIZ";
        }
        return s.contractType() == ContractType.PREPAID ? "PAYG" : "PAYM";
    }

    /** FET {@code x-fet-subscriber.lineRole}. */
    static String fetLineRole(Subscriber s) {
        if (s.lineRole() == LineRole.PARENT_CHILD) {
            return "CHILD";
        }
        return s.lineRole() == LineRole.FAMILY_SUB_LINE ? "MEMBER" : "PRIMARY";
    }
}
