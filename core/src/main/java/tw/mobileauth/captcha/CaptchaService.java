package tw.mobileauth.captcha;

/**
 * Issues and checks the captcha on the application form. Implement it to plug in another
 * provider (for example a hosted "I am not a robot" service); {@link ImageCaptcha} is the
 * built-in one.
 *
 * <p>The contract every implementation keeps:
 * <ul>
 *   <li><b>Null-free.</b> No method returns {@code null}. {@link #verify} and {@link #regenerate}
 *       accept any string, {@code null} included, and answer a wrong or unknown one with
 *       {@code false} or a fresh challenge, never with an exception about the input.</li>
 *   <li><b>Single use.</b> The first {@link #verify} call on a challenge consumes it, whether the
 *       answer was right or wrong; every later call on that id returns {@code false}. The page
 *       must therefore show a new challenge after every failed form.</li>
 *   <li><b>Case-insensitive</b> for text answers, as the form promises ("不分大小寫").</li>
 *   <li><b>Expiring.</b> A challenge stops passing at {@link CaptchaChallenge#expiresAt()}.</li>
 *   <li><b>Thread-safe.</b> Two concurrent {@link #verify} calls on one challenge yield at most
 *       one {@code true}.</li>
 * </ul>
 *
 * <p>{@link CaptchaUnavailableException} means the provider itself failed (a remote service did
 * not answer); it is never used for a wrong answer. The built-in {@link ImageCaptcha} never
 * throws it.
 */
public interface CaptchaService {

    /**
     * Issues a new challenge for the page to show.
     *
     * @return the challenge, never {@code null}
     * @throws CaptchaUnavailableException if the provider could not issue one; retryable
     */
    CaptchaChallenge issue() throws CaptchaUnavailableException;

    /**
     * Checks an answer and consumes the challenge, whatever the outcome.
     *
     * @param challengeId the {@link CaptchaChallenge#id()} the form carried back; may be anything
     * @param answer      what the person typed; may be anything
     * @return {@code true} only if the challenge was outstanding, unexpired, not yet used and the
     *         answer is right
     * @throws CaptchaUnavailableException if the provider could not check the answer; retryable
     *         with a new challenge
     */
    boolean verify(String challengeId, String answer) throws CaptchaUnavailableException;

    /**
     * Replaces a challenge ("重新產生驗證碼"): {@code challengeId} is dead at once and a new
     * challenge is issued. An unknown or expired id still gets a new challenge, so an old page
     * always recovers.
     *
     * @param challengeId the challenge being replaced; may be anything
     * @return the new challenge, never {@code null}
     * @throws CaptchaUnavailableException if the provider could not issue one; retryable
     */
    CaptchaChallenge regenerate(String challengeId) throws CaptchaUnavailableException;
}
