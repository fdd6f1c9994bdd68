package tw.mobileauth.captcha;

/**
 * A {@link CaptchaService} provider failed: it could not issue a challenge or check an answer
 * (for example its remote service timed out). This is "we failed", never "the person typed it
 * wrong", which is a plain {@code false} from {@link CaptchaService#verify}. The caller may retry
 * with a new challenge.
 */
public final class CaptchaUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and what the operator can do, naming no answer or token
     * @param cause   the underlying failure
     */
    public CaptchaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
