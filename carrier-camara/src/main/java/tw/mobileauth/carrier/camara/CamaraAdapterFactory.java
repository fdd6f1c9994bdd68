package tw.mobileauth.carrier.camara;

import java.util.Locale;
import java.util.Objects;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierConfig;

/**
 * The {@link CarrierAdapterFactory} of a CAMARA carrier: id, names and order are fixed by the
 * subclass's constructor; {@link #profile(CarrierConfig)} supplies what differs on the wire.
 * Stateless; subclasses need a public no-argument constructor for {@link java.util.ServiceLoader}.
 *
 * <p>Every CAMARA adapter reads the optional {@link CarrierConfig#property(String) property}
 * {@value CamaraAdapter#ID_TOKEN_KEY}: the carrier's ID-token public key (EC P-256, base64 X.509
 * SubjectPublicKeyInfo or PEM). Set, every ID token must be signed by that one key; absent (the
 * default), by the key its {@code kid} selects from the carrier's JWK set (the discovery document's
 * {@code jwks_uri}). Either way the signature, issuer, audience, expiry and nonce are all checked
 * ({@link IdTokenVerifier}); an unsigned token is always refused.
 */
public abstract class CamaraAdapterFactory implements CarrierAdapterFactory {

    private final String id;
    private final String chineseName;
    private final String englishName;
    private final int order;

    /**
     * @param id          the carrier id, e.g. {@code cht}
     * @param chineseName the name shown for Chinese locales, e.g. 中華電信
     * @param englishName the name shown for every other locale, e.g. Chunghwa Telecom
     * @param order       where it sorts in lists shown to people, lower first
     */
    protected CamaraAdapterFactory(String id, String chineseName, String englishName, int order) {
        this.id = Objects.requireNonNull(id, "id");
        this.chineseName = Objects.requireNonNull(chineseName, "chineseName");
        this.englishName = Objects.requireNonNull(englishName, "englishName");
        this.order = order;
    }

    /**
     * {@return the carrier's wire profile for {@code config}; its {@link CamaraProfile#carrierId()} must be {@link #id()}}
     *
     * @param config the configuration to check or apply
     */
    protected abstract CamaraProfile profile(CarrierConfig config);

    @Override
    public final String id() {
        return id;
    }

    /** The Chinese name for any {@code zh} locale, the English name otherwise. */
    @Override
    public final String displayName(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? chineseName : englishName;
    }

    @Override
    public final int order() {
        return order;
    }

    /** True when the config has an http(s) base URI and an EC P-256 client signing key. */
    @Override
    public final boolean isSupported(CarrierConfig config) {
        return config != null && CamaraAdapter.unsupportedBecause(config).isEmpty();
    }

    @Override
    public final CarrierAdapter create(CarrierConfig config) {
        CamaraProfile profile = profile(config);
        if (!id.equals(profile.carrierId())) {
            throw new IllegalStateException("factory " + id + " made a profile for " + profile.carrierId());
        }
        return CamaraAdapter.create(config, profile);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + "]";
    }
}
