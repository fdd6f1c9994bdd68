package tw.mobileauth.carrier.camara;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.carrier.camara.internal.Redaction;

/**
 * A CAMARA error body, {@code {"status": 404, "code": "IDENTIFIER_NOT_FOUND", "message": "…"}}.
 *
 * @param status  the {@code status} field, equal to the HTTP status
 * @param code    the machine-readable code, e.g. {@code NOT_FOUND} or {@code CHT.SUBSCRIBER_SUSPENDED}
 * @param message the carrier's text, with identifiers masked (possibly empty)
 */
public record ErrorInfo(int status, String code, String message) {

    /**
     * Checks the components and masks identifiers in {@code message}.
     *
     * @param status the HTTP status, or 0 when no answer arrived
     * @param code the raw code, as the other side sent it
     * @param message the detail message (never holds personal data)
     */
    public ErrorInfo {
        Objects.requireNonNull(code, "code");
        message = Redaction.redact(Objects.requireNonNull(message, "message"));
    }

    /**
     * {@return whether this is the error {@code (status, code)}}
     *
     * @param status the HTTP status, or 0 when no answer arrived
     * @param code the raw code, as the other side sent it
     */
    public boolean is(int status, String code) {
        return this.status == status && this.code.equals(code);
    }

    /** Reads an ErrorInfo; empty when {@code node} is not one (no integer status or no text code). */
    static Optional<ErrorInfo> from(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        JsonNode status = node.get("status");
        JsonNode code = node.get("code");
        JsonNode message = node.get("message");
        if (status == null || !status.canConvertToInt() || !status.isIntegralNumber()
                || code == null || !code.isTextual() || code.asText().isBlank()
                || (message != null && !message.isTextual() && !message.isNull())) {
            return Optional.empty();
        }
        return Optional.of(new ErrorInfo(status.intValue(), code.asText(),
                message == null || message.isNull() ? "" : message.asText()));
    }
}
