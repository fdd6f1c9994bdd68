package tw.mobileauth.examples.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the page scripts and styles ({@code /static/mobileauth-portal/…} from
 * {@code META-INF/resources/mobileauth-portal/}) and the SDK's browser client
 * ({@code /webjars/…} from {@code META-INF/resources/webjars/}), from the class path.
 */
final class StaticFiles {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private StaticFiles() {
    }

    /** The file for {@code path}, or empty when it is not a static path or there is no such file. */
    static Optional<WebResponse> serve(String path) {
        String resource;
        if (path.startsWith("/static/mobileauth-portal/")) {
            resource = "META-INF/resources/mobileauth-portal/" + path.substring("/static/mobileauth-portal/".length());
        } else if (path.startsWith("/webjars/")) {
            resource = "META-INF/resources/webjars/" + path.substring("/webjars/".length());
        } else {
            return Optional.empty();
        }
        if (!SAFE.matcher(resource).matches() || resource.contains("..")) {
            return Optional.empty();
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new WebResponse(200, List.of(Map.entry("Content-Type", type(resource)),
                    Map.entry("Cache-Control", "no-cache")), in.readAllBytes()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String type(String name) {
        if (name.endsWith(".js") || name.endsWith(".mjs")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }
}
