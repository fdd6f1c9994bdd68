package tw.mobileauth.captcha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.RecordComponent;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import tw.mobileauth.carrier.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rules of the built-in captcha, each proved with a passing and a failing case. */
class ImageCaptchaSpec {

    private static final Instant T0 = Instant.parse("2025-03-14T01:00:00Z");

    private final MutableClock clock = MutableClock.at(T0);
    /** Answers the next challenges will carry, so the test knows what each image shows. */
    private final Deque<String> script = new ArrayDeque<>();
    private ExecutorService pool;

    private ImageCaptcha.Builder scripted() {
        return ImageCaptcha.builder().clock(clock).answers(() -> {
            synchronized (script) {
                return script.isEmpty() ? "ZZZZZ" : script.removeFirst();
            }
        });
    }

    private CaptchaChallenge issue(ImageCaptcha captcha, String answer) {
        synchronized (script) {
            script.addLast(answer);
        }
        return captcha.issue();
    }

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    // ---- answers -------------------------------------------------------------------------------

    @Test
    void theRightAnswerPassesWhateverItsCaseWidthOrSpacing() {
        ImageCaptcha captcha = scripted().build();
        for (String typed : List.of("AB3K7", "ab3k7", "aB3K7", " ab3 k7 ", "ＡＢ３Ｋ７", "ａｂ３ｋ７\u3000")) {
            CaptchaChallenge c = issue(captcha, "AB3K7");
            assertTrue(captcha.verify(c.id(), typed), typed);
        }
        for (String typed : List.of("AB3K8", "AB3K", "AB3K77", "A B 3 K 7 X", "", "8B3K7")) {
            CaptchaChallenge c = issue(captcha, "AB3K7");
            assertFalse(captcha.verify(c.id(), typed), typed);
        }
    }

    @Test
    void aChallengePassesOnlyOnce() {
        ImageCaptcha captcha = scripted().build();
        CaptchaChallenge c = issue(captcha, "HN4QW");

        assertTrue(captcha.verify(c.id(), "hn4qw"));
        assertFalse(captcha.verify(c.id(), "hn4qw"), "second use");
        assertFalse(captcha.verify(c.id(), "HN4QW"), "third use");
    }

    @Test
    void aWrongAnswerConsumesTheChallenge() {
        ImageCaptcha captcha = scripted().build();
        CaptchaChallenge wronged = issue(captcha, "PX7RT");
        CaptchaChallenge untouched = issue(captcha, "PX7RT");

        assertFalse(captcha.verify(wronged.id(), "PX7RZ"));
        assertFalse(captcha.verify(wronged.id(), "PX7RT"), "the right answer comes too late");
        assertTrue(captcha.verify(untouched.id(), "PX7RT"), "an untouched twin still passes");
    }

    @Test
    void aNullAnswerIsWrongAndConsumesTheChallenge() {
        ImageCaptcha captcha = scripted().build();
        CaptchaChallenge c = issue(captcha, "M3D8F");

        assertFalse(captcha.verify(c.id(), null));
        assertFalse(captcha.verify(c.id(), "M3D8F"));
    }

    // ---- time ----------------------------------------------------------------------------------

    @Test
    void aChallengePassesUntilItsExpiryAndNotFromThen() {
        ImageCaptcha captcha = scripted().build();
        CaptchaChallenge early = issue(captcha, "Q2W3E");
        CaptchaChallenge late = issue(captcha, "Q2W3E");
        assertEquals(T0.plus(ImageCaptcha.DEFAULT_TIME_TO_LIVE), early.expiresAt(), "the documented 5 minutes");

        clock.set(early.expiresAt().minusNanos(1));
        assertTrue(captcha.verify(early.id(), "Q2W3E"), "one nanosecond before expiry");
        clock.set(late.expiresAt());
        assertFalse(captcha.verify(late.id(), "Q2W3E"), "at expiry");
    }

    @Test
    void theTimeToLiveIsConfigurableWithinBounds() {
        ImageCaptcha captcha = scripted().timeToLive(Duration.ofMinutes(2)).build();
        CaptchaChallenge c = issue(captcha, "R5T6Y");
        CaptchaChallenge d = issue(captcha, "R5T6Y");

        assertEquals(T0.plus(Duration.ofMinutes(2)), c.expiresAt());
        clock.advance(Duration.ofSeconds(119));
        assertTrue(captcha.verify(c.id(), "R5T6Y"));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(captcha.verify(d.id(), "R5T6Y"));
    }

