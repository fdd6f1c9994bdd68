package tw.mobileauth.carrier.fet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tw.mobileauth.carrier.camara.internal.Hashing;
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

    private static String key(Msisdn msisdn, String idDocument) {
        return Hashing.sha256Hex(msisdn.e164() + "\u0000" + idDocument);
    }
}
