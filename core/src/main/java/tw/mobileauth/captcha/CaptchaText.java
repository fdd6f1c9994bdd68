package tw.mobileauth.captcha;

import java.text.Normalizer;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The characters a captcha shows and how a typed answer is compared with them.
 *
 * <p>The alphabet is the 32 upper-case letters and digits that cannot be mistaken for one
 * another: no {@code 0}/{@code O} and no {@code 1}/{@code I} (and, since only capitals are shown,
 * no {@code l}). 32 symbols make {@code nextInt(32)} exactly uniform; five of them give about
 * 33.5 million answers.
 */
final class CaptchaText {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /** Answers longer than this (before normalisation) are wrong without further work. */
    static final int MAX_ANSWER_CHARS = 64;

    private CaptchaText() {
    }

    static String random(RandomGenerator random, int length) {
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(text);
    }

    /**
     * The comparison form of what a person typed: full-width forms folded (NFKC turns {@code Ａ７}
     * into {@code A7}, as a Chinese IME may type them), whitespace removed, upper-cased in the root
     * locale. {@code null} and over-long input give the empty string, which never matches.
     */
    static String normalize(String typed) {
        if (typed == null || typed.length() > MAX_ANSWER_CHARS) {
            return "";
        }
        String folded = Normalizer.normalize(typed, Normalizer.Form.NFKC);
        StringBuilder answer = new StringBuilder(folded.length());
        folded.codePoints()
                .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
                .forEach(answer::appendCodePoint);
        return answer.toString().toUpperCase(Locale.ROOT);
    }
}
