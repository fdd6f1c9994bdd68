package tw.mobileauth.enrollment;

import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.eligibility.DeviceClass;

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

    /** All three required (use {@link Optional#empty()}). */
    public ClientContext {
        Objects.requireNonNull(deviceClass, "deviceClass");
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /** Just the device class. */
    public static ClientContext of(DeviceClass deviceClass) {
        return new ClientContext(deviceClass, Optional.empty(), Optional.empty());
    }

    /**
     * The masked form kept in consent records and audit events: the device class, the IP with its
     * last part hidden, the first 60 characters of the user agent (non-ASCII shown as {@code ?}),
     * e.g. {@code DESKTOP ip=203.0.113.* ua=Mozilla/5.0 …}.
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
