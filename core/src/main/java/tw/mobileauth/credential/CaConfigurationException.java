package tw.mobileauth.credential;

/**
 * The enrolment CA could not be loaded from its configuration: the keystore is missing or
 * unreadable, the password is wrong, the alias is absent, or the entry is not an ECDSA P-256 CA
 * key with its certificate. The message names the problem and the fix; it never contains the
 * password or key material. This is an operator's configuration error, raised at start-up.
 */
public final class CaConfigurationException extends Exception {

    private static final long serialVersionUID = 1L;

    CaConfigurationException(String message) {
        super(message);
    }

    CaConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
