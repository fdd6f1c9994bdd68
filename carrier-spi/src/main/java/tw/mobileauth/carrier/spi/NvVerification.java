package tw.mobileauth.carrier.spi;

import java.util.Objects;

/**
 * What {@link CarrierAdapter#completeNumberVerification} learned with one single-use token.
 *
 * @param result  the number verification outcome
 * @param network the device's attachment when it verified
 */
public record NvVerification(NvResult result, NetworkStatus network) {

    /**
     * Checks the components; none may be null.
     *
     * @param result the result value
     * @param network the network value
     */
    public NvVerification {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(network, "network");
    }
}
