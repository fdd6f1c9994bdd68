package tw.mobileauth.carrier.testkit;

/**
 * A subscriber fixture is not valid: unreadable JSON, a missing or malformed field, an ID that
 * fails its checksum, a duplicate number or scenario. The message names the subscriber's position
 * and the field, and says what to fix.
 */
public final class FixtureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FixtureException(String message) {
        super(message);
    }

    FixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}
