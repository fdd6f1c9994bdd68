package tw.mobileauth.carrier.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of network-based number verification.
 *
 * @param verified   whether the device's mobile-data connection belongs to the number
 *                   ({@code devicePhoneNumberVerified}); false is a result, not an error
 * @param method     always {@link Method#NETWORK_BASED} for this SPI
 * @param amr        authentication method references the carrier reported, possibly empty
 * @param verifiedAt when the carrier answered
 */
public record NvResult(boolean verified, Method method, List<String> amr, Instant verifiedAt) {

    /** How the number was verified. */
    public enum Method {
        /** The carrier mapped the device's mobile-data session to the subscriber. */
        NETWORK_BASED
    }

    /**
     * Checks the components and copies {@code amr}; none may be null.
     *
     * @param verified the verified value
     * @param method the method value
     * @param amr the amr value
     * @param verifiedAt the verified at
     */
    public NvResult {
        Objects.requireNonNull(method, "method");
        amr = List.copyOf(amr);
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }
}
