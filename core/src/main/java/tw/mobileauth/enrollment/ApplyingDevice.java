package tw.mobileauth.enrollment;

import tw.mobileauth.client.BrowserFamily;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.client.DeviceClass;

/**
 * The device that applied, as the verifying phone shows it before consent, so that a person who
 * is being talked into approving somebody else's application can see that it is not their own
 * computer: its class, its browser family, the network it applied from and when.
 *
 * @param deviceClass   e.g. {@link DeviceClass#DESKTOP}
 * @param browserFamily e.g. {@link BrowserFamily#CHROME}; {@link BrowserFamily#UNKNOWN} when the
 *                      portal passed no User-Agent
 * @param network       a coarse network prefix, never a full address: IPv4 /24
 *                      ({@code 203.0.113.0/24}) or IPv6 /48 ({@code 2001:db8:85a3::/48}); empty when
 *                      the portal passed no IP address or it was not an address literal
 * @param appliedAt     when the application was made
 */
public record ApplyingDevice(DeviceClass deviceClass, BrowserFamily browserFamily, Optional<String> network,
        Instant appliedAt) {

    /**
     * All required.
     *
     * @param deviceClass the device class
     * @param browserFamily the browser family
     * @param network the network value
     * @param appliedAt the applied at
     */
    public ApplyingDevice {
        Objects.requireNonNull(deviceClass, "deviceClass");
        Objects.requireNonNull(browserFamily, "browserFamily");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }
}
