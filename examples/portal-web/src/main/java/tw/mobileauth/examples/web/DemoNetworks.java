package tw.mobileauth.examples.web;

import static java.util.stream.Collectors.toMap;

import java.util.List;
import java.util.function.Function;
import tw.mobileauth.carrier.CarrierSettings;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.carrier.testkit.SubscriberFixture;
import tw.mobileauth.carrier.testkit.registry.FakeRegistry;
import tw.mobileauth.registry.spi.IdentityRegistries;
import tw.mobileauth.registry.spi.IdentityRegistry;

/**
 * The demo's outside world, embedded: the fake carrier networks (with their "simulated network"
 * page, where a visitor playing the phone picks 4G, 5G, Wi-Fi or roaming) and the fake NHI
 * registry, both on loopback HTTP. Every fixture subscriber's NHI card is known to the registry
 * as {@link #nhiCardFor(Subscriber)}, so the front page can list numbers a visitor can try.
 * A real portal has none of this: it configures its carriers' and the NHI's endpoints.
 */
public final class DemoNetworks implements AutoCloseable {

    private final FakeCarrierNetworks networks;
    private final FakeRegistry registry;
    private final IdentityRegistry identityRegistry;

    private DemoNetworks(FakeCarrierNetworks networks, FakeRegistry registry) {
        this.networks = networks;
        this.registry = registry;
        for (Subscriber s : networks.subscribers().all()) {
            registry.cards().add(s.holderId(), nhiCardFor(s), java.util.Set.of(), java.util.Set.of());
        }
        this.identityRegistry = IdentityRegistries.discover(DemoNetworks.class.getClassLoader())
                .connect("nhi", registry.configFor().build());
    }

    /** Starts both on free loopback ports, with the carrier-testkit's built-in subscribers. */
    public static DemoNetworks start() {
        return start(SubscriberFixture.builtIn());
    }

    /**
     * Starts both on free loopback ports, the networks holding {@code fixture}'s subscribers (a
     * load test's many synthetic people, say); the registry knows each one's NHI card.
     */
    public static DemoNetworks start(SubscriberFixture fixture) {
        java.util.Objects.requireNonNull(fixture, "fixture");
        FakeCarrierNetworks networks = FakeCarrierNetworks.builder().fixture(fixture).start();
        try {
            return new DemoNetworks(networks, FakeRegistry.start());
        } catch (RuntimeException e) {
            networks.close();
            throw e;
        }
    }

    /** The SDK's settings for every fake carrier (base URI, client id and signing key). */
    public CarrierSettings carrierSettings() {
        return CarrierSettings.of(FakeCarrierNetworks.carrierIds().stream()
                .collect(toMap(Function.identity(), id -> networks.configFor(id).build())));
    }

    /** The NHI registry client, connected to the fake registry. */
    public IdentityRegistry identityRegistry() {
        return identityRegistry;
    }

    /** The fixture subscribers a visitor can try, every carrier and scenario. */
    public List<Subscriber> subscribers() {
        return networks.subscribers().all();
    }

    /** The fake NHI registry itself, for tests that inject its faults or read its request log. */
    public FakeRegistry registry() {
        return registry;
    }

    /** The fake networks themselves, for tests that play the phone without a browser. */
    public FakeCarrierNetworks networks() {
        return networks;
    }

    /**
     * The NHI card number the fake registry holds for {@code s}: 12 digits derived from the
     * subscriber's number, so it is stable across restarts and shown on the front page.
     */
    public static String nhiCardFor(Subscriber s) {
        String digits = s.msisdn().e164().substring(4); // 9 digits after +886
        return "000" + digits;
    }

    @Override
    public void close() {
        try {
            identityRegistry.close();
        } finally {
            try {
                registry.close();
            } finally {
                networks.close();
            }
        }
    }
}
