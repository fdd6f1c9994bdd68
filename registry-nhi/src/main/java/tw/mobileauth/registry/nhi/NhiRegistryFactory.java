package tw.mobileauth.registry.nhi;

import java.util.Locale;
import tw.mobileauth.registry.spi.IdentityRegistry;
import tw.mobileauth.registry.spi.IdentityRegistryFactory;
import tw.mobileauth.registry.spi.RegistryConfig;

/**
 * The factory of the NHI registry client (id {@code nhi}), found with
 * {@link java.util.ServiceLoader}. It needs a configuration with an EC P-256 request-signing key;
 * a TLS client certificate ({@link RegistryConfig#sslContext()}) is used in addition when given.
 */
public final class NhiRegistryFactory implements IdentityRegistryFactory {

    /** For {@link java.util.ServiceLoader}. */
    public NhiRegistryFactory() {
        // Stateless.
    }

    /** {@code nhi}. */
    @Override
    public String id() {
        return NhiProfile.REGISTRY_ID;
    }

    /** 衛生福利部中央健康保險署 in Chinese, National Health Insurance Administration otherwise. */
    @Override
    public String displayName(Locale locale) {
        return locale.getLanguage().equals("zh") ? "衛生福利部中央健康保險署" : "National Health Insurance Administration";
    }

    /** 100: the only registry of the reference profiles. */
    @Override
    public int order() {
        return 100;
    }

    /** True when the configuration has an EC P-256 signing key: the profile signs every request. */
    @Override
    public boolean isSupported(RegistryConfig config) {
        return config != null && config.clientSigningKey().filter(RequestSigner::isP256).isPresent();
    }

    /**
     * A client bound to {@code config}.
     *
     * @throws IllegalArgumentException if the configuration has no EC P-256 signing key
     */
    @Override
    public IdentityRegistry create(RegistryConfig config) {
        if (!isSupported(config)) {
            throw new IllegalArgumentException("the nhi registry signs every request with ES256, so it needs an EC"
                    + " P-256 signing key (setting mobileauth.registry.nhi.signing-key-file); " + config + " has "
                    + (config == null || config.clientSigningKey().isEmpty() ? "none" : "a key of another kind"));
        }
        return new NhiRegistry(config, new RequestSigner(config.clientId(), config.signingKeyId(),
                config.clientSigningKey().get()));
    }
}
