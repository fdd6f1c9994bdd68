package tw.mobileauth.examples.browser;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import tw.mobileauth.captcha.CaptchaChallenge;
import tw.mobileauth.captcha.CaptchaService;
import tw.mobileauth.i18n.LocalizedText;

/**
 * A captcha for the browser tests: a real PNG with its answer drawn in plain text (so the screenshots
 * look like the real page), whose answers the test reads with {@link #answerFor(String)} from the
 * {@code captchaId} the page carries. Single use and expiring, as the {@link CaptchaService} contract
 * asks. Never for a portal: the answer is legible to any program.
 */
final class KnownAnswerCaptcha implements CaptchaService {

    static final Duration VALIDITY = Duration.ofMinutes(10);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private record Outstanding(String answer, Instant expiresAt) {
    }

    private final Map<String, Outstanding> outstanding = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    KnownAnswerCaptcha(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CaptchaChallenge issue() {
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        String id = "kac-" + HexFormat.of().formatHex(idBytes);
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            answer.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Instant expiresAt = clock.instant().plus(VALIDITY);
        outstanding.put(id, new Outstanding(answer.toString(), expiresAt));
        return new CaptchaChallenge(id, "image/png", png(answer.toString()),
                new LocalizedText("請輸入圖中的文字", "Type the text in the picture"), expiresAt);
    }

    @Override
    public boolean verify(String challengeId, String answer) {
        Outstanding expected = challengeId == null ? null : outstanding.remove(challengeId);
        return expected != null && clock.instant().isBefore(expected.expiresAt())
                && expected.answer().equalsIgnoreCase(answer == null ? "" : answer.strip());
    }

    @Override
    public CaptchaChallenge regenerate(String challengeId) {
        if (challengeId != null) {
            outstanding.remove(challengeId);
        }
        return issue();
    }

    /** The answer to challenge {@code id} while it is outstanding. */
    Optional<String> answerFor(String id) {
        return Optional.ofNullable(outstanding.get(id)).map(Outstanding::answer);
    }

    private static byte[] png(String text) {
        BufferedImage image = new BufferedImage(160, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0xF4, 0xF1, 0xE8));
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(new Color(0x1F, 0x3A, 0x5F));
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 30));
            g.drawString(text, 18, 35);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the captcha PNG", e);
        }
        return out.toByteArray();
    }
}
