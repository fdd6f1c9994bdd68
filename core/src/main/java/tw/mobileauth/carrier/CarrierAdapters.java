package tw.mobileauth.carrier;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tw.mobileauth.carrier.spi.CarrierAdapter;

/**
 * The live adapters of a deployment, one per configured carrier. Closing it closes them all.
 */
public final class CarrierAdapters implements AutoCloseable {

    private final Map<String, CarrierAdapter> adapters;

    CarrierAdapters(Map<String, ? extends CarrierAdapter> adapters) {
        this.adapters = Collections.unmodifiableMap(new LinkedHashMap<>(adapters));
    }

    /**
     * Wraps adapters the caller created itself (tests, custom wiring). The map's order is kept.
     *
     * @param adapters the adapters value
     * @return the carrier adapters
     */
    public static CarrierAdapters of(Map<String, ? extends CarrierAdapter> adapters) {
        return new CarrierAdapters(new LinkedHashMap<>(adapters));
    }

    /**
     * {@return the adapter for {@code carrierId}, if that carrier is configured}
     *
     * @param carrierId the carrier id
     */
    public Optional<CarrierAdapter> get(String carrierId) {
        return Optional.ofNullable(adapters.get(carrierId));
    }

    /** {@return the configured carrier ids, in display order} */
    public Set<String> ids() {
        return adapters.keySet();
    }

    /** Closes every adapter. */
    @Override
    public void close() {
        adapters.values().forEach(CarrierAdapter::close);
    }
}
