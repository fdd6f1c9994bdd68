package tw.mobileauth.login;

import java.util.Objects;
import tw.mobileauth.i18n.LocalizedText;

/**
 * We could not finish the request: a store failed or the password hasher was saturated. Not the
 * caller's fault (compare {@link LoginFailedException}). It is not counted as a failed login,
 * except that an attempt whose device signature had already verified was counted before it was
 * evaluated (so that concurrent guesses cannot pass the lock-out, see {@link LockOutPolicy}) and
 * stays counted.
 *
 * <p>Answer "busy, try again shortly" (HTTP 503) with {@link #text()}. Nothing was learnt about
 * the attempt, so the answer reveals nothing either. A challenge consumed before the failure is
 * gone: begin a new login. The cause is kept for the operator's log; its message never contains
 * personal data.
 */
public final class LoginUnavailableException extends Exception {

    /** The message key: {@value}. */
    public static final String MESSAGE_KEY = "login.unavailable";

    private static final long serialVersionUID = 1L;

    /** What failed. */
    public enum Source {
        /** A store (challenges, credentials, counters) threw {@link tw.mobileauth.store.StoreException}. */
        STORE,
        /** Every password-hashing permit stayed busy for the hasher's wait. */
        PASSWORD_HASHER
    }

    /** Which dependency failed. */
    private final Source source;

    LoginUnavailableException(Source source, Throwable cause) {
        super(MESSAGE_KEY + " (" + Objects.requireNonNull(source, "source") + "): "
                + LoginTexts.get(MESSAGE_KEY).en(), cause);
        this.source = source;
    }

    /** {@return what failed} */
    public Source source() {
        return source;
    }

    /** {@return {@value #MESSAGE_KEY}} */
    public String messageKey() {
        return MESSAGE_KEY;
    }

    /** {@return what to show the person: the system is busy, nothing changed, try again in a few seconds} */
    public LocalizedText text() {
        return LoginTexts.get(MESSAGE_KEY);
    }
}
