package tw.mobileauth.carrier.spi;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the applicant claims about the line's holder, for a KYC match. All personal data:
 * {@link #toString()} shows none of it.
 *
 * @param idDocument     the canonical ID number, e.g. {@code A123456789}
 * @param idDocumentType the kind of document
 * @param fullName       the name exactly as the person typed it (never normalised)
 * @param birthDate      the ISO birth date
 */
public record SubscriberClaims(String idDocument, IdDocumentType idDocumentType, String fullName,
        LocalDate birthDate) {

    /**
     * Checks the components; none may be null. The values are kept exactly as given.
     *
     * @param idDocument the id document
     * @param idDocumentType the id document type
     * @param fullName the full name
     * @param birthDate the birth date
     */
    public SubscriberClaims {
        Objects.requireNonNull(idDocument, "idDocument");
        Objects.requireNonNull(idDocumentType, "idDocumentType");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(birthDate, "birthDate");
    }

    @Override
    public String toString() {
        return "SubscriberClaims[idDocumentType=" + idDocumentType + ", personal data masked]";
    }
}
