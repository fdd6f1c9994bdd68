package tw.mobileauth.carrier.testkit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tw.mobileauth.carrier.spi.Msisdn;

/**
 * The simulated radio network: which device (by handle) holds which number and how it is
 * connected right now. Thread-safe.
 *
 * <p>Default: every fixture number's handle {@link #defaultHandle(Msisdn) "device:"+E.164} is
 * attached to its own carrier over 4G. {@link FakeCarrierNetworks#reset()} restores exactly that
 * and forgets every other handle. A request names its device with the {@code X-MobileAuth-Device}
 * header or the {@code mobileauth-device} cookie.
 */
public final class NetworkAttachments {

    private static final String DEFAULT_PREFIX = "device:";

    private final SubscriberFixture fixture;
    private final Map<String, Attachment> table = new ConcurrentHashMap<>();

    NetworkAttachments(SubscriberFixture fixture) {
        this.fixture = fixture;
        resetToDefaults();
    }

    /**
     * What the simulated network sees for one device.
     *
     * @param number the number of the SIM in the device
     * @param access how the device is connected
     */
    public record Attachment(Msisdn number, Access access) {
        /**
         * Checks that no component is null.
         *
         * @param number the number value
         * @param access the access value
         */
        public Attachment {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(access, "access");
        }
    }

    /**
     * {@return the handle of a fixture number's default device: {@code "device:" + e164}, e.g. {@code device:+886912000101}}
     *
     * @param number the number value
     */
    public static String defaultHandle(Msisdn number) {
        return DEFAULT_PREFIX + number.e164();
    }

    /**
     * Attaches (or re-attaches) a device: from now on requests carrying {@code deviceHandle} come
     * from {@code number} over {@code access}.
     *
     * @param deviceHandle the device handle
     * @param number the number value
     * @param access the access value
     * @throws IllegalArgumentException if the handle is blank or has characters outside visible ASCII
     */
    public void attach(String deviceHandle, Msisdn number, Access access) {
        table.put(checkHandle(deviceHandle), new Attachment(number, access));
    }

    /**
     * Removes a device; its requests then come from nowhere the carrier knows (refused at authorize).
     *
     * @param deviceHandle the device handle
     */
    public void detach(String deviceHandle) {
        table.remove(Objects.requireNonNull(deviceHandle, "deviceHandle"));
    }

    /**
     * {@return the device's current attachment, if it is attached}
     *
     * @param deviceHandle the device handle
     */
    public Optional<Attachment> of(String deviceHandle) {
        return Optional.ofNullable(table.get(Objects.requireNonNull(deviceHandle, "deviceHandle")));
    }

    /** The carrier whose network carries {@code attachment}'s data, if any (Wi-Fi and unknown numbers: none). */
    Optional<String> carrierNetwork(Attachment attachment) {
        Access access = attachment.access();
        if (access instanceof Access.OtherCarrier other) {
            return Optional.of(other.carrierId());
        }
        if (access instanceof Access.Wifi) {
            return Optional.empty();
        }
        return fixture.byNumber(attachment.number()).map(Subscriber::carrierId);
    }

    void resetToDefaults() {
        table.clear();
        for (Subscriber s : fixture.all()) {
            table.put(defaultHandle(s.msisdn()), new Attachment(s.msisdn(), Access.g4()));
        }
    }

    private static String checkHandle(String handle) {
        Objects.requireNonNull(handle, "deviceHandle");
        if (handle.isBlank() || handle.length() > 200
                || !handle.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';' && c != ',')) {
            throw new IllegalArgumentException("device handle must be 1-200 visible ASCII characters without"
                    + " ';' or ',' (it travels in a header or cookie), e.g. \"phone-1\"");
        }
        return handle;
    }
}
