package tw.mobileauth.login;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import tw.mobileauth.store.EnrollmentRecord;

/**
 * Turns a stored {@link EnrollmentRecord} into the metadata a PDPA export shows
 * ({@link PersonalDataExport.Enrollment}). The state and times come from the record; the carrier
 * and the consent from the enrolment document (version 1: {@code ca} carrier, {@code ct} consented
 * terms version, {@code cat} consent time, {@code pii} the sealed application data). Reads only
 * those fields and never fails: an unreadable document leaves them out.
 */
final class EnrollmentSummaries {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int SHOWN_ID_CHARS = 6;

    private EnrollmentSummaries() {
    }

    static PersonalDataExport.Enrollment of(EnrollmentRecord r) {
        JsonNode doc = parse(r.document());
        Optional<Instant> consentedAt = text(doc, "cat").flatMap(EnrollmentSummaries::instant);
        Optional<PersonalDataExport.ConsentRecord> consent = text(doc, "ct")
                .map(terms -> new PersonalDataExport.ConsentRecord(terms, consentedAt));
        return new PersonalDataExport.Enrollment(mask(r.id()), r.state().name(), r.createdAt(), r.updatedAt(),
                r.expiresAt(), text(doc, "ca"), consent, text(doc, "pii").isPresent());
    }

    /** The first 6 characters and {@code …}: enough to find it in the audit trail, not enough to use it. */
    static String mask(String id) {
        return id.length() <= SHOWN_ID_CHARS ? "…" : id.substring(0, SHOWN_ID_CHARS) + "…";
    }

    private static JsonNode parse(String document) {
        try {
            return JSON.readTree(document);
        } catch (JsonProcessingException unreadable) {
            return JSON.createObjectNode();
        }
    }

    private static Optional<String> text(JsonNode doc, String field) {
        JsonNode n = doc.get(field);
        return n != null && n.isTextual() && !n.asText().isEmpty() ? Optional.of(n.asText()) : Optional.empty();
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeException unreadable) {
            return Optional.empty();
        }
    }
}
