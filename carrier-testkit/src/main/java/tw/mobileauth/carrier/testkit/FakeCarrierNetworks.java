package tw.mobileauth.carrier.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.carrier.spi.CarrierConfig;

/**
 * The fake carrier networks: one embeddable HTTP server on the loopback interface hosting the
 * reference profiles of Chunghwa Telecom ({@code /cht}), Taiwan Mobile ({@code /twm}) and
 * FarEasTone ({@code /fet}) as docs/carrier-contract.md §2–§4 define them.
 *
 * <pre>{@code
 * try (FakeCarrierNetworks network = FakeCarrierNetworks.start()) {
 *     CarrierAdapter adapter = factory.create(network.configFor("cht").build());
 *     Subscriber alice = network.subscribers().find("cht", Scenario.ELIGIBLE);
 *     NvChallenge ch = adapter.startNumberVerification(ctx, alice.msisdn(), callback);
 *     Map<String, String> cb = network.phone(NetworkAttachments.defaultHandle(alice.msisdn())).open(ch.authorizeUri());
 *     NvVerification v = adapter.completeNumberVerification(ctx, ch, cb);
 * }
 * }</pre>
 *
 * <p>Defaults: 127.0.0.1, an ephemeral port, the built-in fixture, the system UTC clock, every
 * fixture number's default device attached over 4G, no faults. Authorization codes live 60 s,
 * access tokens 300 s, client assertions may be at most 300 s from expiry. Each carrier signs its
 * ID tokens with its own EC P-256 key, made at start ({@link #idTokenKey(String)}), published with
 * its {@code kid} in the JWK set its discovery document names; {@link #rotateIdTokenKey} rotates it.
 * Each carrier's issuer is its base URI, unless the builder puts the authorization servers on a
 * port of their own ({@link Builder#separateAuthorizationServer()}).
 */
