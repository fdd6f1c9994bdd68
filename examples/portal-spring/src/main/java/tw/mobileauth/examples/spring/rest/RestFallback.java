package tw.mobileauth.examples.spring.rest;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import tw.mobileauth.i18n.LocalizedText;

/**
 * Any request under {@code /rest} that no API method takes: a typed JSON {@code 405} (with
 * {@code Allow}) when the path exists with other methods, else a {@code 404}. So a client's typo
 * never reaches the shared pages' catch-all and never gets an HTML page back.
 */
@RestController
public class RestFallback {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    /** Reads the API's own mappings from Spring MVC's {@code requestMappingHandlerMapping}. */
    public RestFallback(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /** Every request under {@code /rest} that no API method took. */
    @RequestMapping("/rest/**")
    public ResponseEntity<ApiError> unmatched(HttpServletRequest request) {
        Set<String> allowed = allowedMethods(request);
        if (allowed.isEmpty()) {
            return RestErrors.json(HttpStatus.NOT_FOUND, ApiError.of("NOT_FOUND", null,
                    new LocalizedText("沒有這個 API。", "There is no such API."),
                    new LocalizedText("請參閱 API 說明（/rest/v1/…）。", "See the API documentation (/rest/v1/…).")));
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ALLOW, String.join(", ", allowed))
                .body(ApiError.of("METHOD_NOT_ALLOWED", null,
                        new LocalizedText("這個網址不接受此 HTTP 方法。", "This URL does not accept this HTTP method."),
                        new LocalizedText("請改用 " + String.join("、", allowed) + "。",
                                "Use " + String.join(" or ", allowed) + " instead.")));
    }

    /** The methods the API's own mappings (not this fallback) take on the request's path. */
    private Set<String> allowedMethods(HttpServletRequest request) {
        Set<String> allowed = new TreeSet<>();
        RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
        if (mapping == null) {
            return allowed;
        }
        var path = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication()
                : ServletRequestPathUtils.parseAndCache(request).pathWithinApplication();
        for (var entry : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().equals(RestFallback.class.getPackageName())
                    || handler.getBeanType() == RestFallback.class) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            var patterns = info.getPathPatternsCondition();
            if (patterns == null) {
                continue;
            }
            for (PathPattern pattern : patterns.getPatterns()) {
                if (pattern.matches(path)) {
                    info.getMethodsCondition().getMethods().forEach(m -> allowed.add(m.name()));
                }
            }
        }
        return allowed;
    }
}
