package tw.mobileauth.examples.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A loopback site for the known-answer test: a tiny page at {@code /} and the shipped
 * {@code mobileauth.js} at {@code /webjars/mobileauth/<version>/mobileauth.js}, read from core's jar.
 * {@code http://127.0.0.1:<port>} is a secure context, so the page has WebCrypto.
 */
final class KnownAnswerSite implements AutoCloseable {

    private static final byte[] PAGE = ("<!doctype html><html lang=\"zh-TW\"><meta charset=\"utf-8\">"
            + "<title>mobileauth.js known-answer test</title>"
            + "<h1 id=\"ready\">mobileauth.js 已知答案測試</h1></html>").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final String scriptPath;
    private final byte[] script;

    private KnownAnswerSite(HttpServer server) {
        this.server = server;
        this.scriptPath = MobileAuthJs.urlPath();
        this.script = MobileAuthJs.bytes();
    }

    /** Starts on {@code 127.0.0.1} and a free port. */
    static KnownAnswerSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        KnownAnswerSite site = new KnownAnswerSite(server);
        server.createContext("/", site::handle);
        server.start();
        return site;
    }

    /** {@code http://127.0.0.1:<port>}: the page's {@code window.location.origin}. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The absolute URL of the served module, for {@code import()}. */
    String moduleUrl() {
        return origin() + scriptPath;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean get = "GET".equals(exchange.getRequestMethod());
            if (get && "/".equals(path)) {
                send(exchange, 200, "text/html; charset=utf-8", PAGE);
            } else if (get && scriptPath.equals(path)) {
                send(exchange, 200, "text/javascript; charset=utf-8", script); // a module needs a JavaScript type
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
