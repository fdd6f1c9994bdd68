package tw.mobileauth.captcha;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import tw.mobileauth.i18n.LocalizedText;

/**
 * The built-in {@link CaptchaService}: a {@value #WIDTH}×{@value #HEIGHT} PNG of
 * {@value #DEFAULT_LENGTH} letters and digits, each rotated, sized and coloured at random, over
 * noise lines and arcs.
 *
 * <p>Defaults, each changeable on the {@link #builder()}:
 * <ul>
 *   <li>{@value #DEFAULT_LENGTH} characters (5 to 8) from {@code 23456789ABCDEFGHJKLMNPQRSTUVWXYZ}:
 *       no {@code 0}/{@code O} and no {@code 1}/{@code I}/{@code l}. Answers are compared after
 *       folding full-width forms, dropping spaces and ignoring case, so {@code " ab3 k7"} and
 *       {@code "ＡＢ３Ｋ７"} both answer {@code AB3K7}.</li>
 *   <li>Valid for {@link #DEFAULT_TIME_TO_LIVE 5 minutes}, the top of the usual 2–5 minute range,
 *       because the captcha is shown when the form opens and the applicant fills in seven fields
 *       before submitting. A longer window gives an attacker nothing, since each challenge is
 *       single use.</li>
 *   <li>At most {@value #DEFAULT_CAPACITY} challenges outstanding (about 2 MB). Beyond that the
 *       oldest are dropped before they expire and a warning is logged: a flood of requests can
 *       thus push out real applicants' codes (they press 重新產生驗證碼 and go on), which is
 *       preferred over refusing everyone new codes. Rate-limit captcha requests per client in
 *       the portal.</li>
 *   <li>The system UTC clock and a {@link SecureRandom} for text, noise and ids.</li>
 * </ul>
 *
 * <p>Pending challenges live in this object's memory, so a portal with several nodes needs sticky
 * sessions for the form or another {@link CaptchaService}. Answers are never stored in plaintext,
 * only as a keyed hash salted with the challenge id.
 *
 * <p>Rendering uses {@code java.awt} off-screen, with the logical {@code SansSerif} font. Servers
 * without a display should run with {@code -Djava.awt.headless=true} (the JDK also assumes it
 * when {@code DISPLAY} is unset on Linux). An image captcha cannot be solved by a person who
 * cannot see it; a portal that must offer an audio or other accessible alternative plugs in
 * another {@link CaptchaService}.
 *
 * <p>Thread-safe. Example:
 * <pre>{@code
 * CaptchaService captcha = ImageCaptcha.builder().clock(clock).build();
 * CaptchaChallenge shown = captcha.issue();   // <img src="shown.mediaDataUrl()" alt="…">
 * boolean ok = captcha.verify(shown.id(), typed);  // consumed either way
 * }</pre>
 */
public final class ImageCaptcha implements CaptchaService {

    /** Image width in pixels: {@value}. */
    public static final int WIDTH = CaptchaPainter.WIDTH;
    /** Image height in pixels: {@value}. */
    public static final int HEIGHT = CaptchaPainter.HEIGHT;
    /** MIME type of {@link CaptchaChallenge#media()}: {@value}. */
    public static final String MEDIA_TYPE = "image/png";
    /** Characters per challenge unless configured: {@value}. */
    public static final int DEFAULT_LENGTH = 5;
    /** Outstanding challenges kept unless configured: {@value}. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** How long a challenge passes unless configured: 5 minutes. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);

    /** The {@code alt} text of every image, following the form's wording ("不分大小寫", "重新產生驗證碼"). */
    public static final LocalizedText ALT_TEXT = new LocalizedText(
            "請輸入圖中的英數字（不分大小寫）。看不清楚？請按「重新產生驗證碼」。",
            "Type the letters and digits in the picture (not case-sensitive). Can't read them?"
                    + " Press \"重新產生驗證碼\" (new code).");

    /** Challenge ids: 16 random bytes, base64url without padding. */
    private static final int ID_BYTES = 16;
    private static final int ID_CHARS = 22;

    private final Clock clock;
    private final Duration timeToLive;
    private final SecureRandom random;
    private final Supplier<String> answers;
    private final PendingCaptchas pending;

