package tw.mobileauth.carrier.testkit;

import java.util.Objects;
import tw.mobileauth.carrier.spi.AccessNetwork;

/**
 * How a device reaches the internet, as the simulated radio network sees it. Made by the
 * factories: {@link #g4()}, {@link #g5()}, {@link #g3()}, {@link #wifi()},
 * {@link #roaming(int, boolean)} and {@link #otherCarrier(String)}.
 *
 * <p>At the authorize endpoint only {@link Cellular} and {@link Roaming} on the carrier that holds
 * the device's number count as "this carrier's mobile data"; {@link Wifi} and
 * {@link OtherCarrier} are refused with {@code error=access_denied}
 * ({@code not_on_mobile_network}).
 */
public sealed interface Access permits Access.Cellular, Access.Wifi, Access.Roaming, Access.OtherCarrier {

    /** {@return on the number's own carrier, at home, over 4G} */
    static Access g4() {
        return new Cellular(AccessNetwork.G4);
    }

    /** {@return on the number's own carrier, at home, over 5G} */
    static Access g5() {
        return new Cellular(AccessNetwork.G5);
    }

    /** {@return on the number's own carrier, at home, over 3G (e.g. a lingering CHT 3G cell on an outlying island)} */
    static Access g3() {
        return new Cellular(AccessNetwork.G3);
    }

    /** {@return on Wi-Fi (or a hotspot, or a VPN): the carrier cannot see the device} */
    static Access wifi() {
        return new Wifi();
    }

    /**
     * {@return roaming abroad on the number's own carrier's data}
     *
     * @param countryCode the visited country as the carrier reports it (CAMARA {@code countryCode},
     *                    a mobile country code such as 440 for Japan)
     * @param g5          whether the visited network is 5G (else 4G)
     */
    static Access roaming(int countryCode, boolean g5) {
        return new Roaming(countryCode, g5);
    }

    /**
     * {@return on another carrier's mobile data, e.g. a dual-SIM phone using its other SIM for data}
     *
     * @param carrierId the carrier id
     */
    static Access otherCarrier(String carrierId) {
        return new OtherCarrier(carrierId);
    }

    /**
     * Home cellular access on the number's own carrier.
     *
     * @param generation G2 to G5
     */
    record Cellular(AccessNetwork generation) implements Access {
        /**
         * @param generation the generation value
         * @throws IllegalArgumentException if {@code generation} is {@code UNKNOWN}
         */
        public Cellular {
            Objects.requireNonNull(generation, "generation");
            if (generation == AccessNetwork.UNKNOWN) {
                throw new IllegalArgumentException("a cellular attachment needs a generation (G2-G5), not UNKNOWN");
            }
        }
    }

    /** Wi-Fi: no mobile data session the carrier could map. */
    record Wifi() implements Access {
    }

    /**
     * Roaming abroad.
     *
     * @param countryCode the visited country code, 1-999
     * @param g5          5G when true, else 4G
     */
    record Roaming(int countryCode, boolean g5) implements Access {
        /**
         * @param countryCode the country code
         * @param g5 the g5 value
         * @throws IllegalArgumentException if the country code is outside 1-999
         */
        public Roaming {
            if (countryCode < 1 || countryCode > 999) {
                throw new IllegalArgumentException("countryCode must be 1-999 (e.g. 440 for Japan), was "
                        + countryCode);
            }
        }
    }

    /**
     * Another carrier's mobile data.
     *
     * @param carrierId the carrier whose network carries the data, e.g. {@code fet}
     */
    record OtherCarrier(String carrierId) implements Access {
        /**
         * @param carrierId the carrier id
         * @throws IllegalArgumentException if the id is blank
         */
        public OtherCarrier {
            Objects.requireNonNull(carrierId, "carrierId");
            if (carrierId.isBlank()) {
                throw new IllegalArgumentException("carrierId must not be blank, e.g. \"fet\"");
            }
        }
    }
}
