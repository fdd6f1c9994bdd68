package tw.mobileauth.examples.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tw.mobileauth.i18n.LocalizedText;

/**
 * One request in progress: the parsed query and form, the browser's session, the page language,
 * and the cookies to set on the way out.
 */
final class Exchange {

    static final ObjectMapper JSON = new ObjectMapper();

    final WebRequest request;
    final Sessions.Web session;
    final Locale locale;
    final Map<String, String> query;
    final Map<String, String> cookies;
    final List<Map.Entry<String, String>> setCookies = new ArrayList<>();
    private Map<String, String> form;

    Exchange(WebRequest request, Sessions.Web session, Locale locale, Map<String, String> cookies) {
        this.request = request;
        this.session = session;
        this.locale = locale;
        this.query = decodePairs(request.rawQuery());
        this.cookies = cookies;
    }

    boolean english() {
        return Locale.ENGLISH.equals(locale);
    }

    /** The text in the page's language. */
    String t(String zh, String en) {
        return english() ? en : zh;
    }

    String t(LocalizedText text) {
        return text.in(english() ? Locale.ENGLISH : Locale.TAIWAN);
    }

    /** The url-encoded form body (empty for another content type). */
    Map<String, String> form() {
        if (form == null) {
            String type = request.header("Content-Type").orElse("");
            form = type.startsWith("application/x-www-form-urlencoded")
                    ? decodePairs(new String(request.body(), StandardCharsets.UTF_8)) : Map.of();
        }
        return form;
    }

    String formValue(String name) {
        return form().getOrDefault(name, "");
    }

    String body() {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    /** The body as a JSON object, or an empty object when it is not one. */
    JsonNode jsonBody() {
        try {
            JsonNode node = JSON.readTree(body());
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    /** Whether the request carries this session's CSRF token (form field or header). */
    boolean csrfOk() {
        String presented = request.header(Csrf.HEADER).orElseGet(() -> formValue("csrf"));
        return Csrf.matches(session.csrf, presented);
    }

    void setCookie(String value) {
        setCookies.add(Map.entry("Set-Cookie", value));
    }

    ObjectNode newJson() {
        return JSON.createObjectNode();
    }

    static Map<String, String> decodePairs(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException malformed) {
                // a malformed %-escape: skip the pair, as if it was not sent
            }
        }
        return out;
    }
}
