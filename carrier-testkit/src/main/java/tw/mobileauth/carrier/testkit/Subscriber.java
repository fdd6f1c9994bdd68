package tw.mobileauth.carrier.testkit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.IdDocumentType;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.Msisdn;

/**
 * One synthetic subscriber of the fake networks: what the carrier's records say about a line.
 * {@link #toString()} hides the personal data.
 *
 * @param msisdn        the line's number
 * @param carrierId     the carrier that serves it: {@code cht}, {@code twm} or {@code fet}
 * @param holderId      the holder's ID document number (synthetic, checksum-valid)
 * @param holderIdType  the kind of that document
 * @param name          the holder's name exactly as registered (never normalised)
 * @param birthDate     the holder's birth date
 * @param contractType  postpaid, prepaid or business
 * @param holderType    personal or enterprise
 * @param lineRole      primary, parent-child or family sub-line
 * @param mvnoBrand     the MVNO brand when the line belongs to a virtual operator
 * @param lastSimChange when the SIM was last changed, if ever
 * @param suspended     whether the line is suspended
 * @param scenario      what this subscriber exercises
 */
public record Subscriber(Msisdn msisdn, String carrierId, String holderId, IdDocumentType holderIdType,
        String name, LocalDate birthDate, ContractType contractType, HolderType holderType, LineRole lineRole,
        Optional<String> mvnoBrand, Optional<Instant> lastSimChange, boolean suspended, Scenario scenario) {

    /**
     * Checks that no component is null.
     *
     * @param msisdn the subscriber's number, E.164
     * @param carrierId the carrier id
     * @param holderId the holder id
     * @param holderIdType the holder id type
     * @param name the name
     * @param birthDate the birth date
     * @param contractType the contract type
     * @param holderType the holder type
     * @param lineRole the line role
     * @param mvnoBrand the mvno brand
     * @param lastSimChange the last sim change
     * @param suspended the suspended value
     * @param scenario the scenario value
     */
    public Subscriber {
        Objects.requireNonNull(msisdn, "msisdn");
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(holderId, "holderId");
        Objects.requireNonNull(holderIdType, "holderIdType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(contractType, "contractType");
        Objects.requireNonNull(holderType, "holderType");
        Objects.requireNonNull(lineRole, "lineRole");
        Objects.requireNonNull(mvnoBrand, "mvnoBrand");
        Objects.requireNonNull(lastSimChange, "lastSimChange");
        Objects.requireNonNull(scenario, "scenario");
    }

    /** {@return whether the line belongs to a virtual operator} */
    public boolean isMvno() {
        return mvnoBrand.isPresent();
    }

    /** Masked: carrier, scenario and the masked number only. */
    @Override
    public String toString() {
        return "Subscriber[" + carrierId + " " + scenario + " " + msisdn + ", personal data masked]";
    }
}