public final class FakeCarrierNetworks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeCarrierNetworks.class);
    private static final int DEFAULT_MAIN_PORT = 8089;

    static {
        // Answers go out as headers, then body: without TCP_NODELAY every answer can wait for a
        // delayed ACK (~40 ms on Linux). Only set when nobody chose otherwise.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final SubscriberFixture fixture;
    private final NetworkAttachments attachments;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog requests = new RequestLog();
    private final ConformanceLog conformance = new ConformanceLog();
    /** The networks started and not yet closed, for {@link FakeNetworkConformance} and the report. */
    private static final Set<FakeCarrierNetworks> LIVE = ConcurrentHashMap.newKeySet();
    private final OAuthServer oauth;
    private final HttpClient phoneClient;
    private final AtomicInteger clientCounter = new AtomicInteger();
    private final URI root;
    private final Optional<HttpServer> authServer;
    private final URI authRoot;

    private FakeCarrierNetworks(Builder b) throws IOException {
        this.clock = b.clock;
        this.fixture = b.fixture != null ? b.fixture : SubscriberFixture.builtIn(b.clock);
        this.attachments = new NetworkAttachments(fixture);
        this.oauth = new OAuthServer(clock, attachments, this::issuer);
        this.executor = Executors.newFixedThreadPool(12, daemonThreads());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 64);
        this.root = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ResourceApis apis = new ResourceApis(clock, fixture, attachments);
        SimulatorPage page = new SimulatorPage(fixture);
        this.authServer = b.separateAuthorizationServer
                ? Optional.of(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64))
                : Optional.empty();
        this.authRoot = authServer.map(a -> URI.create("http://127.0.0.1:" + a.getAddress().getPort())).orElse(root);
        server.createContext("/", new CarrierRouter(clock, faults, requests, conformance, oauth, apis, page, attachments,
                this::issuer, authServer.isPresent() ? CarrierRouter.Role.APIS : CarrierRouter.Role.ALL));
        server.setExecutor(executor);
        authServer.ifPresent(a -> {
            a.createContext("/", new CarrierRouter(clock, faults, requests, conformance, oauth, apis, page, attachments,
                    this::issuer, CarrierRouter.Role.AUTHORIZATION_SERVER));
            a.setExecutor(executor);
            a.start();
        });
        this.phoneClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
        server.start();
        LIVE.add(this);
        LOG.debug("fake carrier networks listening on {}", root);
    }

    /** {@return a builder; see {@link Builder} for the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the networks with every default: 127.0.0.1, an ephemeral port, the built-in fixture,
     * the system clock.
     *
     * @return the fake carrier networks
     * @throws UncheckedIOException if no port could be bound
     */
    public static FakeCarrierNetworks start() {
        return builder().start();
    }

    /** {@return the carriers hosted: {@code cht}, {@code twm}, {@code fet}} */
    public static List<String> carrierIds() {
        return Profiles.IDS;
    }

    /**
     * {@return a carrier's API base, e.g. {@code http://127.0.0.1:41234/cht}; every profile path goes below it}
     *
     * @param carrierId the carrier id
     * @throws IllegalArgumentException for an unknown carrier id
     */
    public URI baseUri(String carrierId) {
        return URI.create(root + "/" + known(carrierId));
    }

    /**
     * {@return a carrier's OpenID Connect issuer: its base URI, or with
     * {@link Builder#separateAuthorizationServer()} the same path on the authorization servers'
     * own port} Its discovery document is {@code {issuer}/.well-known/openid-configuration}.
     *
     * @param carrierId the carrier id
     * @throws IllegalArgumentException for an unknown carrier id
     */
    public URI issuer(String carrierId) {
        return URI.create(authRoot + "/" + known(carrierId));
    }

    /**
     * {@return a configuration for an adapter of {@code carrierId}: the base URI, the issuer when the
     * authorization server runs on its own port, a client id newly registered at that fake
     * carrier, a fresh EC P-256 signing key whose public key the carrier registered for
     * {@code private_key_jwt} (with key id {@code <clientId>-key}), the network's clock and a call
     * timeout of 2 s} No ID-token key is pinned: the adapter reads it from the carrier's JWK set,
     * as it must to follow a rotation. The builder can still be changed, e.g. to add properties.
     *
     * @param carrierId the carrier id
     * @throws IllegalArgumentException for an unknown carrier id
     */
    public CarrierConfig.Builder configFor(String carrierId) {
        known(carrierId);
        KeyPair keys = newSigningKey();
        String clientId = "mobileauth-" + carrierId + "-" + clientCounter.incrementAndGet();
        String kid = clientId + "-key";
        oauth.register(carrierId, clientId, keys.getPublic(), Optional.of(kid));
        CarrierConfig.Builder b = CarrierConfig.builder(baseUri(carrierId), clientId)
                .clientSigningKey(keys.getPrivate()).signingKeyId(kid).clock(clock).callTimeout(Duration.ofSeconds(2));
        return authServer.isPresent() ? b.issuer(issuer(carrierId)) : b;
    }

    /**
     * {@return the public key {@code carrierId} signs its ID tokens with now (EC P-256, ES256), as a carrier
     * would publish it; {@code getEncoded()} is the X.509 SubjectPublicKeyInfo}
     *
     * @param carrierId the carrier id
     * @throws IllegalArgumentException for an unknown carrier id
     */
    public PublicKey idTokenKey(String carrierId) {
        return oauth.currentIdTokenKey(known(carrierId));
    }

    /** Where a rotated key is published. */
    public enum JwksRotation {
        /** The new key joins the old one in the same JWK set, at the same {@code jwks_uri}. */
        SAME_JWKS_URI,
        /** The new key alone is published at a new {@code jwks_uri}; the old URI answers 404 and only a
         *  fresh discovery document leads to the new one. */
        NEW_JWKS_URI
    }

    /**
     * Rotates {@code carrierId}'s ID-token key: from now on ID tokens are signed with a new key
     * under a new {@code kid}, published as {@code how} says. An adapter must accept them without
     * a restart.
     *
     * @param carrierId the carrier id
     * @param how the how value
     * @return the new key's {@code kid}
     * @throws IllegalArgumentException for an unknown carrier id
     */
    public String rotateIdTokenKey(String carrierId, JwksRotation how) {
        Objects.requireNonNull(how, "how");
        return oauth.rotate(known(carrierId), how == JwksRotation.NEW_JWKS_URI);
    }

    /**
     * Registers a client with its own public key (EC P-256) at {@code carrierId}, for callers
     * that bring their own key. Client assertions then need {@code iss}={@code sub}={@code clientId}.
     *
     * @param carrierId the carrier id
     * @param clientId the client id
     * @param publicKey the public key
     * @throws IllegalArgumentException for an unknown carrier id or a blank client id
     */
    public void registerClient(String carrierId, String clientId, PublicKey publicKey) {
        known(carrierId);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(publicKey, "publicKey");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        oauth.register(carrierId, clientId, publicKey, Optional.empty());
    }

    /** {@return the subscribers the networks know} */
    public SubscriberFixture subscribers() {
        return fixture;
    }

    /** {@return which device is on which network} */
    public NetworkAttachments attachments() {
        return attachments;
    }

    /** {@return fault injection per carrier and endpoint} */
    public FaultInjector faults() {
        return faults;
    }

    /** {@return every request received, in arrival order} */
    public RequestLog requests() {
        return requests;
    }

    /**
     * {@return every exchange served on a CAMARA resource endpoint, and how it fared against the official
     * definitions plus the carrier's declared profile ({@link CamaraConformance})} Not cleared by
     * {@link #reset()}: {@link ConformanceLog#take()} drains it.
     */
    public ConformanceLog conformance() {
        return conformance;
    }

    /** Validates the pending exchanges of every running network (they then count in the report). */
    static void checkLive() {
        for (FakeCarrierNetworks n : LIVE) {
            n.conformance.check();
        }
    }

    /** {@link ConformanceLog#assertAnswersConform()} on every running network. */
    static void assertLiveAnswersConform() {
        List<AssertionError> failures = new java.util.ArrayList<>();
        for (FakeCarrierNetworks n : LIVE) {
            try {
                n.conformance.assertAnswersConform();
            } catch (AssertionError e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            AssertionError first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** {@return the clock every expiry is measured by (codes, tokens, assertions, SIM change times)} */
    public Clock clock() {
        return clock;
    }

    /**
     * {@return a phone that sends {@code deviceHandle} when it opens a URL}
     *
     * @param deviceHandle the device handle
     */
    public SimulatedPhone phone(String deviceHandle) {
        return new SimulatedPhone(deviceHandle, phoneClient);
    }

    /**
     * Back to a clean state between tests: clears faults and the request log, forgets issued
     * codes and tokens, and puts the attachments back to the defaults. Registered clients and
     * seen {@code jti}s stay.
     */
    public void reset() {
        faults.clear();
        requests.clear();
        oauth.forgetGrants();
        attachments.resetToDefaults();
    }

    /** Stops the server at once and its threads; requests in flight are cut off. */
    @Override
    public void close() {
        server.stop(0);
        authServer.ifPresent(a -> a.stop(0));
        executor.shutdownNow();
        LIVE.remove(this);
        conformance.check(); // what nobody asserted on still counts in the report
    }

    @Override
    public String toString() {
        return "FakeCarrierNetworks[" + root + "]";
    }

    /**
     * Runs the networks alone until the process is stopped.
     *
     * <pre>{@code java -cp … tw.mobileauth.carrier.testkit.FakeCarrierNetworks --port 8089}</pre>
     *
     * @param args {@code --port N} (default 8089; 0 for an ephemeral port)
     */
    public static void main(String[] args) {
        int port = DEFAULT_MAIN_PORT;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length && args[i + 1].matches("[0-9]{1,5}")
                    && Integer.parseInt(args[i + 1]) <= 65535) {
                port = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: FakeCarrierNetworks [--port N]   (default " + DEFAULT_MAIN_PORT + ")");
                System.exit(2);
                return;
            }
        }
        FakeCarrierNetworks network = builder().port(port).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            network.close();
            stopped.countDown();
        }, "fake-carrier-shutdown"));
        System.out.println("模擬電信網路 / Simulated carrier networks are running:");
        for (String id : carrierIds()) {
            System.out.println("  " + id + "  " + network.baseUri(id) + "   (" + Profiles.displayName(id) + ")");
        }
        System.out.println("Default devices: X-MobileAuth-Device: device:<E.164> of each fixture number, on 4G.");
        System.out.println("Without a device header the authorize URL shows the simulated-network page. Ctrl-C stops.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A new EC P-256 key pair from the JDK's provider (also the key of a test's own client). */
    static KeyPair newSigningKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC P-256 keys", e);
        }
    }

    private static String known(String carrierId) {
        if (!Profiles.isKnown(carrierId)) {
            throw new IllegalArgumentException("unknown carrier '" + carrierId + "'; the fake networks host "
                    + Profiles.IDS);
        }
        return carrierId;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "fake-carrier-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Builds {@link FakeCarrierNetworks}. Defaults: the built-in fixture (with SIM change times
     * relative to the chosen clock), the system UTC clock, an ephemeral port.
     */
    public static final class Builder {
        private SubscriberFixture fixture;
        private Clock clock = Clock.systemUTC();
        private int port;
        private boolean separateAuthorizationServer;

        private Builder() {
        }

        /**
         * Runs the carriers' authorization servers (authorize, token, discovery, JWK set) on a
         * second loopback port; the APIs' port then answers 404 there, so an adapter only works if
         * it follows each carrier's discovery document, whose issuer is {@link #issuer(String)}.
         *
         * @return this builder
         */
        public Builder separateAuthorizationServer() {
            this.separateAuthorizationServer = true;
            return this;
        }

        /**
         * {@return the subscribers to serve instead of the built-in fixture}
         *
         * @param fixture the fixture value
         */
        public Builder fixture(SubscriberFixture fixture) {
            this.fixture = Objects.requireNonNull(fixture, "fixture");
            return this;
        }

        /**
         * {@return the clock for every expiry; pass a {@link MutableClock} to move time in tests}
         *
         * @param clock the clock that decides expiry
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return the port on 127.0.0.1; 0 (the default) picks a free one}
         *
         * @param port the port value
         * @throws IllegalArgumentException outside 0-65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the fake carrier networks
         * @throws UncheckedIOException if the port cannot be bound
         */
        public FakeCarrierNetworks start() {
            try {
                return new FakeCarrierNetworks(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind the fake carrier networks to 127.0.0.1:" + port, e);
            }
        }
    }
}
