package tw.mobileauth.carrier.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Per-call context an adapter needs.
 *
 * @param correlator sent as {@code x-correlator} and expected back on the response; at most 55
 *                   characters of {@code [A-Za-z0-9_.:-]} as CAMARA allows
 * @param deadline   the instant by which the whole operation, retries included, must end
 * @param locale     the person's language, for any text the carrier returns
 */
public record CallContext(String correlator, Instant deadline, Locale locale) {

    /** @throws IllegalArgumentException if the correlator is empty, too long or has other characters */
    public CallContext {
        Objects.requireNonNull(correlator, "correlator");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(locale, "locale");
        if (correlator.isEmpty() || correlator.length() > 55
                || !correlator.chars().allMatch(CallContext::correlatorChar)) {
            throw new IllegalArgumentException("correlator must be 1-55 characters of [A-Za-z0-9_.:-]");
        }
    }

    /** A context with a fresh random correlator, a deadline {@code timeout} from {@code clock}'s now, in zh-TW. */
    public static CallContext withTimeout(Duration timeout, Clock clock) {
        return new CallContext(UUID.randomUUID().toString(), clock.instant().plus(timeout), Locale.TAIWAN);
    }

    /** Time left before the deadline according to {@code clock}; zero or negative once it passed. */
    public Duration remaining(Clock clock) {
        return Duration.between(clock.instant(), deadline);
    }

    private static boolean correlatorChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == ':' || c == '-';
    }
}
