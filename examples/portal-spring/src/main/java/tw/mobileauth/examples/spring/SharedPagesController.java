package tw.mobileauth.examples.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import tw.mobileauth.examples.web.DemoPortal;
import tw.mobileauth.examples.web.WebRequest;
import tw.mobileauth.examples.web.WebResponse;

/**
 * The shared demo pages behind one catch-all: converts the servlet request into a framework-neutral
 * {@link WebRequest}, lets {@link DemoPortal} answer, and writes its {@link WebResponse} as it is
 * (status, headers in order with repeated {@code Set-Cookie}, body). Mapped to {@code /**}, the
 * least specific pattern, so every more specific mapping (the REST API under {@code /rest/v1})
 * wins over it.
 */
@Controller
public class SharedPagesController {

    /** The largest request body the pages accept; their forms are small. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SharedPagesController.class);

    private final DemoPortal portal;

    /** Serves {@code portal}'s pages. */
    public SharedPagesController(DemoPortal portal) {
        this.portal = portal;
    }

    /** Every request no other mapping claims. */
    @RequestMapping("/**")
    public void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebRequest web;
        try {
            web = toWebRequest(request);
        } catch (URISyntaxException e) {
            write(plain(400, "請求路徑無效。 / The request path is not valid."), response);
            return;
        } catch (RequestBodies.TooLargeException e) {
            write(plain(413, "送出的資料太大。 / The request body is too large."), response);
            return;
        }
        write(portal.handle(web), response);
    }

    /** The servlet request as the pages see it; the path is decoded, the query left raw. */
    static WebRequest toWebRequest(HttpServletRequest request)
            throws IOException, URISyntaxException, RequestBodies.TooLargeException {
        String rawPath = request.getRequestURI().substring(request.getContextPath().length());
        // The raw path is still percent-encoded; URI decodes it (and rejects a malformed escape).
        String path = new URI("http://portal" + (rawPath.isEmpty() ? "/" : rawPath)).getPath();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return new WebRequest(request.getMethod(), path, request.getQueryString(), headers,
                RequestBodies.read(request, MAX_BODY_BYTES), request.getRemoteAddr(), request.isSecure());
    }

    /** Writes {@code web} to the servlet response: status, every header in order, body. */
    static void write(WebResponse web, HttpServletResponse response) throws IOException {
        response.setStatus(web.status());
        for (Map.Entry<String, String> header : web.headers()) {
            response.addHeader(header.getKey(), header.getValue());
        }
        byte[] body = web.body();
        response.setContentLength(body.length);
        if (body.length > 0) {
            response.getOutputStream().write(body);
        }
        response.flushBuffer();
    }

    private static WebResponse plain(int status, String text) {
        LOG.debug("refused a page request with {}", status); // never the path or query: personal data
        return new WebResponse(status, List.of(Map.entry("Content-Type", "text/plain; charset=utf-8"),
                Map.entry("Cache-Control", "no-store")), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
