package tw.mobileauth.registry.spi;

/**
 * The deployment's registries cannot be set up: two factories claim one id, a provider cannot be
 * loaded, a configured id has no factory, or a factory refuses its configuration. Thrown at
 * start-up; the message names the classes, jars or settings involved and the fix.
 */
public final class RegistryConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A problem described by {@code message}.
     *
     * @param message the detail message (never holds personal data)
     */
    public RegistryConfigurationException(String message) {
        super(message);
    }

    /**
     * A problem described by {@code message}, caused by {@code cause}.
     *
     * @param message the detail message (never holds personal data)
     * @param cause the underlying failure, or null
     */
    public RegistryConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
