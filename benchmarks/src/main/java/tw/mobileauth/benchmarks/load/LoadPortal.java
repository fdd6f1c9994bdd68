package tw.mobileauth.benchmarks.load;

import static java.util.stream.Collectors.toMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.carrier.CarrierSettings;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.carrier.testkit.registry.FakeRegistry;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.examples.web.DemoNetworks;
import tw.mobileauth.examples.web.DemoPortal;
import tw.mobileauth.examples.web.WebRequest;
import tw.mobileauth.examples.web.WebResponse;
import tw.mobileauth.registry.spi.IdentityRegistries;
import tw.mobileauth.registry.spi.IdentityRegistry;
import tw.mobileauth.store.jdbc.JdbcStores;
import tw.mobileauth.testing.TestCaptcha;

/**
 * The demo portal wired as {@code PortalJdk.start} wires it (the JDK {@code HttpServer} on
 * loopback with 8 handler threads, {@code DemoPortal}'s pages, store-jdbc on an H2 file through an
 * 8-connection HikariCP pool), with three differences the load needs: the fake carrier networks and
 * NHI registry hold {@link People}'s synthetic subscribers, the captcha is a {@link TestCaptcha}
 * whose answers the driver knows, and the password hasher's limiter is on (2 concurrent hashes,
 * the SDK's default is the core count) or off (1024). {@code PortalJdk.Config} has no option for a
 * hasher or a fixture, hence this copy of its wiring.
 */
final class LoadPortal implements AutoCloseable {

    /** Permits when the limiter is off: more than any request concurrency the server allows. */
    static final int LIMITER_OFF_PERMITS = 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final MobileAuth auth;
    private final FakeCarrierNetworks networks;
    private final FakeRegistry registry;
    private final IdentityRegistry registryClient;
    private final DemoNetworks demoNetworks;
    private final HikariDataSource dataSource;
    final URI uri;
    final TestCaptcha captcha;

    private LoadPortal(HttpServer server, ExecutorService executor, MobileAuth auth, FakeCarrierNetworks networks,
            FakeRegistry registry, IdentityRegistry registryClient, DemoNetworks demoNetworks, HikariDataSource dataSource,
            URI uri, TestCaptcha captcha) {
        this.server = server;
        this.executor = executor;
        this.auth = auth;
        this.networks = networks;
        this.registry = registry;
        this.registryClient = registryClient;
        this.demoNetworks = demoNetworks;
        this.dataSource = dataSource;
        this.uri = uri;
        this.captcha = captcha;
    }

    /** Starts on a free loopback port, the H2 file in {@code dataDir}, with {@code people} subscribers. */
    static LoadPortal start(Path dataDir, int people, boolean limiter) throws IOException {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        String origin = "http://localhost:" + server.getAddress().getPort();
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("mobileauth") + ";DB_CLOSE_ON_EXIT=FALSE");
        hc.setMaximumPoolSize(8);
        hc.setPoolName("mobileauth-load");
        HikariDataSource ds = new HikariDataSource(hc);
        JdbcStores.migrate(ds);
        FakeCarrierNetworks networks = FakeCarrierNetworks.builder().fixture(People.fixture(people)).start();
        FakeRegistry registry = FakeRegistry.start();
        for (Subscriber s : networks.subscribers().all()) {
            registry.cards().add(s.holderId(), DemoNetworks.nhiCardFor(s), java.util.Set.of(), java.util.Set.of());
        }
        IdentityRegistry registryClient = IdentityRegistries.discover(LoadPortal.class.getClassLoader())
                .connect("nhi", registry.configFor().build());
        TestCaptcha captcha = new TestCaptcha(clock);
        MobileAuth auth = MobileAuth.builder()
                .carriers(CarrierSettings.of(FakeCarrierNetworks.carrierIds().stream()
                        .collect(toMap(Function.identity(), id -> networks.configFor(id).build()))))
                .stores(JdbcStores.create(ds))
                .secrets(HmacKey.generate(random), AeadKey.generate(random))
                .certificateAuthority(EnrollmentCa.generateDevelopmentCa("Load driver CA", clock))
                .portal(DemoPortal.urlsFor(origin))
                .identityRegistry(registryClient)
                .clock(clock).secureRandom(random)
                .passwordHasher(Argon2idPasswordHasher.builder().maxConcurrentHashes(limiter ? 2 : LIMITER_OFF_PERMITS)
                        .maxWait(Duration.ofSeconds(30)).build())
                .enrollmentOptions(o -> o.captcha(captcha))
                .build();
        DemoNetworks demoNetworks = DemoNetworks.start(); // the front page's list and CSP only; the load never uses them
        DemoPortal portal = DemoPortal.create(auth, demoNetworks, DemoPortal.urlsFor(origin), new DemoPortal.Options(clock));
        ExecutorService executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(portal, exchange));
        server.start();
        return new LoadPortal(server, executor, auth, networks, registry, registryClient, demoNetworks, ds,
                URI.create(origin + "/"), captcha);
    }

    /** What {@code PortalJdk}'s adapter does: the exchange as a {@link WebRequest}, the answer written back. */
    private static void serve(DemoPortal portal, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(64 * 1024);
            }
            WebResponse response = portal.handle(new WebRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                    exchange.getRemoteAddress().getAddress().getHostAddress(), false));
            for (Map.Entry<String, String> h : response.headers()) {
                exchange.getResponseHeaders().add(h.getKey(), h.getValue());
            }
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    /** The fake carrier networks (the driver plays each person's phone on them). */
    FakeCarrierNetworks networks() {
        return networks;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            auth.close();
        } finally {
            registryClient.close();
            registry.close();
            networks.close();
            demoNetworks.close();
            dataSource.close();
        }
    }
}
