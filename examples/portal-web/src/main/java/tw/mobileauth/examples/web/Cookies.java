package tw.mobileauth.examples.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code Cookie} header and writes {@code Set-Cookie} values with the demo's flags. */
final class Cookies {

    /** The desktop/login session: HttpOnly, SameSite=Lax, path {@code /}. */
    static final String SESSION = "mobileauth_session";
    /** The phone's session, only sent to {@code /mobile/}. */
    static final String PHONE = "mobileauth_phone";
    /** The page language, readable by nobody but the server too (HttpOnly). */
    static final String LANG = "mobileauth_lang";

    private Cookies() {
    }

    /** Every cookie the request carries (the first of a repeated name wins). */
    static Map<String, String> parse(WebRequest request) {
        Map<String, String> out = new HashMap<>();
        List<String> headers = request.headers().getOrDefault("Cookie", List.of());
        for (String header : headers) {
            for (String part : header.split(";", -1)) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    out.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
        }
        return out;
    }

    /** A {@code Set-Cookie} value: HttpOnly, SameSite=Lax, Secure when the request was TLS. */
    static String set(String name, String value, String path, boolean secure, long maxAgeSeconds) {
        StringBuilder b = new StringBuilder(name).append('=').append(value).append("; Path=").append(path)
                .append("; HttpOnly; SameSite=Lax");
        if (maxAgeSeconds >= 0) {
            b.append("; Max-Age=").append(maxAgeSeconds);
        }
        if (secure) {
            b.append("; Secure");
        }
        return b.toString();
    }

    /** Deletes cookie {@code name} at {@code path}. */
    static String clear(String name, String path, boolean secure) {
        return set(name, "", path, secure, 0);
    }
}
