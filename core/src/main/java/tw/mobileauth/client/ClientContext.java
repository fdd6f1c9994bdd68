package tw.mobileauth.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What the portal knows about the browser making a request. It decides the route at
 * {@code begin} and is recorded, masked, with the consent.
 *
 * <p>The device class comes from the form (the tablet question "does this device have a SIM
 * with 4G/5G?") and the portal's own user-agent reading:
 * {@link DeviceClass#DESKTOP} and {@link DeviceClass#TABLET_WITHOUT_SIM} go through the QR code;
 * {@link DeviceClass#SMARTPHONE} and {@link DeviceClass#TABLET_WITH_SIM} continue on the same device.
 *
 * @param deviceClass what kind of device this is
 * @param ipAddress   the client's IP address, if the portal passes it; stored masked only
 * @param userAgent   the browser's User-Agent, if the portal passes it; stored shortened
 */
public record ClientContext(DeviceClass deviceClass, Optional<String> ipAddress, Optional<String> userAgent) {

    /**
     * All three required (use {@link Optional#empty()}).
     *
     * @param deviceClass the device class
     * @param ipAddress the ip address
     * @param userAgent the user agent
     */
    public ClientContext {
        Objects.requireNonNull(deviceClass, "deviceClass");
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /**
     * {@return just the device class}
     *
     * @param deviceClass the device class
     */
    public static ClientContext of(DeviceClass deviceClass) {
        return new ClientContext(deviceClass, Optional.empty(), Optional.empty());
    }

    /**
     * {@return the masked form kept in consent records and audit events: the device class, the IP with its
     * last part hidden, the first 60 characters of the user agent (non-ASCII shown as {@code ?}),
     * e.g. {@code DESKTOP ip=203.0.113.* ua=Mozilla/5.0 …}}
     */
    public String masked() {
        StringBuilder b = new StringBuilder(deviceClass.name());
        ipAddress.ifPresent(ip -> b.append(" ip=").append(maskIp(ip)));
        userAgent.ifPresent(ua -> b.append(" ua=").append(printable(ua, 60)));
        return b.toString();
    }

    /** Masked, as {@link #masked()}: e.g. {@code ClientContext[DESKTOP ip=203.0.113.* ua=Mozilla/5.0 …]}. */
    @Override
    public String toString() {
        return "ClientContext[" + masked() + "]";
    }

    /** {@return the browser family read from {@link #userAgent()}, e.g. {@link BrowserFamily#CHROME}} */
    public BrowserFamily browserFamily() {
        return BrowserFamily.of(userAgent);
    }

    /**
     * {@return the network the request came from, coarse: the IPv4 /24 ({@code 203.0.113.0/24}) or IPv6 /48
     * ({@code 2001:db8:85a3::/48}) around {@link #ipAddress()}; empty when there is no address or
     * it is not an IP address literal (a host name is never looked up)}
     */
    public Optional<String> networkPrefix() {
        return ipAddress.flatMap(ClientContext::prefixOf);
    }

    private static Optional<String> prefixOf(String ip) {
        if (ip.length() > 64) {
            return Optional.empty();
        }
        String s = ip.strip();
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] parts = s.split("\\.", -1);
            for (String p : parts) {
                if (Integer.parseInt(p) > 255) {
                    return Optional.empty();
                }
            }
            return Optional.of(Integer.parseInt(parts[0]) + "." + Integer.parseInt(parts[1]) + "."
                    + Integer.parseInt(parts[2]) + ".0/24");
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.length() > 45 || !s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        byte[] address;
        try {
            // A literal with ':' is parsed, never resolved.
            address = java.net.InetAddress.getByName(s).getAddress();
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
        if (address.length == 4) { // an IPv4-mapped IPv6 literal
            return Optional.of((address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + ".0/24");
        }
        return Optional.of(String.format("%x:%x:%x::/48", ((address[0] & 0xff) << 8) | (address[1] & 0xff),
                ((address[2] & 0xff) << 8) | (address[3] & 0xff), ((address[4] & 0xff) << 8) | (address[5] & 0xff)));
    }

    private static String maskIp(String ip) {
        String clean = printable(ip, 45);
        int cut = Math.max(clean.lastIndexOf('.'), clean.lastIndexOf(':'));
        return cut <= 0 ? "*" : clean.substring(0, cut + 1) + "*";
    }

    private static String printable(String s, int max) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(max).forEach(c -> b.appendCodePoint(c >= 0x20 && c < 0x7f ? c : '?'));
        return b.toString();
    }
}
