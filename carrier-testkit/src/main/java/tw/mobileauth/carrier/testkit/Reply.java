package tw.mobileauth.carrier.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer the fake networks are about to send. */
final class Reply {

    static final String JSON = "application/json";

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;

    private Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
    }

    static Reply json(int status, JsonNode node) {
        return new Reply(status, JSON, Json.bytes(node), new LinkedHashMap<>());
    }

    /** A CAMARA ErrorInfo: {@code {"status":…,"code":…,"message":…}}. */
    static Reply error(int status, String code, String message) {
        ObjectNode n = Json.object();
        n.put("status", status);
        n.put("code", code);
        n.put("message", message);
        return json(status, n);
    }

    /** An OAuth 2.0 error body: {@code {"error":…,"error_description":…}}, never cached. */
    static Reply oauthError(int status, String error, String description) {
        ObjectNode n = Json.object();
        n.put("error", error);
        n.put("error_description", description);
        return json(status, n).with("Cache-Control", "no-store");
    }

    static Reply redirect(int status, String location) {
        return new Reply(status, "", new byte[0], new LinkedHashMap<>()).with("Location", location);
    }

    static Reply html(int status, String html) {
        return new Reply(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                new LinkedHashMap<>()).with("Cache-Control", "no-store");
    }

    static Reply raw(int status, String contentType, String body) {
        return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    Reply with(String header, String value) {
        headers.put(header, value);
        return this;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    byte[] body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }
}