    private ImageCaptcha(Builder builder) {
        this.clock = builder.clock;
        this.timeToLive = builder.timeToLive;
        this.random = new SecureRandom();
        int length = builder.length;
        this.answers = builder.answers != null ? builder.answers : () -> CaptchaText.random(random, length);
        this.pending = new PendingCaptchas(builder.capacity, random);
    }

    /** {@return a builder with every default in place; {@code ImageCaptcha.builder().build()} is ready to use} */
    public static Builder builder() {
        return new Builder();
    }

    /** Draws a new challenge and remembers the hash of its answer until it expires or is used. */
    @Override
    public CaptchaChallenge issue() {
        String answer = CaptchaText.normalize(answers.get());
        byte[] png = CaptchaPainter.paint(answer, random);
        byte[] idBytes = new byte[ID_BYTES];
        random.nextBytes(idBytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(timeToLive);
        pending.add(id, answer, expiresAt, now);
        return new CaptchaChallenge(id, MEDIA_TYPE, png, ALT_TEXT, expiresAt);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A challenge passes while the clock is before its {@link CaptchaChallenge#expiresAt()}.
     */
    @Override
    public boolean verify(String challengeId, String answer) {
        if (!isWellFormedId(challengeId)) {
            return false;
        }
        return pending.consume(challengeId, CaptchaText.normalize(answer), clock.instant());
    }

    /** {@inheritDoc} */
    @Override
    public CaptchaChallenge regenerate(String challengeId) {
        if (isWellFormedId(challengeId)) {
            pending.discard(challengeId);
        }
        return issue();
    }

    /** For tests: the store behind this service. */
    PendingCaptchas pending() {
        return pending;
    }

    private static boolean isWellFormedId(String id) {
        if (id == null || id.length() != ID_CHARS) {
            return false;
        }
        for (int i = 0; i < ID_CHARS; i++) {
            char c = id.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    /**
     * Configures an {@link ImageCaptcha}. Every setting has a default, so {@link #build()} may be
     * called at once. Out-of-range values are configuration errors and fail at once.
     */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private Duration timeToLive = DEFAULT_TIME_TO_LIVE;
        private int capacity = DEFAULT_CAPACITY;
        private int length = DEFAULT_LENGTH;
        private Supplier<String> answers;

        private Builder() {
        }

        /**
         * {@return the clock that stamps and expires challenges} Default: {@link Clock#systemUTC()}.
         *
         * @param clock the clock that decides expiry
         * @throws NullPointerException if {@code clock} is {@code null}
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return how long a challenge passes} Default: 5 minutes.
         *
         * @param timeToLive 30 seconds to 30 minutes
         * @throws IllegalArgumentException if outside that range
         */
        public Builder timeToLive(Duration timeToLive) {
            Objects.requireNonNull(timeToLive, "timeToLive");
            if (timeToLive.compareTo(Duration.ofSeconds(30)) < 0 || timeToLive.compareTo(Duration.ofMinutes(30)) > 0) {
                throw new IllegalArgumentException("timeToLive: " + timeToLive
                        + " is outside 30 s..30 min; a captcha must outlast filling in the form but not a session");
            }
            this.timeToLive = timeToLive;
            return this;
        }

        /**
         * {@return most challenges outstanding at once; the oldest are dropped beyond it} Default:
         * {@value ImageCaptcha#DEFAULT_CAPACITY}.
         *
         * @param capacity 1 to 1,000,000 (about 200 bytes each)
         * @throws IllegalArgumentException if outside that range
         */
        public Builder capacity(int capacity) {
            if (capacity < 1 || capacity > 1_000_000) {
                throw new IllegalArgumentException("capacity: " + capacity + " is outside 1..1000000");
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * Characters per challenge. Default: {@value ImageCaptcha#DEFAULT_LENGTH}.
         *
         * @param length 5 to 8; more than 6 crowds the {@value ImageCaptcha#WIDTH}-pixel image
         * @return this builder
         * @throws IllegalArgumentException if outside that range
         */
        public Builder length(int length) {
            if (length < 5 || length > 8) {
                throw new IllegalArgumentException("length: " + length + " is outside 5..8");
            }
            this.length = length;
            return this;
        }

        /** For tests only: where answers come from, so a test knows what the image shows. */
        Builder answers(Supplier<String> answers) {
            this.answers = Objects.requireNonNull(answers, "answers");
            return this;
        }

        /** {@return a new, independent service with its own empty store} */
        public ImageCaptcha build() {
            return new ImageCaptcha(this);
        }
    }
}
