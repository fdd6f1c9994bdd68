package tw.mobileauth.registry.nhi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tw.mobileauth.registry.spi.IdentityRegistries;

class NhiRegistryFactoryTest {

    @Test
    void theFactoryIsFoundWithServiceLoaderUnderTheIdNhi() {
        IdentityRegistries registries = IdentityRegistries.discover(NhiRegistryFactoryTest.class.getClassLoader());
        assertTrue(registries.ids().contains("nhi"), registries.toString());
        assertTrue(registries.factory("nhi").orElseThrow() instanceof NhiRegistryFactory);
    }

    @Test
    void theCardCheckPathGoesBelowTheBaseUriWithOrWithoutATrailingSlash() {
        assertEquals(URI.create("https://r.example/gw/nhi/v1/card-checks"),
                NhiRegistry.resolve(URI.create("https://r.example/gw/")));
        assertEquals(URI.create("https://r.example/nhi/v1/card-checks"),
                NhiRegistry.resolve(URI.create("https://r.example")));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDateAndClampedToAnHour() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(30)), Answers.retryAfter(Optional.of("30"), now));
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                Answers.retryAfter(Optional.of("Thu, 01 Jan 2026 00:01:30 GMT"), now));
        assertEquals(Optional.of(Duration.ofHours(1)), Answers.retryAfter(Optional.of("86400"), now));
        assertEquals(Optional.empty(), Answers.retryAfter(Optional.of("soon"), now));
        assertEquals(Optional.empty(), Answers.retryAfter(Optional.empty(), now));
    }
}
