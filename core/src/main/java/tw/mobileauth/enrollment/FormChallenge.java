package tw.mobileauth.enrollment;

import java.time.Instant;
import java.util.Objects;
import tw.mobileauth.captcha.CaptchaChallenge;

/**
 * What the application form page needs before the person fills it in: a captcha and a fresh
 * server challenge for the device key's proof of possession. Both are single use.
 *
 * @param challenge the enrolment challenge, base64url (32 random bytes): the browser signs
 *                  {@code SignedMessages.enrollment(challenge, spki, origin)} with its device key
 *                  and submits the challenge back with the form
 * @param expiresAt when the challenge dies (the form must be submitted before; by default
 *                  {@value EnrollmentService#DEFAULT_FORM_CHALLENGE_MINUTES} minutes after it was issued)
 * @param captcha   the image captcha to show
 */
public record FormChallenge(String challenge, Instant expiresAt, CaptchaChallenge captcha) {

    /**
     * All required.
     *
     * @param challenge the challenge value
     * @param expiresAt when it expires
     * @param captcha the captcha value
     */
    public FormChallenge {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(captcha, "captcha");
    }
}
