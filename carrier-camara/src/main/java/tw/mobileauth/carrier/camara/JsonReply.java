package tw.mobileauth.carrier.camara;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import tw.mobileauth.carrier.spi.CarrierException;

/**
 * A carrier's JSON object answer, read field by field. Every reader raises
 * {@link CarrierException.ProtocolViolation} naming the field when the carrier broke the shape it
 * promised, so an adapter never sees a {@code null} or a Jackson exception.
 *
 * <p>When a call was made with an error-as-result predicate and the carrier answered with such an
 * error, {@link #error()} is present and the fields are those of the ErrorInfo body.
 */
public final class JsonReply {

    private final String carrierId;
    private final int status;
    private final String correlator;
    private final JsonNode node;
    private final Optional<ErrorInfo> error;

    JsonReply(String carrierId, int status, String correlator, JsonNode node, Optional<ErrorInfo> error) {
        this.carrierId = carrierId;
        this.status = status;
        this.correlator = correlator;
        this.node = Objects.requireNonNull(node, "node");
        this.error = error;
    }

    /** {@return the HTTP status of the answer} */
    public int status() {
        return status;
    }

    /** {@return the error the caller chose to treat as a result; empty for a success answer} */
    public Optional<ErrorInfo> error() {
        return error;
    }

    /**
     * {@return a required string field}
     *
     * @param field the form field the error is about
     * @throws CarrierException.ProtocolViolation if the carrier broke the protocol or a binding check failed
     */
    public String text(String field) throws CarrierException.ProtocolViolation {
        return optionalText(field).orElseThrow(() -> violation("field '" + field + "' is missing"));
    }

    /**
     * {@return an optional string field; absent or JSON {@code null} give empty}
     *
     * @param field the form field the error is about
     * @throws CarrierException.ProtocolViolation if the carrier broke the protocol or a binding check failed
     */
    public Optional<String> optionalText(String field) throws CarrierException.ProtocolViolation {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw violation("field '" + field + "' must be a string, was " + v.getNodeType());
        }
        return Optional.of(v.asText());
    }

    /**
     * {@return a required string field read through a table of the values the profile defines, e.g.
     * {@code oneOf("lineType", Map.of("MAIN", PRIMARY, …), LineRole.UNKNOWN)}} A value the table
     * lacks gives {@code otherwise}: a carrier adding a value makes a fact unknown, not a failure.
     *
     * @param <T> the type of the value
     * @param field the form field the error is about
     * @param values the values value
     * @param otherwise the otherwise value
     * @throws CarrierException.ProtocolViolation if the carrier broke the protocol or a binding check failed
     */
    public <T> T oneOf(String field, Map<String, T> values, T otherwise) throws CarrierException.ProtocolViolation {
        return values.getOrDefault(text(field), otherwise);
    }

    /**
     * {@return a required boolean field}
     *
     * @param field the form field the error is about
     * @throws CarrierException.ProtocolViolation if the carrier broke the protocol or a binding check failed
     */
    public boolean bool(String field) throws CarrierException.ProtocolViolation {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw violation("field '" + field + "' must be true or false, was "
                    + (v == null ? "missing" : v.getNodeType()));
        }
        return v.booleanValue();
    }

    /**
     * {@return an optional integer field; absent or JSON {@code null} give empty}
     *
     * @param field the form field the error is about
     * @throws CarrierException.ProtocolViolation if the carrier broke the protocol or a binding check failed
     */
    public OptionalInt optionalInt(String field) throws CarrierException.ProtocolViolation {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return OptionalInt.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw violation("field '" + field + "' must be an integer, was " + v.getNodeType());
        }
        return OptionalInt.of(v.intValue());
    }

    /**
     * {@return an optional RFC 3339 date-time field, e.g. {@code 2025-05-01T08:00:00Z}; absent or null give empty}
     *
     * @param field the form field the error is about
     * @throws CarrierException.ProtocolViolation if the carrier broke the protocol or a binding check failed
     */
    public Optional<Instant> optionalInstant(String field) throws CarrierException.ProtocolViolation {
        Optional<String> text = optionalText(field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.get()).toInstant());
        } catch (DateTimeParseException e) {
            throw violation("field '" + field + "' must be an RFC 3339 date-time");
        }
    }

    /**
     * {@return a required nested object}
     *
     * @param field the form field the error is about
     * @throws CarrierException.ProtocolViolation if the carrier broke the protocol or a binding check failed
     */
    public JsonReply object(String field) throws CarrierException.ProtocolViolation {
        return optionalObject(field).orElseThrow(() -> violation("object '" + field + "' is missing"));
    }

    /**
     * {@return an optional nested object; absent or JSON {@code null} give empty}
     *
     * @param field the form field the error is about
     * @throws CarrierException.ProtocolViolation if the carrier broke the protocol or a binding check failed
     */
    public Optional<JsonReply> optionalObject(String field) throws CarrierException.ProtocolViolation {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw violation("field '" + field + "' must be an object, was " + v.getNodeType());
        }
        return Optional.of(new JsonReply(carrierId, status, correlator, v, Optional.empty()));
    }

    /**
     * {@return a protocol violation about this answer, for semantic checks an adapter makes itself (for
     * example an enum value the profile does not define)}
     *
     * @param message the detail message (never holds personal data)
     */
    public CarrierException.ProtocolViolation violation(String message) {
        return new CarrierException.ProtocolViolation(
                CarrierException.Origin.http(carrierId, status, "MALFORMED_RESPONSE", correlator),
                "the carrier's answer breaks its profile: " + message
                        + "; the carrier changed its API or the base URI points elsewhere, alert the operator",
                null);
    }
}
