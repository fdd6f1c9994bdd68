package tw.mobileauth.carrier.testkit.schema;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request to a carrier's API and the answer it got, as the schema validator sees it.
 *
 * <p>{@code path} is relative to the carrier's API base, the way the CAMARA definitions write it
 * after their {@code {apiRoot}}: for example {@code /number-verification/v2/verify} or the CHT
 * extension {@code /cht/line-profile/v1/retrieve}. A query string, if any, is ignored. Header names
 * are matched without regard to case; only the first value of a header matters here. A missing body
 * is the empty string.
 *
 * @param carrierId       the profile that answered: {@code cht}, {@code twm}, {@code fet} or a third party's id
 * @param method          the HTTP method, e.g. {@code POST}
 * @param path            the request path relative to the carrier's API base
 * @param requestHeaders  request headers by name
 * @param requestBody     the request body as sent ("" when none)
 * @param status          the HTTP status of the answer
 * @param responseHeaders response headers by name
 * @param responseBody    the response body as received ("" when none)
 */
public record Exchange(String carrierId, String method, String path, Map<String, String> requestHeaders,
        String requestBody, int status, Map<String, String> responseHeaders, String responseBody) {

    /**
     * Checks the components.
     *
     * @param carrierId the carrier id
     * @param method the method value
     * @param path the path value
     * @param requestHeaders the request headers
     * @param requestBody the request body
     * @param status the HTTP status, or 0 when no answer arrived
     * @param responseHeaders the response headers
     * @param responseBody the response body
     */
    public Exchange {
        Objects.requireNonNull(carrierId, "carrierId");
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        requestHeaders = caseInsensitiveCopy(requestHeaders);
        requestBody = Objects.requireNonNullElse(requestBody, "");
        responseHeaders = caseInsensitiveCopy(responseHeaders);
        responseBody = Objects.requireNonNullElse(responseBody, "");
    }

    /**
     * {@return the request header {@code name}, if it was sent}
     *
     * @param name the name
     */
    public Optional<String> requestHeader(String name) {
        return Optional.ofNullable(requestHeaders.get(name));
    }

    /**
     * {@return the response header {@code name}, if it was sent}
     *
     * @param name the name
     */
    public Optional<String> responseHeader(String name) {
        return Optional.ofNullable(responseHeaders.get(name));
    }

    /** {@return {@code METHOD path}, the way violations name an exchange no operation matches} */
    public String requestLine() {
        return method + " " + path;
    }

    private static Map<String, String> caseInsensitiveCopy(Map<String, String> headers) {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> copy.putIfAbsent(Objects.requireNonNull(k, "header name"),
                    Objects.requireNonNull(v, () -> "value of header " + k)));
        }
        return java.util.Collections.unmodifiableSortedMap(copy);
    }
}
