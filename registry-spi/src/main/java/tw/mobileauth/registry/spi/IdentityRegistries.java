package tw.mobileauth.registry.spi;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The registry factories this deployment knows, found with {@link ServiceLoader} or given
 * explicitly, in a stable order (by {@link IdentityRegistryFactory#order()}, then id). The
 * registry counterpart of core's carrier discovery.
 *
 * <pre>{@code
 * IdentityRegistries registries = IdentityRegistries.discover(MyPortal.class.getClassLoader());
 * IdentityRegistry nhi = registries.connect("nhi", config);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class IdentityRegistries {

    private final Map<String, IdentityRegistryFactory> factories;

    private IdentityRegistries(List<IdentityRegistryFactory> found) {
        List<IdentityRegistryFactory> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(IdentityRegistryFactory::order).thenComparing(IdentityRegistryFactory::id));
        Map<String, IdentityRegistryFactory> byId = new LinkedHashMap<>();
        for (IdentityRegistryFactory f : sorted) {
            String id = Objects.requireNonNull(f.id(), () -> f.getClass().getName() + ".id() returned null");
            IdentityRegistryFactory previous = byId.putIfAbsent(id, f);
            if (previous != null) {
                throw new RegistryConfigurationException("Two identity registry factories claim the id '" + id + "': "
                        + describe(previous) + " and " + describe(f)
                        + ". Remove one of the jars from the class path, or give one a different id.");
            }
        }
        this.factories = Collections.unmodifiableMap(byId);
    }

    /**
     * Finds every {@link IdentityRegistryFactory} visible to {@code loader}.
     *
     * @param loader the loader value
     * @return the identity registries
     * @throws RegistryConfigurationException if two factories share an id, or a provider cannot be loaded
     */
    public static IdentityRegistries discover(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        List<IdentityRegistryFactory> found = new ArrayList<>();
        try {
            for (IdentityRegistryFactory f : ServiceLoader.load(IdentityRegistryFactory.class, loader)) {
                found.add(f);
            }
        } catch (ServiceConfigurationError e) {
            throw new RegistryConfigurationException("An identity registry factory listed in META-INF/services/"
                    + IdentityRegistryFactory.class.getName() + " could not be loaded: " + e.getMessage(), e);
        }
        return new IdentityRegistries(found);
    }

    /**
     * Uses exactly these factories, without {@link ServiceLoader}.
     *
     * @param factories the factories value
     * @return the identity registries
     * @throws RegistryConfigurationException if two share an id
     */
    public static IdentityRegistries of(List<? extends IdentityRegistryFactory> factories) {
        return new IdentityRegistries(List.copyOf(factories));
    }

    /** {@return the ids, in order} */
    public Set<String> ids() {
        return factories.keySet();
    }

    /**
     * {@return the factory for {@code id}, if this deployment has one}
     *
     * @param id the id
     */
    public Optional<IdentityRegistryFactory> factory(String id) {
        return Optional.ofNullable(factories.get(Objects.requireNonNull(id, "id")));
    }

    /**
     * Creates the registry {@code id} from {@code config}.
     *
     * @param id the id
     * @param config the configuration to check or apply
     * @return the identity registry
     * @throws RegistryConfigurationException if no factory has that id, or it does not support the configuration
     */
    public IdentityRegistry connect(String id, RegistryConfig config) {
        Objects.requireNonNull(config, "config");
        IdentityRegistryFactory f = factory(id).orElseThrow(() -> new RegistryConfigurationException("Identity"
                + " registry '" + id + "' is configured (" + RegistryConfig.SETTINGS_PREFIX + id + ".*) but no adapter"
                + " provides it; known registries: " + factories.keySet()
                + ". Add the registry's adapter jar, or remove its settings."));
        if (!f.isSupported(config)) {
            throw new RegistryConfigurationException("The " + id + " registry adapter (" + describe(f)
                    + ") does not accept " + config + ": check its base URI, client id and client credentials.");
        }
        return f.create(config);
    }

    static String describe(IdentityRegistryFactory f) {
        Class<?> c = f.getClass();
        CodeSource source = c.getProtectionDomain().getCodeSource();
        String where = source == null || source.getLocation() == null ? "unknown location"
                : source.getLocation().toString();
        return c.getName() + " (from " + where + ")";
    }

    @Override
    public String toString() {
        return "IdentityRegistries" + factories.keySet();
    }
}