    @Test
    void expiredChallengesAreCleanedUpWithoutBeingUsed() {
        ImageCaptcha captcha = scripted().build();
        for (int i = 0; i < 5; i++) {
            captcha.issue();
        }
        assertEquals(5, captcha.pending().size());

        clock.advance(Duration.ofMinutes(4));
        captcha.issue();
        assertEquals(6, captcha.pending().size(), "nothing has expired after 4 minutes");

        clock.advance(Duration.ofMinutes(1));
        captcha.issue();
        assertEquals(2, captcha.pending().size(), "the first five expired at 5 minutes and are gone");
    }

    // ---- regeneration --------------------------------------------------------------------------

    @Test
    void regeneratingKillsTheOldChallengeAndIssuesANewOne() {
        ImageCaptcha captcha = scripted().build();
        CaptchaChallenge old = issue(captcha, "K8L9M");
        synchronized (script) {
            script.addLast("N2P3Q");
        }
        CaptchaChallenge fresh = captcha.regenerate(old.id());

        assertNotEquals(old.id(), fresh.id());
        assertFalse(captcha.verify(old.id(), "K8L9M"), "the old challenge is dead");
        assertTrue(captcha.verify(fresh.id(), "N2P3Q"), "the new one passes");
    }

    @Test
    void regeneratingAnUnknownOrBrokenIdStillGivesAWorkingChallenge() {
        ImageCaptcha captcha = scripted().build();
        for (String id : new String[] {null, "", "no-such-challenge-id-x", "\u202E\u0000"}) {
            synchronized (script) {
                script.addLast("V4W5X");
            }
            CaptchaChallenge fresh = captcha.regenerate(id);
            assertTrue(captcha.verify(fresh.id(), "V4W5X"));
            assertFalse(captcha.verify(fresh.id(), "V4W5X"));
        }
    }

    // ---- the image -----------------------------------------------------------------------------

