package tw.mobileauth.registry.nhi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tw.mobileauth.registry.spi.CardCheck;
import tw.mobileauth.registry.spi.RegistryException;
import tw.mobileauth.registry.spi.RegistryException.Origin;

/**
 * Reads an answer of the profile: a 200 is a {@link CardCheck}; anything else becomes the
 * {@link RegistryException} of the profile's error table. The registry's {@code message} is never
 * copied into an exception (it may quote what we sent); only its {@code code} is, when it has the
 * shape of a code.
 */
final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<Integer> OUTAGES = Set.of(500, 502, 503, 504);
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_.]{0,63}");
    /** Longer waits than this are clamped: no registry needs us to come back tomorrow. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private Answers() {
    }

    static CardCheck read(Exchange.Answer a, Instant now) throws RegistryException {
        if (a.status() == 200) {
            return result(a);
        }
        Optional<String> code = errorCode(a);
        if (a.status() == 429 || OUTAGES.contains(a.status())) {
            String c = code.orElse(a.status() == 429 ? "TOO_MANY_REQUESTS" : "HTTP_" + a.status());
            Optional<Duration> retryAfter = retryAfter(a.header("Retry-After"), now);
            throw new RegistryException.Unavailable(origin(a, c), retryAfter, a.status() == 429
                    ? "the registry is throttling this client; retry after " + retryAfter.map(d -> d.toSeconds() + " s")
                            .orElse("a backoff")
                    : "the registry is unavailable; retry later", null);
        }
        if (code.isEmpty()) {
            throw new RegistryException.ProtocolViolation(origin(a, "NOT_ERROR_INFO"), "an error answer that is not"
                    + " {\"status\",\"code\",\"message\"} JSON; a proxy answered or the base URI points elsewhere,"
                    + " alert the operator", null);
        }
        String c = code.get();
        switch (a.status()) {
            case 400:
                throw new RegistryException.ProtocolViolation(origin(a, c), "the registry refused the request as"
                        + " malformed; this adapter and the registry disagree on the profile, alert the operator", null);
            case 401:
                throw new RegistryException.AuthenticationFailed(origin(a, c), "the registry refused this client's"
                        + " request signature or TLS certificate: check mobileauth.registry.nhi.client-id, that the"
                        + " registry has the public key of signing-key-file (and signing-key-id), and that this server's"
                        + " clock is right (a signature is valid for 60 s)");
            case 403:
                throw new RegistryException.Misconfigured(origin(a, c), "the registry knows this client but does not"
                        + " allow it to check cards: check the contract and mobileauth.registry.nhi.client-id");
            case 404:
            case 405:
                throw new RegistryException.Misconfigured(origin(a, c), "the registry has no card check at "
                        + NhiProfile.CARD_CHECKS_PATH + " below the base URI: check mobileauth.registry.nhi.base-uri");
            default:
                throw new RegistryException.ProtocolViolation(origin(a, c), "HTTP " + a.status() + " is not an answer"
                        + " of the profile; alert the operator", null);
        }
    }

    private static CardCheck result(Exchange.Answer a) throws RegistryException {
        String type = a.header("Content-Type").orElse("");
        if (!type.split(";", 2)[0].trim().equalsIgnoreCase(NhiProfile.JSON)) {
            throw malformed(a, "it is not application/json");
        }
        JsonNode node = parse(a.body()).orElseThrow(() -> malformed(a, "it is not JSON"));
        JsonNode result = node.get("result");
        if (!node.isObject() || result == null || !result.isTextual()) {
            throw malformed(a, "it has no string field 'result'");
        }
        CardCheck check = NhiProfile.RESULTS.get(result.asText());
        if (check == null) {
            throw malformed(a, "'result' is none of " + NhiProfile.RESULTS.keySet().stream().sorted().toList());
        }
        return check;
    }

    private static RegistryException.ProtocolViolation malformed(Exchange.Answer a, String what) {
        return new RegistryException.ProtocolViolation(origin(a, "MALFORMED_RESPONSE"), "the registry's answer breaks"
                + " its profile: " + what + "; the registry changed its API or the base URI points elsewhere, alert"
                + " the operator", null);
    }

    /** The {@code code} of a {@code {"status","code","message"}} body whose status equals the HTTP status. */
    private static Optional<String> errorCode(Exchange.Answer a) {
        Optional<JsonNode> node = parse(a.body());
        if (node.isEmpty() || !node.get().isObject()) {
            return Optional.empty();
        }
        JsonNode status = node.get().get("status");
        JsonNode code = node.get().get("code");
        JsonNode message = node.get().get("message");
        if (status == null || !status.isInt() || status.intValue() != a.status() || code == null || !code.isTextual()
                || message == null || !message.isTextual() || !CODE.matcher(code.asText()).matches()) {
            return Optional.empty();
        }
        return Optional.of(code.asText());
    }

    /** The JSON tree, or empty when the bytes are not JSON. Parser messages are dropped: they quote the input. */
    private static Optional<JsonNode> parse(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n == null || n.isMissingNode() ? Optional.empty() : Optional.of(n);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** An HTTP {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); empty when absent or unreadable. */
    static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        if (!value.isEmpty() && value.length() <= 7 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(clamp(Duration.ofSeconds(Long.parseLong(value))));
        }
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(MAX_RETRY_AFTER);
        }
        try {
            Duration d = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : clamp(d));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration clamp(Duration d) {
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    private static Origin origin(Exchange.Answer a, String code) {
        return Origin.http(NhiProfile.REGISTRY_ID, a.status(), code, a.correlator());
    }
}
