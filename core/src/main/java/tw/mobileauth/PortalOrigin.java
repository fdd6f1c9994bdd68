package tw.mobileauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The portal's web origin, the one value that enrolment and login both bind device signatures
 * to ({@code SignedMessages}), written as the browser's {@code window.location.origin} writes it.
 * One rule for both services:
 *
 * <ul>
 *   <li>{@code https}, or {@code http} only on loopback ({@code localhost}, {@code 127.0.0.0/8},
 *       {@code [::1]}) for development;</li>
 *   <li>scheme and host lower-cased, the default port ({@code 443}, {@code 80}) dropped, and a
 *       lone trailing {@code /} dropped;</li>
 *   <li>nothing else: no user info, path, query or fragment.</li>
 * </ul>
 *
 * <table>
 *   <caption>Examples</caption>
 *   <tr><th>given</th><th>result</th></tr>
 *   <tr><td>{@code https://portal.example.tw}</td><td>{@code https://portal.example.tw}</td></tr>
 *   <tr><td>{@code https://Portal.Example.tw:443/}</td><td>{@code https://portal.example.tw}</td></tr>
 *   <tr><td>{@code https://portal.example.tw:8443}</td><td>{@code https://portal.example.tw:8443}</td></tr>
 *   <tr><td>{@code http://localhost:8080}</td><td>{@code http://localhost:8080}</td></tr>
 *   <tr><td>{@code http://portal.example.tw}</td><td>refused: http only on loopback</td></tr>
 *   <tr><td>{@code ftp://portal.example.tw}</td><td>refused: not https</td></tr>
 *   <tr><td>{@code https://portal.example.tw/login}</td><td>refused: a path</td></tr>
 * </table>
 *
 * Immutable; equal when the canonical values are equal.
 */
public final class PortalOrigin {

    private final String value;
    private final boolean loopback;

    private PortalOrigin(String value, boolean loopback) {
        this.value = value;
        this.loopback = loopback;
    }

    /**
     * {@return the origin {@code origin} names, in canonical form}
     *
     * @param origin where the failure happened
     * @throws IllegalArgumentException naming the rule it breaks and showing a correct example
     */
    public static PortalOrigin of(String origin) {
        Objects.requireNonNull(origin, "origin");
        String example = " (an origin is scheme://host[:port], e.g. https://portal.example.tw)";
        URI uri;
        try {
            uri = new URI(origin.length() > 2048 ? "" : origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("portal origin is not a URI: '" + origin + "'" + example, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawAuthority() == null || uri.getHost() == null || uri.isOpaque()) {
            throw new IllegalArgumentException("portal origin has no host: '" + origin + "'" + example
                    + "; an internationalised host must be given in its xn-- (punycode) form");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("portal origin must not carry user info: '" + origin + "'" + example);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("portal origin must have no path, query or fragment: '" + origin + "'"
                    + example);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = isLoopback(host);
        if (!("https".equals(scheme) || ("http".equals(scheme) && loopback))) {
            throw new IllegalArgumentException("portal origin must be https (http only on localhost, 127.0.0.1 or"
                    + " [::1]), was '" + origin + "'" + example);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme)
                && port == 80);
        return new PortalOrigin(scheme + "://" + host + (defaultPort ? "" : ":" + port), loopback);
    }

    /** Whether {@code host} (as {@link URI#getHost()} gives it, lower-case) is this machine. */
    static boolean isLoopback(String host) {
        return "localhost".equals(host) || "[::1]".equals(host)
                || host.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");
    }

    /**
     * {@return whether {@code uri} may serve a page of this portal: {@code https}, or {@code http} on a
     * loopback host} Used for the handoff and carrier-callback URLs.
     *
     * @param uri the URI
     */
    public static boolean isSecureOrLoopback(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return ("https".equals(scheme) && !host.isEmpty()) || ("http".equals(scheme) && isLoopback(host));
    }

    /**
     * {@return the canonical origin, e.g. {@code https://portal.example.tw}: what the browser's {@code window.location.origin} shows}
     */
    public String value() {
        return value;
    }

    /** {@return whether it is a loopback origin (development only)} */
    public boolean isLoopback() {
        return loopback;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortalOrigin other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** {@link #value()}. */
    @Override
    public String toString() {
        return value;
    }
}
