package tw.mobileauth.carrier.camara.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code application/x-www-form-urlencoded} for token requests and authorize query strings.
 * Spaces become {@code %20}, so the result reads the same under form and URI decoding. Not API.
 */
public final class FormEncoding {

    private FormEncoding() {
    }

    /** Encodes the pairs in iteration order, e.g. {@code a=1&scope=openid%20x}. */
    public static String encode(Map<String, String> pairs) {
        StringJoiner out = new StringJoiner("&");
        pairs.forEach((k, v) -> out.add(component(k) + "=" + component(v)));
        return out.toString();
    }

    /** One percent-encoded component. */
    public static String component(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
