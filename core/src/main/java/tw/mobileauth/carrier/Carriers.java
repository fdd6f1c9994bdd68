package tw.mobileauth.carrier;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.i18n.LocalizedText;

/**
 * The carriers this deployment knows: their factories, found with {@link ServiceLoader} or
 * given explicitly, in a stable order (by {@link CarrierAdapterFactory#order()}, then id).
 *
 * <p>Immutable and thread-safe. Create it once at start-up:
 * <pre>{@code
 * Carriers carriers = Carriers.discover(MyPortal.class.getClassLoader());
 * CarrierAdapters adapters = carriers.connect(CarrierSettings.fromProperties(props));
 * }</pre>
 *
 * <p>Two factories with the same id are a deployment error: {@link #discover(ClassLoader)} fails
 * with a {@link CarrierConfigurationException} naming both classes and the jars they came from.
 */
public final class Carriers {

    private final Map<String, CarrierAdapterFactory> factories;
    private final List<CarrierOption> options;

    private Carriers(List<CarrierAdapterFactory> found) {
        Map<String, CarrierAdapterFactory> byId = new LinkedHashMap<>();
        List<CarrierAdapterFactory> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(CarrierAdapterFactory::order).thenComparing(CarrierAdapterFactory::id));
        for (CarrierAdapterFactory f : sorted) {
            String id = Objects.requireNonNull(f.id(), () -> f.getClass().getName() + ".id() returned null");
            CarrierAdapterFactory previous = byId.putIfAbsent(id, f);
            if (previous != null) {
                throw new CarrierConfigurationException("Two carrier adapter factories claim the id '" + id + "': "
                        + describe(previous) + " and " + describe(f)
                        + ". Remove one of the jars from the class path, or give one a different id.");
            }
        }
        this.factories = Collections.unmodifiableMap(byId);
        List<CarrierOption> opts = new ArrayList<>();
        for (CarrierAdapterFactory f : byId.values()) {
            opts.add(new CarrierOption(f.id(),
                    new LocalizedText(f.displayName(Locale.TAIWAN), f.displayName(Locale.ENGLISH))));
        }
        this.options = List.copyOf(opts);
    }

    /**
     * Finds every {@link CarrierAdapterFactory} visible to {@code loader}.
     *
     * @param loader the loader value
     * @return the carriers
     * @throws CarrierConfigurationException if two factories share an id, or a provider cannot be loaded
     */
    public static Carriers discover(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        List<CarrierAdapterFactory> found = new ArrayList<>();
        try {
            for (CarrierAdapterFactory f : ServiceLoader.load(CarrierAdapterFactory.class, loader)) {
                found.add(f);
            }
        } catch (ServiceConfigurationError e) {
            throw new CarrierConfigurationException("A carrier adapter factory listed in "
                    + "META-INF/services/" + CarrierAdapterFactory.class.getName()
                    + " could not be loaded: " + e.getMessage(), e);
        }
        return new Carriers(found);
    }

    /**
     * Uses exactly these factories, without {@link ServiceLoader}.
     *
     * @param factories the factories value
     * @return the carriers
     * @throws CarrierConfigurationException if two share an id
     */
    public static Carriers of(List<? extends CarrierAdapterFactory> factories) {
        return new Carriers(List.copyOf(factories));
    }

    /** {@return the ids, in display order} */
    public Set<String> ids() {
        return factories.keySet();
    }

    /** {@return the drop-down entries for the application form, in display order} */
    public List<CarrierOption> options() {
        return options;
    }

    /**
     * {@return the factory for {@code id}, if this deployment has one}
     *
     * @param id the id
     */
    public Optional<CarrierAdapterFactory> factory(String id) {
        return Optional.ofNullable(factories.get(id));
    }

    /**
     * Creates one adapter per configured carrier. Carriers without settings are left out; a
     * setting for an unknown carrier is an error.
     *
     * @param configs the configs value
     * @return the carrier adapters
     * @throws CarrierConfigurationException if a configured id has no factory, or its factory
     *                                       does not support the configuration
     */
    public CarrierAdapters connect(Map<String, CarrierConfig> configs) {
        Map<String, CarrierAdapter> adapters = new LinkedHashMap<>();
        try {
            for (String id : configs.keySet()) {
                if (!factories.containsKey(id)) {
                    throw new CarrierConfigurationException("Carrier '" + id + "' is configured but no adapter "
                            + "provides it; known carriers: " + factories.keySet()
                            + ". Add the carrier's adapter jar or remove its settings.");
                }
            }
            for (CarrierAdapterFactory f : factories.values()) {
                CarrierConfig config = configs.get(f.id());
                if (config == null) {
                    continue;
                }
                if (!f.isSupported(config)) {
                    throw new CarrierConfigurationException("The " + f.id() + " adapter (" + describe(f)
                            + ") does not accept " + config + ": check its base URI, client id and signing key.");
                }
                adapters.put(f.id(), f.create(config));
            }
        } catch (RuntimeException e) {
            adapters.values().forEach(CarrierAdapter::close);
            throw e;
        }
        return new CarrierAdapters(adapters);
    }

    /**
     * Binds settings (see {@link CarrierSettings}) and {@linkplain #connect(Map) connects}.
     *
     * @param settings the settings value
     * @return the carrier adapters
     */
    public CarrierAdapters connect(CarrierSettings settings) {
        return connect(settings.configs());
    }

    static String describe(CarrierAdapterFactory f) {
        Class<?> c = f.getClass();
        CodeSource source = c.getProtectionDomain().getCodeSource();
        String where = source == null || source.getLocation() == null ? "unknown location"
                : source.getLocation().toString();
        return c.getName() + " (from " + where + ")";
    }

    @Override
    public String toString() {
        return "Carriers" + factories.keySet();
    }
}
