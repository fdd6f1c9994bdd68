package tw.mobileauth.registry.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.CallContext;

class IdentityRegistriesTest {

    private record Factory(String id, int order, boolean supports) implements IdentityRegistryFactory {
        @Override
        public String displayName(Locale locale) {
            return id;
        }

        @Override
        public boolean isSupported(RegistryConfig config) {
            return supports;
        }

        @Override
        public IdentityRegistry create(RegistryConfig config) {
            return new IdentityRegistry() {
                @Override
                public String registryId() {
                    return id;
                }

                @Override
                public CardCheck checkCard(CallContext ctx, CardClaim claim) {
                    return CardCheck.NO_MATCH;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static RegistryConfig config() throws Exception {
        return RegistryConfig.builder(URI.create("https://r.example"), "portal").sslContext(SSLContext.getDefault())
                .build();
    }

    @Test
    void factoriesAreOrderedByOrderThenId() {
        IdentityRegistries r = IdentityRegistries.of(List.of(new Factory("zz", 1, true), new Factory("nhi", 5, true),
                new Factory("aa", 1, true)));
        assertEquals(List.of("aa", "zz", "nhi"), List.copyOf(r.ids()));
    }

    @Test
    void twoFactoriesWithOneIdFailNamingBothClasses() {
        RegistryConfigurationException e = assertThrows(RegistryConfigurationException.class,
                () -> IdentityRegistries.of(List.of(new Factory("nhi", 1, true), new Factory("nhi", 2, true))));
        assertTrue(e.getMessage().contains("'nhi'") && e.getMessage().contains(Factory.class.getName() + " (from "),
                e.getMessage());
    }

    @Test
    void connectingAnUnknownIdNamesTheSettingsAndTheKnownIds() throws Exception {
        IdentityRegistries r = IdentityRegistries.of(List.of(new Factory("nhi", 1, true)));
        RegistryConfigurationException e = assertThrows(RegistryConfigurationException.class,
                () -> r.connect("other", config()));
        assertTrue(e.getMessage().contains("mobileauth.registry.other.*") && e.getMessage().contains("[nhi]"),
                e.getMessage());
        assertEquals("nhi", r.connect("nhi", config()).registryId());
    }

    @Test
    void aFactoryThatRefusesTheConfigurationFailsAtConnect() throws Exception {
        IdentityRegistries r = IdentityRegistries.of(List.of(new Factory("nhi", 1, false)));
        RegistryConfig c = config();
        assertThrows(RegistryConfigurationException.class, () -> r.connect("nhi", c));
    }

    @Test
    void discoveryWithNoProvidersFindsNothing() {
        assertTrue(IdentityRegistries.discover(IdentityRegistriesTest.class.getClassLoader()).ids().isEmpty());
    }
}
