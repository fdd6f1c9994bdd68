package tw.mobileauth.carrier.testkit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.registry.spi.CardCheck;

/**
 * Serves every request of the fake registry: logs it, applies any armed fault, checks the
 * correlator, the content type and the signature, answers, and echoes {@code x-correlator}.
 */
final class RegistryRouter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryRouter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_BODY = 16 * 1024;
    private static final Pattern CORRELATOR = Pattern.compile("[a-zA-Z0-9-]{1,55}");
    private static final Pattern NATIONAL_ID = Pattern.compile("[A-Z][0-9A-D][0-9]{8}");
    private static final Pattern CARD = Pattern.compile("[0-9]{12}");

    @SuppressWarnings("ArrayRecordComponent") // a reply being written, never compared or used as a key
    private record Reply(int status, String contentType, byte[] body, Optional<String> retryAfter) {
        static Reply error(int status, String code, String message) {
            ObjectNode n = JSON.createObjectNode();
            n.put("status", status);
            n.put("code", code);
            n.put("message", message);
            return new Reply(status, "application/json", n.toString().getBytes(StandardCharsets.UTF_8),
                    Optional.empty());
        }

        static Reply result(CardCheck check) {
            ObjectNode n = JSON.createObjectNode();
            n.put("result", check.name());
            return new Reply(200, "application/json", n.toString().getBytes(StandardCharsets.UTF_8), Optional.empty());
        }
    }

    private final Clock clock;
    private final RegistryFaults faults;
    private final RegistryRequestLog log;
    private final SignatureVerifier signatures;
    private final RegistryCards cards;

    RegistryRouter(Clock clock, RegistryFaults faults, RegistryRequestLog log, SignatureVerifier signatures,
            RegistryCards cards) {
        this.clock = clock;
        this.faults = faults;
        this.log = log;
        this.signatures = signatures;
        this.cards = cards;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            serve(exchange);
        } catch (IOException e) {
            LOG.debug("client went away during {}: {}", exchange.getRequestURI().getRawPath(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("fake registry failed on {}", exchange.getRequestURI().getRawPath(), e);
            try {
                send(exchange, Reply.error(500, "INTERNAL", "The fake registry failed: " + e.getClass().getName()),
                        UUID.randomUUID().toString());
            } catch (IOException | RuntimeException ignored) {
                // The answer may already be on its way; closing below is all that is left.
            }
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String rawPath = ex.getRequestURI().getRawPath();
        String rawQuery = Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse("");
        byte[] bytes = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        Optional<String> correlatorIn = Optional.ofNullable(ex.getRequestHeaders().getFirst("x-correlator"));
        Optional<String> contentType = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type"));
        String correlator = correlatorIn.orElseGet(() -> UUID.randomUUID().toString());
        RegistryEndpoint endpoint = rawQuery.isEmpty() ? RegistryEndpoint.resolve(rawPath) : RegistryEndpoint.OTHER;
        RegistryRequestLog.Entry entry = log.arrived(endpoint, method, rawPath + (rawQuery.isEmpty() ? "" : "?"
                + rawQuery), correlatorIn, contentType, new String(bytes, StandardCharsets.UTF_8), clock.instant());

        if (correlatorIn.isPresent() && !CORRELATOR.matcher(correlatorIn.get()).matches()) {
            Reply bad = Reply.error(400, "INVALID_ARGUMENT", "x-correlator must match ^[a-zA-Z0-9-]{1,55}$");
            entry.answered(bad.status());
            send(ex, bad, UUID.randomUUID().toString());
            return;
        }
        Optional<RegistryFault> fault = endpoint == RegistryEndpoint.OTHER ? Optional.empty() : faults.next(endpoint);
        Reply reply = null;
        if (fault.isPresent()) {
            RegistryFault f = fault.get();
            LOG.debug("{}: injecting {}", endpoint, f);
            switch (f.kind()) {
                case LATENCY -> {
                    if (!pause(f.duration())) {
                        return;
                    }
                }
                case CONNECTION_RESET -> {
                    // Closing before any header is sent closes the socket: the client gets no answer at all.
                    return;
                }
                case STATUS, ERROR -> reply = Reply.error(f.status(), f.code(), "Simulated fault: " + f.code());
                case RATE_LIMITED -> reply = new Reply(429, "application/json", Reply.error(429, "TOO_MANY_REQUESTS",
                        "Too many requests; retry after the given seconds").body(),
                        Optional.of(String.valueOf(ceilSeconds(f.duration()))));
                case MALFORMED_JSON -> reply = new Reply(200, "application/json",
                        "{\"result\": \"MATCH, \"truncated\": tru".getBytes(StandardCharsets.UTF_8), Optional.empty());
                case RAW -> reply = new Reply(f.status(), f.contentType(), f.body().getBytes(StandardCharsets.UTF_8),
                        Optional.empty());
                case WRONG_CORRELATOR -> correlator = "wrong-" + UUID.randomUUID();
                case MISSING_CORRELATOR -> correlator = "";
                default -> {
                    // Acts after processing; see below.
                }
            }
        }
        if (reply == null) {
            reply = dispatch(ex, endpoint, method, rawPath, bytes, correlatorIn, contentType, entry);
        }
        RegistryFault.Kind after = fault.map(RegistryFault::kind).orElse(RegistryFault.Kind.STATUS);
        if (after == RegistryFault.Kind.RESET_AFTER_PROCESSING) {
            entry.answered(0);
            LOG.debug("{} {} -> {} processed, answer dropped", endpoint, method, reply.status());
            return;
        }
        if (after == RegistryFault.Kind.LATENCY_AFTER_PROCESSING && !pause(fault.get().duration())) {
            return;
        }
        entry.answered(reply.status());
        LOG.debug("{} {} -> {}", endpoint, method, reply.status());
        send(ex, reply, correlator);
    }

    private Reply dispatch(HttpExchange ex, RegistryEndpoint endpoint, String method, String rawPath, byte[] bytes,
            Optional<String> correlator, Optional<String> contentType, RegistryRequestLog.Entry entry) {
        if (endpoint == RegistryEndpoint.OTHER) {
            return Reply.error(404, "NOT_FOUND", "No such API: the card check is POST /nhi/v1/card-checks");
        }
        if (!method.equals(endpoint.method())) {
            return Reply.error(405, "METHOD_NOT_ALLOWED", "Use " + endpoint.method());
        }
        if (bytes.length > MAX_BODY) {
            return Reply.error(400, "INVALID_ARGUMENT", "The body is larger than " + MAX_BODY + " bytes");
        }
        SignatureVerifier.Verdict verdict = signatures.verify(method, rawPath, bytes, correlator,
                Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")), clock.instant());
        verdict.jti().ifPresent(entry::signedWith);
        if (verdict.rejection().isPresent()) {
            entry.rejected(verdict.rejection().get());
            return Reply.error(401, "UNAUTHENTICATED", "The request signature was refused");
        }
        if (!contentType.map(t -> t.split(";", 2)[0].trim().equalsIgnoreCase("application/json")).orElse(false)) {
            return Reply.error(400, "INVALID_ARGUMENT", "The body must be sent as Content-Type: application/json");
        }
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (IOException e) {
            return Reply.error(400, "INVALID_ARGUMENT", "The body is not JSON");
        }
        if (body == null || !body.isObject() || body.size() != 2 || !body.path("nationalId").isTextual()
                || !body.path("cardNumber").isTextual()) {
            return Reply.error(400, "INVALID_ARGUMENT", "The body must be {\"nationalId\":…,\"cardNumber\":…}");
        }
        String id = body.get("nationalId").asText();
        String card = body.get("cardNumber").asText();
        if (!NATIONAL_ID.matcher(id).matches() || !CARD.matcher(card).matches()) {
            return Reply.error(400, "INVALID_ARGUMENT", "nationalId must be an ID or resident number and cardNumber"
                    + " 12 digits");
        }
        return Reply.result(cards.answer(id, card));
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long ceilSeconds(Duration d) {
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    /** Sends {@code reply} with {@code x-correlator: correlator}; an empty correlator sends no header (a fault). */
    private static void send(HttpExchange ex, Reply reply, String correlator) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", reply.contentType());
        reply.retryAfter().ifPresent(v -> h.set("Retry-After", v));
        if (!correlator.isEmpty()) {
            h.set("x-correlator", correlator);
        }
        byte[] b = reply.body();
        ex.sendResponseHeaders(reply.status(), b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        }
    }
}
