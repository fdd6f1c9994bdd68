package tw.mobileauth.carrier.fet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.MvnoStatus;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;
import tw.mobileauth.carrier.testkit.MutableClock;

class AttributeCacheTest {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");
    private static final SubscriptionAttributes ATTRS = new SubscriptionAttributes(ContractType.POSTPAID,
            HolderType.PERSONAL, LineRole.PRIMARY, MvnoStatus.NO, Optional.empty(), T0);

    private final MutableClock clock = MutableClock.at(T0);
    private final AttributeCache cache = new AttributeCache(clock, Duration.ofMinutes(5));

    @Test
    void anEntryLivesExactlyItsTtl() {
        Msisdn n = Msisdn.of("+886912345678");
        cache.put(n, "A123456789", ATTRS);
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertEquals(Optional.of(ATTRS), cache.get(n, "A123456789"));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), cache.get(n, "A123456789"));
    }

    @Test
    void theKeyIsTheNumberAndTheIdDocumentTogether() {
        cache.put(Msisdn.of("+886912345678"), "A123456789", ATTRS);
        assertEquals(Optional.empty(), cache.get(Msisdn.of("+886912345678"), "B123456789"));
        assertEquals(Optional.empty(), cache.get(Msisdn.of("+886912345679"), "A123456789"));
        assertTrue(cache.get(Msisdn.of("+886912345678"), "A123456789").isPresent());
    }

    @Test
    void theCacheStaysBounded() {
        for (int i = 0; i < AttributeCache.MAX_ENTRIES + 5; i++) {
            cache.put(Msisdn.of("+88690" + String.format("%07d", i)), "A123456789", ATTRS);
        }
        assertTrue(cache.size() <= AttributeCache.MAX_ENTRIES);
        assertTrue(cache.get(Msisdn.of("+88690" + String.format("%07d", AttributeCache.MAX_ENTRIES + 4)), "A123456789")
                .isPresent(), "the newest entry survives");
    }
}
