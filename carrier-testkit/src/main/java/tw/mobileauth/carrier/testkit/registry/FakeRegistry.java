package tw.mobileauth.carrier.testkit.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.registry.spi.RegistryConfig;

/**
 * A fake NHI registry: an embeddable HTTP server on the loopback interface speaking the NHI
 * reference profile ({@code POST /nhi/v1/card-checks}, docs/registry-nhi-profile.md) with
 * signed-request client authentication.
 *
 * <pre>{@code
 * try (FakeRegistry registry = FakeRegistry.start()) {
 *     IdentityRegistry nhi = new NhiRegistryFactory().create(registry.configFor().build());
 *     CardCheck answer = nhi.checkCard(ctx, registry.cards().claimFor(CardCheck.MATCH));   // MATCH
 * }
 * }</pre>
 *
 * <p>It enforces what the profile's registry enforces: a valid ES256 request signature from a
 * registered client over the method, path, body digest and correlator, fresh ({@code iat},
 * {@code exp}) and never replayed ({@code jti}); otherwise 401 {@code UNAUTHENTICATED}, with the
 * reason in the {@linkplain #requests() request log}. It echoes {@code x-correlator}, refuses one
 * outside {@code ^[a-zA-Z0-9-]{1,55}$} and any body that is not JSON {@code {nationalId, cardNumber}}
 * with 400 {@code INVALID_ARGUMENT}, and answers every path but the card check 404.
 *
 * <p>Defaults: 127.0.0.1, an ephemeral port, the system UTC clock, the built-in
 * {@link RegistryCards}, no faults. Synthetic data only; plain HTTP; test infrastructure.
 */
public final class FakeRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeRegistry.class);

    static {
        // Without TCP_NODELAY every answer can wait for a delayed ACK (~40 ms on Linux), as in the fake carrier networks.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final URI root;
    private final RegistryCards cards = new RegistryCards();
    private final RegistryFaults faults = new RegistryFaults();
    private final RegistryRequestLog requests = new RegistryRequestLog();
    private final SignatureVerifier signatures = new SignatureVerifier();
    private final AtomicInteger clientCounter = new AtomicInteger();

    private FakeRegistry(Builder b) throws IOException {
        this.clock = b.clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-registry-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.root = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext("/", new RegistryRouter(clock, faults, requests, signatures, cards));
        server.setExecutor(executor);
        server.start();
        LOG.debug("fake registry listening on {}", root);
    }

    /** {@return a builder; see {@link Builder} for the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a registry with every default.
     *
     * @return the fake registry
     * @throws UncheckedIOException if no port could be bound
     */
    public static FakeRegistry start() {
        return builder().start();
    }

    /**
     * {@return the base URI, e.g. {@code http://127.0.0.1:41234}; the card check is {@code {base}/nhi/v1/card-checks}}
     */
    public URI baseUri() {
        return root;
    }

    /**
     * {@return a configuration for a registry adapter: the base URI, a client id newly registered here, a
     * fresh EC P-256 signing key whose public key the registry registered (with key id
     * {@code <clientId>-key}), the registry's clock and a call timeout of 2 s} The builder can still
     * be changed.
     */
    public RegistryConfig.Builder configFor() {
        KeyPair keys = newSigningKey();
        String clientId = "mobileauth-portal-" + clientCounter.incrementAndGet();
        String kid = clientId + "-key";
        signatures.register(clientId, new SignatureVerifier.Client(keys.getPublic(), Optional.of(kid)));
        return RegistryConfig.builder(root, clientId).clientSigningKey(keys.getPrivate()).signingKeyId(kid)
                .clock(clock).callTimeout(Duration.ofSeconds(2));
    }

    /**
     * Registers a client with its own EC P-256 public key; its signatures must then carry
     * {@code iss} = {@code clientId} and, when {@code kid} is given, that {@code kid}.
     *
     * @param clientId the client id
     * @param publicKey the public key
     * @param kid the kid value
     * @throws IllegalArgumentException for a blank client id
     */
    public void registerClient(String clientId, PublicKey publicKey, Optional<String> kid) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(kid, "kid");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        signatures.register(clientId, new SignatureVerifier.Client(publicKey, kid));
    }

    /** {@return the card records and the fixture claim for each answer} */
    public RegistryCards cards() {
        return cards;
    }

    /** {@return fault injection per endpoint} */
    public RegistryFaults faults() {
        return faults;
    }

    /** {@return every request received, in arrival order} */
    public RegistryRequestLog requests() {
        return requests;
    }

    /** {@return the clock signatures are checked by} */
    public Clock clock() {
        return clock;
    }

    /** Clears faults and the request log. Registered clients and seen {@code jti}s stay. */
    public void reset() {
        faults.clear();
        requests.clear();
    }

    /** Stops the server at once; requests in flight are cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "FakeRegistry[" + root + "]";
    }

    private static KeyPair newSigningKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC P-256 keys", e);
        }
    }

    /** Builds a {@link FakeRegistry}. Defaults: the system UTC clock, an ephemeral port on 127.0.0.1. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * {@return the clock signatures are checked by; pass a {@code MutableClock} to move time in tests}
         *
         * @param clock the clock that decides expiry
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the fake registry
         * @throws UncheckedIOException if no port can be bound
         */
        public FakeRegistry start() {
            try {
                return new FakeRegistry(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind the fake registry to 127.0.0.1", e);
            }
        }
    }
}
