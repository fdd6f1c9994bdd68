package tw.mobileauth.carrier.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.testkit.schema.Exchange;

/**
 * Routes every request of the one HTTP server: picks the carrier from the first path segment and
 * the endpoint from the rest, logs the request, applies any armed fault, answers, and echoes
 * {@code x-correlator} (or a generated one) on every response. A correlator outside CAMARA's
 * {@code ^[a-zA-Z0-9-]{0,55}$} is refused with 400 {@code INVALID_ARGUMENT}, and every API body
 * must come as {@code Content-Type: application/json}.
 */
final class CarrierRouter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CarrierRouter.class);
    private static final int MAX_BODY = 64 * 1024;
    static final String DEVICE_HEADER = "X-MobileAuth-Device";
    static final String DEVICE_COOKIE = "mobileauth-device";
    /** The official CAMARA {@code x-correlator} pattern. */
    private static final Pattern CORRELATOR = Pattern.compile("[a-zA-Z0-9-]{0,55}");
    /**
     * The wider pattern of the Commonalities 0.6 definitions (Number Verification 2.1.0, KYC Match
     * 0.4.0, KYC Tenure 0.2.0, SIM Swap 2.1.0): the profiles refuse such a correlator, but the answer
     * to it must still echo it there, as those definitions say every answer does.
     */
    private static final Pattern WIDE_CORRELATOR = Pattern.compile("[a-zA-Z0-9_:;./<>{}-]{0,256}");

    private final Clock clock;
    private final FaultInjector faults;
    private final RequestLog log;
    private final ConformanceLog conformance;
    private final OAuthServer oauth;
    private final ResourceApis apis;
    private final SimulatorPage page;
    private final NetworkAttachments attachments;
    private final Function<String, URI> issuers;
    private final Role role;

    /** What one HTTP server of the fake networks serves. */
    enum Role {
        /** The APIs and the authorization server, on one port (the default). */
        ALL,
        /** The APIs only; the authorization server runs on a port of its own. */
        APIS,
        /** The authorization server only: authorize, token, discovery, JWK set. */
        AUTHORIZATION_SERVER;

        boolean serves(Endpoint e) {
            return this == ALL || (this == AUTHORIZATION_SERVER) == e.isAuthorizationServer();
        }
    }

    CarrierRouter(Clock clock, FaultInjector faults, RequestLog log, ConformanceLog conformance, OAuthServer oauth,
            ResourceApis apis, SimulatorPage page, NetworkAttachments attachments, Function<String, URI> issuers,
            Role role) {
        this.clock = clock;
        this.faults = faults;
        this.log = log;
        this.conformance = conformance;
        this.oauth = oauth;
        this.apis = apis;
        this.page = page;
        this.attachments = attachments;
        this.issuers = issuers;
        this.role = role;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            serve(exchange);
        } catch (IOException e) {
            LOG.debug("client went away during {}: {}", exchange.getRequestURI().getRawPath(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("fake carrier network failed on {}", exchange.getRequestURI().getRawPath(), e);
            try {
                send(exchange, Reply.error(500, "INTERNAL", "The fake network failed: " + e), UUID.randomUUID().toString());
            } catch (IOException | RuntimeException ignored) {
                // The response may already be on its way; closing below is all that is left.
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
        String body = new String(bytes, StandardCharsets.UTF_8);
        Optional<String> correlatorIn = Optional.ofNullable(ex.getRequestHeaders().getFirst("x-correlator"));
        String correlator = correlatorIn.orElseGet(() -> UUID.randomUUID().toString());

        Optional<String> carrier = carrierOf(rawPath);
        if (carrier.isEmpty()) {
            send(ex, Reply.error(404, "NOT_FOUND", "Unknown path: every API is below a carrier base, /cht, /twm or"
                    + " /fet, e.g. /cht/oauth2/token"), correlator);
            return;
        }
        String carrierId = carrier.get();
        String rest = rawPath.substring(carrierId.length() + 1);
        boolean simulator = rest.equals(SimulatorPage.CONNECT_PATH);
        Endpoint resolved = simulator ? Endpoint.AUTHORIZE : resolve(carrierId, rest);
        Endpoint endpoint = role.serves(resolved) ? resolved : Endpoint.OTHER;
        RequestLog.Entry entry = log.arrived(carrierId, endpoint, method,
                rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery), correlatorIn, body, clock.instant());

        if (correlatorIn.isPresent() && !CORRELATOR.matcher(correlatorIn.get()).matches()
                && endpoint != Endpoint.OTHER && endpoint != Endpoint.AUTHORIZE) {
            Reply bad = Reply.error(400, "INVALID_ARGUMENT", "x-correlator must match ^[a-zA-Z0-9-]{0,55}$");
            entry.answered(bad.status());
            boolean strictApi = endpoint == Endpoint.ROAMING_STATUS || endpoint == Endpoint.NETWORK_TYPE;
            String echo = !strictApi && WIDE_CORRELATOR.matcher(correlatorIn.get()).matches() ? correlatorIn.get()
                    : UUID.randomUUID().toString();
            record(ex, carrierId, endpoint, method, rest, body, bad, echo, Optional.empty());
            send(ex, bad, echo);
            return;
        }
        if (bytes.length > MAX_BODY) {
            Reply tooLarge = Reply.error(400, "INVALID_ARGUMENT", "The body is larger than " + MAX_BODY + " bytes");
            entry.answered(tooLarge.status());
            record(ex, carrierId, endpoint, method, rest, body, tooLarge, correlator, Optional.empty());
            send(ex, tooLarge, correlator);
            return;
        }
        Optional<Fault> fault = endpoint == Endpoint.OTHER ? Optional.empty() : faults.next(carrierId, endpoint);
        Reply reply = null;
        if (fault.isPresent()) {
            Fault f = fault.get();
            LOG.debug("{} {}: injecting {}", carrierId, endpoint, f);
            switch (f.kind()) {
                case LATENCY:
                    if (!pause(f.duration())) {
                        return;
                    }
                    break;
                case CONNECTION_RESET:
                    // Closing before any header is sent closes the socket: the client gets no response at all.
                    record(ex, carrierId, endpoint, method, rest, body, null, correlator, fault);
                    return;
                case STATUS:
                case ERROR:
                    reply = Reply.error(f.status(), f.code(), "Simulated fault: " + f.code());
                    break;
                case RATE_LIMITED:
                    reply = Reply.error(429, "TOO_MANY_REQUESTS", "Too many requests; retry after the given seconds")
                            .with("Retry-After", String.valueOf(ceilSeconds(f.duration())));
                    break;
                case OAUTH_ERROR:
                    if (endpoint != Endpoint.AUTHORIZE) {
                        reply = Reply.oauthError(f.status(), f.code(), "simulated_fault");
                    }
                    break;
                case MALFORMED_JSON:
                    reply = Reply.raw(200, Reply.JSON, "{\"simulated\": \"malformed, \"truncated\": tru");
                    break;
                case RAW:
                    reply = Reply.raw(f.status(), f.contentType(), f.body());
                    break;
                case WRONG_CORRELATOR:
                    correlator = "wrong-" + UUID.randomUUID();
                    break;
                case MISSING_CORRELATOR:
                    correlator = "";
                    break;
                default:
                    break;
            }
        }
        if (reply == null) {
            reply = dispatch(ex, carrierId, endpoint, simulator, method, rest, rawQuery, body, fault);
        }
        Fault.Kind after = fault.map(Fault::kind).orElse(Fault.Kind.STATUS);
        if (after == Fault.Kind.RESET_AFTER_PROCESSING) {
            // The carrier acted; the answer is lost on the way back. No header was sent, so closing drops the socket.
            entry.answered(0);
            record(ex, carrierId, endpoint, method, rest, body, null, correlator, fault);
            LOG.debug("{} {} {} -> {} processed, answer dropped", carrierId, endpoint, method, reply.status());
            return;
        }
        if (after == Fault.Kind.LATENCY_AFTER_PROCESSING && !pause(fault.get().duration())) {
            return;
        }
        entry.answered(reply.status());
        LOG.debug("{} {} {} -> {}", carrierId, endpoint, method, reply.status());
        record(ex, carrierId, endpoint, method, rest, body, reply, correlator, fault);
        send(ex, reply, correlator);
    }

    /**
     * Records the exchange for schema validation ({@link ConformanceLog}), before the answer leaves so
     * that a test that got its answer finds it recorded. Only the CAMARA resource endpoints and paths
     * no endpoint serves: the OAuth endpoints are outside the six definitions. {@code reply} null: the
     * connection was dropped without an answer (recorded with status 0).
     */
    private void record(HttpExchange ex, String carrierId, Endpoint endpoint, String method, String rest, String body,
            Reply reply, String correlator, Optional<Fault> fault) {
        if (endpoint.isAuthorizationServer() || role == Role.AUTHORIZATION_SERVER
                || rest.equals(SimulatorPage.CONNECT_PATH)) {
            return;
        }
        Map<String, String> requestHeaders = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                requestHeaders.put(name, values.get(0));
            }
        });
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        String responseBody = "";
        int status = 0;
        if (reply != null) {
            status = reply.status();
            if (!reply.contentType().isEmpty()) {
                responseHeaders.put("Content-Type", reply.contentType());
            }
            responseHeaders.putAll(reply.headers());
            if (!correlator.isEmpty()) {
                responseHeaders.put("x-correlator", correlator);
            }
            responseBody = new String(reply.body(), StandardCharsets.UTF_8);
        }
        conformance.record(new Exchange(carrierId, method, rest, requestHeaders, body, status, responseHeaders,
                responseBody), endpoint, fault);
    }

    private Reply dispatch(HttpExchange ex, String carrierId, Endpoint endpoint, boolean simulator, String method,
            String rest, String rawQuery, String body, Optional<Fault> fault) {
        if (endpoint == Endpoint.OTHER) {
            return Reply.error(404, "NOT_FOUND", "No such API at " + carrierId + ": " + rest);
        }
        if (simulator) {
            return method.equals("POST") ? connect(carrierId, body, fault) : notAllowed("POST");
        }
        if (!method.equals(endpoint.method())) {
            return notAllowed(endpoint.method());
        }
        try {
            switch (endpoint) {
                case AUTHORIZE:
                    return oauth.authorize(carrierId, rawQuery, deviceHandle(ex), fault, page);
                case TOKEN:
                    return oauth.token(carrierId, body, audiences(ex, carrierId),
                            fault.map(Fault::kind).filter(FaultInjector.ID_TOKEN_FAULTS::contains));
                case DISCOVERY:
                    return oauth.discovery(carrierId);
                case JWKS:
                    return oauth.jwks(carrierId, rawQuery);
                default:
                    OAuthServer.AccessToken token = oauth.authenticate(carrierId, endpoint,
                            Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")));
                    requireJson(ex);
                    return apis.handle(carrierId, endpoint, token, body);
            }
        } catch (ApiError e) {
            return e.reply();
        }
    }

    /** Every CAMARA request body is JSON: without {@code Content-Type: application/json} it is 400 INVALID_ARGUMENT. */
    private static void requireJson(HttpExchange ex) {
        String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
        String media = type.split(";", 2)[0].trim();
        if (!media.equalsIgnoreCase(Reply.JSON)) {
            throw new ApiError(400, "INVALID_ARGUMENT", "The request body must be sent as Content-Type: "
                    + Reply.JSON + (type.isEmpty() ? " (none was given)" : " (was " + type + ")"));
        }
    }

    /** The simulated-network page's form: attach a fresh device as chosen, then run the authorize leg from it. */
    private Reply connect(String carrierId, String body, Optional<Fault> fault) {
        Map<String, List<String>> form;
        try {
            form = Forms.parse(body);
        } catch (IllegalArgumentException e) {
            return SimulatorPage.badChoice("表單內容無法讀取。", "The form could not be read.");
        }
        Optional<String> query = Forms.single(form, "authorize_query");
        if (query.isEmpty()) {
            return SimulatorPage.badChoice("缺少原本的驗證請求，請回到原網站重新開始。",
                    "The original verification request is missing; go back to the website and start again.");
        }
        Optional<Msisdn> number = Forms.single(form, "number").flatMap(SimulatorPage::number);
        if (number.isEmpty()) {
            return SimulatorPage.badChoice("請輸入 09 開頭的 10 位手機號碼。",
                    "Enter the 10-digit mobile number that starts with 09.");
        }
        Optional<Access> access = SimulatorPage.access(Forms.single(form, "access").orElse(""),
                Forms.single(form, "country").orElse("440"));
        if (access.isEmpty()) {
            return SimulatorPage.badChoice("請選擇一種連線方式。", "Pick one way of connecting.");
        }
        String handle = "sim:" + UUID.randomUUID();
        attachments.attach(handle, number.get(), access.get());
        Reply r = oauth.authorize(carrierId, query.get(), Optional.of(handle), fault, page);
        return r.status() == 302 ? Reply.redirect(303, r.headers().get("Location")) : r;
    }

    private static Reply notAllowed(String allowed) {
        return Reply.error(405, "METHOD_NOT_ALLOWED", "Use " + allowed).with("Allow", allowed);
    }

    private static Optional<String> carrierOf(String rawPath) {
        for (String id : Profiles.IDS) {
            if (rawPath.equals("/" + id) || rawPath.startsWith("/" + id + "/")) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /**
     * The endpoint for a path below the carrier base: exactly the path of docs/carrier-contract.md
     * resolved against the carrier's base URI. A carrier extension is served only there, e.g.
     * CHT's line profile at {@code {base}/cht/line-profile/v1/retrieve}; the same path without
     * the carrier segment is {@link Endpoint#OTHER}.
     */
    static Endpoint resolve(String carrierId, String rest) {
        for (Endpoint e : Endpoint.values()) {
            if (e != Endpoint.OTHER && e.servedBy(carrierId) && rest.equals(e.path())) {
                return e;
            }
        }
        return Endpoint.OTHER;
    }

    private Set<String> audiences(HttpExchange ex, String carrierId) {
        Set<String> a = new LinkedHashSet<>();
        a.add(issuers.apply(carrierId) + Endpoint.TOKEN.path());
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host != null) {
            a.add("http://" + host + "/" + carrierId + Endpoint.TOKEN.path());
        }
        return a;
    }

    private static Optional<String> deviceHandle(HttpExchange ex) {
        Headers h = ex.getRequestHeaders();
        String header = h.getFirst(DEVICE_HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(header.trim());
        }
        List<String> cookies = h.get("Cookie");
        if (cookies != null) {
            for (String line : cookies) {
                for (String c : line.split(";", -1)) {
                    String t = c.trim();
                    if (t.startsWith(DEVICE_COOKIE + "=") && t.length() > DEVICE_COOKIE.length() + 1) {
                        return Optional.of(t.substring(DEVICE_COOKIE.length() + 1));
                    }
                }
            }
        }
        return Optional.empty();
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
        if (!reply.contentType().isEmpty()) {
            h.set("Content-Type", reply.contentType());
        }
        reply.headers().forEach(h::set);
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
