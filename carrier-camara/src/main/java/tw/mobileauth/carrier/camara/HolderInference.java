package tw.mobileauth.carrier.camara;

import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;

/**
 * For profiles whose only hint about the holder is the contract type (CHT's KYC Tenure, FET's
 * segment): a business contract is held by an enterprise, a prepaid or postpaid one by a person,
 * and the holder of an unreadable contract is unknown. This is a rule of those profiles, not a
 * guess: those carriers report every business line as a business contract ({@code Business},
 * {@code BIZ}), so every other line is a personal contract. Use it only for a profile where that
 * holds, and say so in the profile's Javadoc.
 */
public final class HolderInference {

    private HolderInference() {
    }

    /**
     * {@return ENTERPRISE for BUSINESS, UNKNOWN for UNKNOWN, PERSONAL otherwise}
     *
     * @param contract the contract value
     */
    public static HolderType fromContract(ContractType contract) {
        switch (contract) {
            case BUSINESS:
                return HolderType.ENTERPRISE;
            case UNKNOWN:
                return HolderType.UNKNOWN;
            default:
                return HolderType.PERSONAL;
        }
    }
}
