package tw.mobileauth.carrier.camara;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A scriptable loopback carrier for unit tests: per path, a queue of canned replies (the last one
 * repeats). It echoes {@code x-correlator} unless a reply says otherwise, issues numbered
 * client-credentials tokens ({@code t1}, {@code t2}, …) at {@code /oauth2/token} by default,
 * serves a discovery document at {@code /.well-known/openid-configuration} (issuer = the base,
 * endpoints {@code /oauth2/authorize}, {@code /oauth2/token} and {@code /jwks}) unless scripted,
 * and records every request.
 */
final class StubCarrier implements AutoCloseable {

    record Request(String method, String path, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        Map<String, String> form() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    record Reply(int status, String body, Map<String, String> headers, Duration delay, Optional<String> correlator,
            boolean echo) {
        static Reply json(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO,
                    Optional.empty(), true);
        }

        static Reply error(int status, String code) {
            return json(status, "{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"stub\"}");
        }

        Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, h, delay, correlator, echo);
        }

        Reply delayed(Duration d) {
            return new Reply(status, body, headers, d, correlator, echo);
        }

        Reply correlator(String value) {
            return new Reply(status, body, headers, delay, Optional.of(value), echo);
        }

        Reply noEcho() {
            return new Reply(status, body, headers, delay, correlator, false);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Reply>> script = new ConcurrentHashMap<>();
    private final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger tokens = new AtomicInteger();

    StubCarrier() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static final String DISCOVERY = "/.well-known/openid-configuration";

    /** A discovery document for {@code issuer} whose endpoints are below it, the JWK set at {@code jwksPath}. */
    static String discovery(String issuer, String jwksPath) {
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/oauth2/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/oauth2/token\",\"jwks_uri\":\"" + issuer + jwksPath + "\"}";
    }

    /** The requests other than reading the discovery document and the JWK set. */
    List<Request> apiRequests() {
        return requests().stream().filter(r -> !r.path().equals(DISCOVERY) && !r.path().startsWith("/jwks"))
                .collect(Collectors.toList());
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stub");
    }

    /** Replies for {@code path}, in order; the last one repeats. */
    StubCarrier on(String path, Reply... replies) {
        script.put("/stub" + path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    List<Request> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).collect(Collectors.toList());
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        String path = ex.getRequestURI().getPath();
        String local = path.startsWith("/stub") ? path.substring(5) : path;
        requests.add(new Request(ex.getRequestMethod(), local, headers, body));
        Reply reply = next(path).orElseGet(() -> local.equals("/oauth2/token")
                ? Reply.json(200, "{\"access_token\":\"t" + tokens.incrementAndGet()
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")
                : local.equals(DISCOVERY) ? Reply.json(200, discovery(base().toString(), "/jwks"))
                : Reply.error(404, "NOT_FOUND"));
        try {
            Thread.sleep(reply.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        Optional<String> correlator = reply.correlator().or(() -> Optional.ofNullable(headers.get("x-correlator")));
        if (reply.echo() && correlator.isPresent()) {
            ex.getResponseHeaders().add("x-correlator", correlator.get());
        }
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        try {
            ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        } catch (IOException clientGone) {
            ex.close();
        }
    }

    private Optional<Reply> next(String path) {
        Deque<Reply> q = script.get(path);
        if (q == null) {
            return Optional.empty();
        }
        synchronized (q) {
            return Optional.ofNullable(q.size() > 1 ? q.poll() : q.peek());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
