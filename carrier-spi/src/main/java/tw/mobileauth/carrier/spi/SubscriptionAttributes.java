package tw.mobileauth.carrier.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The subscription facts that decide eligibility. Any of them may be {@code UNKNOWN}; core then
 * decides (usually: undetermined, not eligible).
 *
 * @param contractType postpaid, prepaid or business
 * @param holderType   personal or enterprise
 * @param lineRole     primary, parent-child, family sub-line, secondary SIM
 * @param mvno         whether an MVNO owns the customer
 * @param mvnoBrand    the MVNO's brand, when the carrier names it
 * @param asOf         when the carrier read these facts
 */
public record SubscriptionAttributes(ContractType contractType, HolderType holderType, LineRole lineRole,
        MvnoStatus mvno, Optional<String> mvnoBrand, Instant asOf) {

    /**
     * Checks the components; none may be null (use {@code UNKNOWN} and {@code Optional.empty()}).
     *
     * @param contractType the contract type
     * @param holderType the holder type
     * @param lineRole the line role
     * @param mvno the mvno value
     * @param mvnoBrand the mvno brand
     * @param asOf the as of
     */
    public SubscriptionAttributes {
        Objects.requireNonNull(contractType, "contractType");
        Objects.requireNonNull(holderType, "holderType");
        Objects.requireNonNull(lineRole, "lineRole");
        Objects.requireNonNull(mvno, "mvno");
        Objects.requireNonNull(mvnoBrand, "mvnoBrand");
        Objects.requireNonNull(asOf, "asOf");
    }
}
