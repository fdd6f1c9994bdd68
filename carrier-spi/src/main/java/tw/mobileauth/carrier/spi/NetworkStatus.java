package tw.mobileauth.carrier.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the device is attached, read with the verification token.
 *
 * @param accessNetwork  the connected network type
 * @param roaming        whether the device is roaming
 * @param visitedCountry the visited country's code as the carrier reports it (CAMARA
 *                       {@code countryCode}), present only when roaming and known
 * @param lastStatusTime when the carrier last saw this status, when it says
 */
public record NetworkStatus(AccessNetwork accessNetwork, boolean roaming, OptionalInt visitedCountry,
        Optional<Instant> lastStatusTime) {

    /**
     * Checks the components; none may be null.
     *
     * @param accessNetwork the access network
     * @param roaming the roaming value
     * @param visitedCountry the visited country
     * @param lastStatusTime the last status time
     * @throws IllegalArgumentException if a visited country is given while not roaming
     */
    public NetworkStatus {
        Objects.requireNonNull(accessNetwork, "accessNetwork");
        Objects.requireNonNull(visitedCountry, "visitedCountry");
        Objects.requireNonNull(lastStatusTime, "lastStatusTime");
        if (!roaming && visitedCountry.isPresent()) {
            throw new IllegalArgumentException("visitedCountry is only present when roaming");
        }
    }
}
