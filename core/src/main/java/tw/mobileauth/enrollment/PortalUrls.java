package tw.mobileauth.enrollment;

import java.net.URI;
import java.util.Objects;
import tw.mobileauth.PortalOrigin;

/**
 * The portal's public URLs the service puts into QR codes and carrier requests.
 *
 * @param origin           the portal's web origin on the application page, e.g.
 *                         {@code https://portal.example.tw}: the device key's proof of possession is
 *                         verified against this value, never one the client sends; the same rule as
 *                         the login service's origin ({@link PortalOrigin})
 * @param handoff          the page the phone opens from the QR code; the service appends
 *                         {@code ?t=<handoff token>} (or {@code &t=} if it has a query), e.g.
 *                         {@code https://portal.example.tw/mobile/h}
 * @param carrierCallback  the redirect URI registered at every carrier, where the phone comes back
 *                         with {@code code} and {@code state}, e.g.
 *                         {@code https://portal.example.tw/mobile/callback}
 */
public record PortalUrls(PortalOrigin origin, URI handoff, URI carrierCallback) {

    /**
     * @param origin where the failure happened
     * @param handoff the handoff value
     * @param carrierCallback the carrier callback
     * @throws IllegalArgumentException unless the URLs are absolute {@code https} URLs (or
     *                                  {@code http} on loopback) without a fragment
     */
    public PortalUrls {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(handoff, "handoff");
        Objects.requireNonNull(carrierCallback, "carrierCallback");
        check("handoff", handoff);
        check("carrierCallback", carrierCallback);
    }

    /**
     * With the origin as text, e.g. {@code "https://portal.example.tw"}.
     *
     * @param origin where the failure happened
     * @param handoff the handoff value
     * @param carrierCallback the carrier callback
     * @throws IllegalArgumentException if {@link PortalOrigin#of(String)} refuses the origin, or as the canonical constructor
     */
    public PortalUrls(String origin, URI handoff, URI carrierCallback) {
        this(PortalOrigin.of(origin), handoff, carrierCallback);
    }

    private static void check(String name, URI u) {
        if (!u.isAbsolute() || u.getRawFragment() != null || u.getRawUserInfo() != null
                || !PortalOrigin.isSecureOrLoopback(u)) {
            throw new IllegalArgumentException("PortalUrls." + name + " must be an absolute https URL (http only on "
                    + "localhost, 127.0.0.1 or [::1]) without a fragment, e.g. https://portal.example.tw/mobile/h; got "
                    + u);
        }
    }

    /**
     * {@return the URL the QR code carries for {@code token}: {@link #handoff()} with {@code t=<token>}
     * appended ({@code ?t=} or {@code &t=})} Public so a portal can build and test its own handoff page.
     *
     * @param token the token value
     */
    public URI handoffUrl(String token) {
        Objects.requireNonNull(token, "token");
        String s = handoff.toString();
        return URI.create(s + (handoff.getRawQuery() == null ? "?t=" : "&t=") + token);
    }

    /**
     * {@return the handoff token in a request to the handoff page: the {@code t} query parameter of
     * {@code requestUrl} (the first one), or empty} Never fails.
     *
     * @param requestUrl the request url
     */
    public static java.util.Optional<String> handoffToken(URI requestUrl) {
        if (requestUrl == null || requestUrl.getRawQuery() == null) {
            return java.util.Optional.empty();
        }
        for (String pair : requestUrl.getRawQuery().split("&", -1)) {
            if (pair.startsWith("t=")) {
                try {
                    return java.util.Optional.of(java.net.URLDecoder.decode(pair.substring(2),
                            java.nio.charset.StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    return java.util.Optional.empty();
                }
            }
        }
        return java.util.Optional.empty();
    }
}
