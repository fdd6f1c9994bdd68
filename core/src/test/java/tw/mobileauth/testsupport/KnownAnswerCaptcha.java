package tw.mobileauth.testsupport;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tw.mobileauth.captcha.CaptchaChallenge;
import tw.mobileauth.captcha.CaptchaService;
import tw.mobileauth.i18n.LocalizedText;

/**
 * A captcha whose answers the test knows, so a test can type them; single use, as the SPI
 * requires. A portal uses the built-in {@code ImageCaptcha}, which hides its answers.
 */
public final class KnownAnswerCaptcha implements CaptchaService {

    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private int next;

    @Override
    public synchronized CaptchaChallenge issue() {
        String id = "c" + (++next);
        answers.put(id, "AB" + next);
        return new CaptchaChallenge(id, "image/png", new byte[] {1}, new LocalizedText("驗證碼", "code"),
                Instant.now().plusSeconds(300));
    }

    @Override
    public boolean verify(String challengeId, String answer) {
        String expected = challengeId == null ? null : answers.remove(challengeId);
        return expected != null && expected.equalsIgnoreCase(answer == null ? "" : answer);
    }

    @Override
    public CaptchaChallenge regenerate(String challengeId) {
        if (challengeId != null) {
            answers.remove(challengeId);
        }
        return issue();
    }

    /** The answer to challenge {@code id}, while it is outstanding; null once used. */
    public String answerFor(String id) {
        return answers.get(id);
    }

    /** How many challenges were issued so far. */
    public synchronized int issued() {
        return next;
    }
}
