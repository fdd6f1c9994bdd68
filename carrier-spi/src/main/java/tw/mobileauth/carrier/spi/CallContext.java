package tw.mobileauth.carrier.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Per-call context an adapter needs.
 *
 * @param correlator sent as {@code x-correlator} and expected back on the response; 1 to 55
 *                   characters of {@code [A-Za-z0-9-]}, the official CAMARA pattern
 *                   {@code ^[a-zA-Z0-9-]{0,55}$} without the empty value (an empty correlator
 *                   correlates nothing). {@code _ . :} are refused: a strict carrier answers them
 *                   {@code 400 INVALID_ARGUMENT}.
 * @param deadline   the instant by which the whole operation, retries included, must end
 * @param locale     the person's language, for any text the carrier returns
 */
public record CallContext(String correlator, Instant deadline, Locale locale) {

    /** The official CAMARA {@code x-correlator} pattern, less the empty value. */
    private static final Pattern CORRELATOR = Pattern.compile("[a-zA-Z0-9-]{1,55}");

    /**
     * @param correlator the correlator of the call (x-correlator)
     * @param deadline the deadline value
     * @param locale the language to answer in
     * @throws IllegalArgumentException if the correlator is empty, too long or has other characters
     */
    public CallContext {
        Objects.requireNonNull(correlator, "correlator");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(locale, "locale");
        if (!isValidCorrelator(correlator)) {
            throw new IllegalArgumentException("correlator must be 1-55 characters of [a-zA-Z0-9-] (CAMARA x-correlator"
                    + " ^[a-zA-Z0-9-]{0,55}$), was " + correlator.length() + " characters; use a UUID or letters,"
                    + " digits and '-' only");
        }
    }

    /**
     * {@return whether {@code value} is a correlator this SDK sends or accepts back: 1 to 55 characters of
     * {@code [a-zA-Z0-9-]}} A UUID's text form is one.
     *
     * @param value the value
     */
    public static boolean isValidCorrelator(String value) {
        return value != null && CORRELATOR.matcher(value).matches();
    }

    /**
     * {@return a context with a fresh random correlator, a deadline {@code timeout} from {@code clock}'s now, in zh-TW}
     *
     * @param timeout the longest the call may take
     * @param clock the clock that decides expiry
     */
    public static CallContext withTimeout(Duration timeout, Clock clock) {
        return new CallContext(UUID.randomUUID().toString(), clock.instant().plus(timeout), Locale.TAIWAN);
    }

    /**
     * {@return time left before the deadline according to {@code clock}; zero or negative once it passed}
     *
     * @param clock the clock that decides expiry
     */
    public Duration remaining(Clock clock) {
        return Duration.between(clock.instant(), deadline);
    }
}
