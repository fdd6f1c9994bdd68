package tw.mobileauth.examples.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as any server hands it over: the JDK's {@code HttpExchange}, a servlet request,
 * or a test. The demo's pages are written once against this and {@link WebResponse}, so every
 * example stack serves exactly the same pages.
 *
 * @param method        the HTTP method, upper case
 * @param path          the decoded path, starting with {@code /}
 * @param rawQuery      the raw (still encoded) query string, empty when there is none
 * @param headers       the request headers; names are compared without regard to case
 * @param body          the request body, empty when there is none
 * @param remoteAddress the client's IP address as the server saw it
 * @param secure        whether the request arrived over TLS
 */
@SuppressWarnings("ArrayRecordComponent") // one request being handled; never compared or used as a key
public record WebRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
        byte[] body, String remoteAddress, boolean secure) {

    public WebRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        rawQuery = rawQuery == null ? "" : rawQuery;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body.clone();
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
    }

    /** The first value of header {@code name}, if sent. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return method + " " + path; // never the query, headers or body: they may carry personal data
    }
}
