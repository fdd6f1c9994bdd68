package tw.mobileauth.carrier.fet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;

/**
 * FET's subscription attributes per (number, ID document) for the length of an enrolment, so the
 * KYC match and the attribute read cost one call. Keys are SHA-256 digests: the cache holds no
 * raw number or ID. Bounded; thread-safe.
 */
final class AttributeCache {

    /** Long enough for one enrolment (its QR code lives 5 minutes). */
    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private record Entry(SubscriptionAttributes attributes, Instant expiresAt) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    AttributeCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    Optional<SubscriptionAttributes> get(Msisdn msisdn, String idDocument) {
        Entry e = entries.get(key(msisdn, idDocument));
        return e != null && clock.instant().isBefore(e.expiresAt()) ? Optional.of(e.attributes()) : Optional.empty();
    }

    void put(Msisdn msisdn, String idDocument, SubscriptionAttributes attributes) {
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key(msisdn, idDocument), new Entry(attributes, now.plus(ttl)));
    }

    int size() {
        return entries.size();
    }

    /** SHA-256 hex of {@code e164 ‖ NUL ‖ idDocument}: a cache key that holds neither value. */
    private static String key(Msisdn msisdn, String idDocument) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((msisdn.e164() + "\u0000" + idDocument).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }
}
