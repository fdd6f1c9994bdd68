package tw.mobileauth.enrollment;

import java.net.URI;
import java.util.Objects;

/**
 * The portal's public URLs the service puts into QR codes and carrier requests.
 *
 * @param origin           the portal's web origin as {@code window.location.origin} shows it on the
 *                         application page, e.g. {@code https://portal.example.tw}: the device key's
 *                         proof of possession is verified against this value, never one the client sends
 * @param handoff          the page the phone opens from the QR code; the service appends
 *                         {@code ?t=<handoff token>} (or {@code &t=} if it has a query), e.g.
 *                         {@code https://portal.example.tw/mobile/h}
 * @param carrierCallback  the redirect URI registered at every carrier, where the phone comes back
 *                         with {@code code} and {@code state}, e.g.
 *                         {@code https://portal.example.tw/mobile/callback}
 */
public record PortalUrls(String origin, URI handoff, URI carrierCallback) {

    /**
     * @throws IllegalArgumentException unless the URLs are absolute http(s) URLs without a fragment
     *                                  and the origin is scheme, host and optional port only
     */
    public PortalUrls {
        Objects.requireNonNull(origin, "origin");
        URI o = URI.create(origin);
        if (!o.isAbsolute() || o.getHost() == null || !(o.getRawPath() == null || o.getRawPath().isEmpty())
                || o.getRawQuery() != null || o.getFragment() != null) {
            throw new IllegalArgumentException("origin must be scheme://host[:port] with no path or slash, e.g. "
                    + "https://portal.example.tw; got " + origin);
        }
        Objects.requireNonNull(handoff, "handoff");
        Objects.requireNonNull(carrierCallback, "carrierCallback");
        for (URI u : new URI[] {handoff, carrierCallback}) {
            if (!u.isAbsolute() || u.getFragment() != null
                    || !("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))) {
                throw new IllegalArgumentException("portal URLs must be absolute http(s) URLs without a fragment, e.g. "
                        + "https://portal.example.tw/mobile/h; got " + u);
            }
        }
    }

    URI handoffUrl(String token) {
        String s = handoff.toString();
        return URI.create(s + (handoff.getRawQuery() == null ? "?t=" : "&t=") + token);
    }
}
