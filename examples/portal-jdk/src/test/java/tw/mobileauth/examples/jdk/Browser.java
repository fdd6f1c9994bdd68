package tw.mobileauth.examples.jdk;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser (or phone) for the portal-jdk tests, the resilience tests included: its own cookie
 * jar, no redirects followed, the page's CSRF token, and
 * the User-Agent it sends (the JDK client's own unless given).
 */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final URI base;
    private final String userAgent;
    String csrf = "";

    /** The CSRF token of the last page this browser read. */
    public String csrf() {
        return csrf;
    }

    public Browser(URI base) {
        this(base, null);
    }

    /** A browser that sends {@code userAgent} with every request. */
    public Browser(URI base, String userAgent) {
        this.base = base;
        this.userAgent = userAgent;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        return userAgent == null ? b : b.header("User-Agent", userAgent);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(path).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    public HttpResponse<String> form(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> json(String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("X-CSRF-Token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The text content of the element with {@code id} (first match, tags stripped). */
    public static String byId(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</", Pattern.DOTALL).matcher(html);
        return m.find() ? m.group(1).replaceAll("<[^>]+>", "").trim() : null;
    }

    /** The value of attribute {@code attr} on the element with {@code id}. */
    public static String attr(String html, String id, String attr) {
        Matcher m = Pattern.compile("<[^>]*id=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        if (!m.find()) {
            return null;
        }
        Matcher a = Pattern.compile(attr + "=\"([^\"]*)\"").matcher(m.group());
        return a.find() ? a.group(1).replace("&amp;", "&") : null;
    }
}
