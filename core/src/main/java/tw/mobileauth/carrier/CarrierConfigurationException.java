package tw.mobileauth.carrier;

/**
 * The carrier set-up is wrong: two factories claim one id, a configured carrier has no factory,
 * or its settings are incomplete. A deployment error, raised at start-up, never per request.
 * The message names what is wrong and how to fix it.
 */
public final class CarrierConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CarrierConfigurationException(String message) {
        super(message);
    }

    CarrierConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
