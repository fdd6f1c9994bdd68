package tw.mobileauth.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tw.mobileauth.captcha.CaptchaChallenge;
import tw.mobileauth.captcha.CaptchaService;
import tw.mobileauth.i18n.LocalizedText;

/**
 * A captcha for tests: its answers are known to the test ({@link #answerFor(String)}), so a test
 * can fill in the application form the way a person would. Single use and expiring, as the
 * {@link CaptchaService} SPI requires. <strong>Never use it in a portal</strong>: anyone can read
 * its answers; portals use the built-in image captcha (the default) or their own provider.
 */
public final class TestCaptcha implements CaptchaService {

    /** How long a challenge lives: 5 minutes. */
    public static final Duration VALIDITY = Duration.ofMinutes(5);

    private final Map<String, Outstanding> answers = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private final Clock clock;

    private record Outstanding(String answer, java.time.Instant expiresAt) {
    }

    /** On the system clock. */
    public TestCaptcha() {
        this(Clock.systemUTC());
    }

    /**
     * On {@code clock}, so a test can let challenges expire.
     *
     * @param clock the clock that decides expiry
     */
    public TestCaptcha(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CaptchaChallenge issue() {
        long n = next.incrementAndGet();
        String id = "test-captcha-" + n;
        java.time.Instant expiresAt = clock.instant().plus(VALIDITY);
        answers.put(id, new Outstanding("TC" + n, expiresAt));
        return new CaptchaChallenge(id, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                new LocalizedText("測試用驗證碼", "test captcha"), expiresAt);
    }

    @Override
    public boolean verify(String challengeId, String answer) {
        Outstanding expected = challengeId == null ? null : answers.remove(challengeId);
        return expected != null && clock.instant().isBefore(expected.expiresAt())
                && expected.answer().equalsIgnoreCase(answer == null ? "" : answer.strip());
    }

    @Override
    public CaptchaChallenge regenerate(String challengeId) {
        if (challengeId != null) {
            answers.remove(challengeId);
        }
        return issue();
    }

    /**
     * {@return the answer to challenge {@code id} while it is outstanding; empty once used or replaced}
     *
     * @param id the id
     */
    public Optional<String> answerFor(String id) {
        return Optional.ofNullable(id == null ? null : answers.get(id)).map(Outstanding::answer);
    }
}
