package tw.mobileauth.examples.spring.rest;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.examples.spring.RequestBodies;

/** What the REST controllers read from a request besides their JSON: the client, secrets in headers. */
final class RestRequests {

    /** The applying browser's secret, sent back on every status poll. */
    static final String DESKTOP_SECRET = "MobileAuth-Desktop-Secret";
    /** The phone's session (the pages keep it in the {@link #PHONE_COOKIE} cookie instead). */
    static final String PHONE_SESSION = "MobileAuth-Phone-Session";
    /** The device class the client declares: {@code DESKTOP}, {@code SMARTPHONE}, {@code TABLET_WITH_SIM}, … */
    static final String DEVICE_CLASS = "MobileAuth-Device-Class";
    /** The phone session cookie a browser on the carrier's redirect brings. */
    static final String PHONE_COOKIE = "mobileauth_phone";
    /** The SDK reads at most 16 384 characters of browser JSON; a little room for UTF-8. */
    static final int MAX_JSON_BYTES = 64 * 1024;

    private RestRequests() {
    }

    /**
     * The requesting client: the declared device class (or {@code fallback}), its IP address and
     * User-Agent (the SDK stores both masked).
     *
     * @throws InvalidInputException naming {@value #DEVICE_CLASS} if it is not a device class
     */
    static ClientContext client(HttpServletRequest request, DeviceClass fallback) throws InvalidInputException {
        String declared = request.getHeader(DEVICE_CLASS);
        DeviceClass deviceClass = fallback;
        if (declared != null && !declared.isBlank()) {
            try {
                deviceClass = DeviceClass.valueOf(declared.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of(DEVICE_CLASS, FieldReason.BAD_FORMAT);
            }
        }
        return new ClientContext(deviceClass, Optional.ofNullable(request.getRemoteAddr()),
                Optional.ofNullable(request.getHeader("User-Agent")));
    }

    /**
     * The body as UTF-8 text, at most {@value #MAX_JSON_BYTES} bytes; never logged. Only JSON is
     * read: a cross-site HTML form can post {@code text/plain} or a form encoding without a CORS
     * preflight, never {@code application/json}.
     *
     * @throws HttpMediaTypeNotSupportedException if the body is not declared as JSON
     */
    static String jsonBody(HttpServletRequest request)
            throws IOException, RequestBodies.TooLargeException, HttpMediaTypeNotSupportedException {
        MediaType type;
        try {
            type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        if (type == null || !(MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                || ("json".equals(type.getSubtypeSuffix()) && "application".equals(type.getType())))) {
            throw new HttpMediaTypeNotSupportedException(request.getContentType() == null ? "none" : "not JSON");
        }
        return new String(RequestBodies.read(request, MAX_JSON_BYTES), StandardCharsets.UTF_8);
    }

    /** The phone session from the header, else the cookie; null when there is neither. */
    static String phoneSession(HttpServletRequest request) {
        String header = request.getHeader(PHONE_SESSION);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (PHONE_COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