    @Test
    void theImageIsAPngOfTheDocumentedSizeWithTextOnIt() throws Exception {
        assertTrue(GraphicsEnvironment.isHeadless(), "tests run headless, as servers do");
        ImageCaptcha captcha = ImageCaptcha.builder().build();
        CaptchaChallenge a = captcha.issue();
        CaptchaChallenge b = captcha.issue();

        assertEquals(ImageCaptcha.MEDIA_TYPE, a.mediaType());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(a.media()));
        assertEquals(ImageCaptcha.WIDTH, image.getWidth());
        assertEquals(ImageCaptcha.HEIGHT, image.getHeight());
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int luma = (((rgb >> 16) & 0xFF) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
                dark += luma < 110 ? 1 : 0;
            }
        }
        int pixels = ImageCaptcha.WIDTH * ImageCaptcha.HEIGHT;
        assertTrue(dark > pixels / 50 && dark < pixels / 2, "text and noise cover some, not most: " + dark);
        assertTrue(a.mediaDataUrl().startsWith("data:image/png;base64,iVBOR"));
        assertNotEquals(a.mediaDataUrl(), b.mediaDataUrl(), "every challenge is drawn afresh");
    }

    @Test
    void theSansSerifFontDrawsEveryCharacterOfTheAlphabet() {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 30);
        assertEquals(-1, font.canDisplayUpTo(CaptchaText.ALPHABET));
        for (char ambiguous : "0O1Il".toCharArray()) {
            assertEquals(-1, CaptchaText.ALPHABET.indexOf(ambiguous), "no " + ambiguous);
        }
        assertEquals(32, CaptchaText.ALPHABET.chars().distinct().count());
    }

    @Test
    void generatedAnswersUseTheWholeUnambiguousAlphabetAndTheConfiguredLength() {
        SecureRandom random = new SecureRandom();
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String text = CaptchaText.random(random, 6);
            assertEquals(6, text.length());
            for (char c : text.toCharArray()) {
                assertTrue(CaptchaText.ALPHABET.indexOf(c) >= 0, text);
                seen.add(c);
            }
        }
        assertEquals(32, seen.size(), "every symbol turns up");

        ImageCaptcha captcha = ImageCaptcha.builder().clock(clock).length(6).build();
        CaptchaChallenge c = captcha.issue();
        assertFalse(captcha.verify(c.id(), "22222"), "five characters never answer a six-character challenge");
    }

    @Test
    void theChallengeCarriesBilingualAltTextAndCopiesItsMedia() {
        CaptchaChallenge c = ImageCaptcha.builder().clock(clock).build().issue();
        byte[] media = c.media();
        media[0] = 0;

        assertEquals((byte) 0x89, c.media()[0], "the caller's copy is detached");
        assertTrue(c.altText().zhTw().contains("請輸入圖中的英數字"));
        assertTrue(c.altText().en().contains("Type the letters and digits in the picture"));
        assertTrue(c.altText().in(Locale.TRADITIONAL_CHINESE).contains("重新產生驗證碼"), "says what to do next");
        assertTrue(c.toString().contains(c.id()) && c.toString().contains("image/png"));
    }

    // ---- storage -------------------------------------------------------------------------------

    @Test
    void theStoreKeepsAtMostItsCapacityByDroppingTheOldest() {
        ImageCaptcha captcha = scripted().capacity(3).build();
        CaptchaChallenge first = issue(captcha, "A2B3C");
        CaptchaChallenge second = issue(captcha, "D4E5F");
        CaptchaChallenge third = issue(captcha, "G6H7J");
        CaptchaChallenge fourth = issue(captcha, "K8L9M");

        assertEquals(3, captcha.pending().size());
        assertFalse(captcha.verify(first.id(), "A2B3C"), "the oldest was dropped");
        assertTrue(captcha.verify(second.id(), "D4E5F"));
        assertTrue(captcha.verify(third.id(), "G6H7J"));
        assertTrue(captcha.verify(fourth.id(), "K8L9M"));
    }

    @Test
    void answersAreNeverStoredInPlaintext() {
        ImageCaptcha captcha = scripted().build();
        CaptchaChallenge c1 = issue(captcha, "WX7YZ");
        CaptchaChallenge c2 = issue(captcha, "WX7YZ");

        String dump = captcha.pending().dump();
        assertTrue(dump.contains(c1.id()) && dump.contains(c2.id()), "the dump shows what is held");
        assertFalse(dump.toUpperCase(Locale.ROOT).contains("WX7YZ"), dump);
        String[] lines = dump.split("\n");
        assertNotEquals(lines[0].split(" ")[1], lines[1].split(" ")[1], "equal answers, unrelated hashes");

        for (Class<?> nested : PendingCaptchas.class.getDeclaredClasses()) {
            if (nested.isRecord()) {
                for (RecordComponent component : nested.getRecordComponents()) {
                    assertFalse(component.getType() == String.class || component.getType() == char[].class,
                            "an entry holds no text: " + component);
                }
            }
        }
        assertTrue(captcha.verify(c1.id(), "wx7yz"), "and the hash still checks the answer");
    }

    @Test
    void twoThreadsVerifyingOneChallengeGetExactlyOneSuccess() throws Exception {
        ImageCaptcha captcha = scripted().build();
        pool = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 200; round++) {
            CaptchaChallenge c = issue(captcha, "T3U4V");
            CyclicBarrier start = new CyclicBarrier(2);
            Callable<Boolean> attempt = () -> {
                start.await();
                return captcha.verify(c.id(), "t3u4v");
            };
            Future<Boolean> a = pool.submit(attempt);
            Future<Boolean> b = pool.submit(attempt);
            assertTrue(a.get() ^ b.get(), "round " + round + ": exactly one of two racing right answers passes");
        }
    }

    // ---- hostile input ---------------------------------------------------------------------------

    @Test
    void anyInputIsAnsweredWithFalseNeverAnException() {
        ImageCaptcha captcha = scripted().build();
        CaptchaChallenge c = issue(captcha, "B7C8D");
        String[] hostile = {null, "", " ", "\u0000", "\uD800", "\uDC00\uD800", "\u202Eabc", "ﷺ", "x".repeat(1 << 20),
            c.id() + "x", c.id().substring(1), c.id().replace(c.id().charAt(0), '+'), "B7C8D"};
        for (String id : hostile) {
            for (String answer : hostile) {
                assertFalse(captcha.verify(id, answer));
            }
        }
        assertTrue(captcha.verify(c.id(), "B7C8D"), "malformed ids never touched the real challenge");
    }

    @Test
    void configurationOutOfRangeFailsAtBuildTime() {
        assertThrows(IllegalArgumentException.class, () -> ImageCaptcha.builder().timeToLive(Duration.ofSeconds(29)));
        assertThrows(IllegalArgumentException.class, () -> ImageCaptcha.builder().timeToLive(Duration.ofMinutes(31)));
        assertThrows(IllegalArgumentException.class, () -> ImageCaptcha.builder().capacity(0));
        assertThrows(IllegalArgumentException.class, () -> ImageCaptcha.builder().length(4));
        assertThrows(IllegalArgumentException.class, () -> ImageCaptcha.builder().length(9));
        assertThrows(NullPointerException.class, () -> ImageCaptcha.builder().clock(null));
        ImageCaptcha.builder().timeToLive(Duration.ofSeconds(30)).capacity(1).length(8).build();
    }
}
