package tw.mobileauth.registry.spi;

import java.util.Locale;

/**
 * Creates {@link IdentityRegistry} clients for one registry. Found with
 * {@link java.util.ServiceLoader}
 * ({@code META-INF/services/tw.mobileauth.registry.spi.IdentityRegistryFactory}); see
 * {@link IdentityRegistries}.
 *
 * <p>Implementations are stateless, cheap to construct and have a public no-argument
 * constructor. Two factories with the same {@link #id()} on one class path are a deployment error,
 * reported at start-up naming both classes and their jars.
 */
public interface IdentityRegistryFactory {

    /**
     * {@return the registry's stable id, lower case, e.g. {@code nhi}; also the settings group {@code mobileauth.registry.<id>.*}}
     */
    String id();

    /**
     * {@return the registry's name for operators and the help page, e.g. 衛生福利部中央健康保險署 for
     * {@code Locale.TAIWAN} and "National Health Insurance Administration" for English}
     *
     * @param locale the language to answer in
     */
    String displayName(Locale locale);

    /** {@return where this registry sorts in lists; lower first, ties broken by id} */
    int order();

    /**
     * {@return whether {@link #create(RegistryConfig)} can work with this configuration, for example
     * whether it has the kind of client credentials this registry needs} Never throws.
     *
     * @param config the configuration to check or apply
     */
    boolean isSupported(RegistryConfig config);

    /**
     * Creates a client bound to {@code config}. It owns what it opens and releases it on
     * {@link IdentityRegistry#close()}.
     *
     * @param config the configuration to check or apply
     * @return the identity registry
     * @throws IllegalArgumentException if {@link #isSupported(RegistryConfig)} is false for it,
     *                                  naming what is missing
     */
    IdentityRegistry create(RegistryConfig config);
}
