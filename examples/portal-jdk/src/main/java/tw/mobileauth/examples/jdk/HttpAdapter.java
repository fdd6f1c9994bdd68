package tw.mobileauth.examples.jdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.examples.web.DemoPortal;
import tw.mobileauth.examples.web.WebRequest;
import tw.mobileauth.examples.web.WebResponse;

/** Turns an {@link HttpExchange} into a {@link WebRequest} and writes the {@link WebResponse} back. */
final class HttpAdapter implements HttpHandler {

    /** Request bodies larger than this are refused (the JSON documents are at most 16 KiB). */
    static final int MAX_BODY = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpAdapter.class);

    private final DemoPortal portal;

    HttpAdapter(DemoPortal portal) {
        this.portal = portal;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            WebRequest request = new WebRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                    exchange.getRemoteAddress().getAddress().getHostAddress(), false);
            WebResponse response = portal.handle(request);
            for (Map.Entry<String, String> h : response.headers()) {
                exchange.getResponseHeaders().add(h.getKey(), h.getValue());
            }
            byte[] out = response.body();
            boolean head = "HEAD".equals(request.method());
            exchange.sendResponseHeaders(response.status(), head || out.length == 0 ? -1 : out.length);
            if (!head && out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Connection failed while serving a request", e);
            throw e;
        }
    }
}
