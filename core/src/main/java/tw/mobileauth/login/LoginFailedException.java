package tw.mobileauth.login;

import tw.mobileauth.i18n.LocalizedText;

/**
 * The login was refused. The caller's side of the fence (compare {@link LoginUnavailableException},
 * which is ours).
 *
 * <p>There is deliberately <em>one</em> of these for every cause: unknown credential, wrong ID,
 * birth date, name or password, bad device signature, used or expired challenge, revoked
 * credential, expired certificate, locked account. Every one has the same type, the same
 * {@link #messageKey()} ({@value #MESSAGE_KEY}), the same {@link #getMessage()} and the same
 * {@link #text()}, so a response built from it tells an attacker nothing about which field was
 * wrong or whether the credential exists. The precise {@link FailureCause} goes only to the
 * audit sink ({@link LoginEvent.Failed}).
 *
 * <p>Show {@link #text()} to the person: it says which fields to check and what to do after
 * repeated failures. Start a new {@link LoginService#beginLogin challenge} before trying again.
 */
public final class LoginFailedException extends Exception {

    /** The message key of every login failure: {@value}. */
    public static final String MESSAGE_KEY = "login.failed";

    private static final long serialVersionUID = 1L;
    private static final LocalizedText TEXT = LoginTexts.get(MESSAGE_KEY);

    LoginFailedException() {
        super(MESSAGE_KEY + ": " + TEXT.en(), null, false, false);
    }

    /** {@return {@value #MESSAGE_KEY}, always} */
    public String messageKey() {
        return MESSAGE_KEY;
    }

    /**
     * {@return what to show the person, zh-TW and English: check the four fields; wait after repeated failures; re-apply if the password or device changed}
     */
    public LocalizedText text() {
        return TEXT;
    }
}
