package tw.mobileauth.client;

import java.util.Objects;

/**
 * The browser a credential (行動電話憑證) is bound to, as coarse as the phone's summary shows it:
 * its device class and browser family, so that a person can tell "the Chrome on my computer" from
 * "the Safari on my phone" in a list of their credentials. Two enum values, never a User-Agent, an
 * address or anything else that identifies a person or fingerprints a browser.
 *
 * <p>Recorded at issuance from the {@link ClientContext} given to the enrolment's {@code begin}:
 * the browser that created and holds the key (on the QR route the desktop, not the phone that
 * verified; on the same-device route that device).
 *
 * @param deviceClass   e.g. {@link DeviceClass#DESKTOP}
 * @param browserFamily e.g. {@link BrowserFamily#CHROME}; {@link BrowserFamily#UNKNOWN} when the
 *                      portal passed no User-Agent
 */
public record BoundDevice(DeviceClass deviceClass, BrowserFamily browserFamily) {

    /**
     * Both required.
     *
     * @param deviceClass the device class
     * @param browserFamily the browser family
     */
    public BoundDevice {
        Objects.requireNonNull(deviceClass, "deviceClass");
        Objects.requireNonNull(browserFamily, "browserFamily");
    }

    /**
     * {@return the device class and browser family of {@code client}}
     *
     * @param client the requesting browser
     */
    public static BoundDevice of(ClientContext client) {
        return new BoundDevice(client.deviceClass(), client.browserFamily());
    }
}
