package tw.mobileauth.carrier.spi;

import java.util.Locale;

/**
 * Creates {@link CarrierAdapter}s for one carrier. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/tw.mobileauth.carrier.spi.CarrierAdapterFactory}).
 *
 * <p>Implementations must be stateless, cheap to construct, and have a public no-argument
 * constructor; there is one instance per JVM. Two factories with the same {@link #id()} on one
 * class path are a deployment error that core reports at start-up, naming both classes.
 */
public interface CarrierAdapterFactory {

    /** {@return the carrier's stable id, lower case: {@code cht}, {@code twm}, {@code fet}, …} */
    String id();

    /**
     * {@return the carrier's name for the application form's drop-down, e.g. 中華電信 for
     * {@code Locale.TAIWAN} and "Chunghwa Telecom" for English}
     *
     * @param locale the language to answer in
     */
    String displayName(Locale locale);

    /** {@return where this carrier sorts in lists shown to people; lower first, ties broken by id} */
    int order();

    /**
     * {@return whether {@link #create(CarrierConfig)} can work with this configuration (for example, it
     * names a base URI and a client signing key of the kind this carrier needs)} Never throws.
     *
     * @param config the configuration to check or apply
     */
    boolean isSupported(CarrierConfig config);

    /**
     * Creates an adapter bound to {@code config}. The adapter owns any resources it opens and
     * releases them on {@link CarrierAdapter#close()}.
     *
     * @param config the configuration to check or apply
     * @return the carrier adapter
     * @throws IllegalArgumentException if {@link #isSupported(CarrierConfig)} is false for it
     */
    CarrierAdapter create(CarrierConfig config);
}
