package tw.mobileauth.examples.jdk;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.captcha.CaptchaService;
import tw.mobileauth.carrier.testkit.SubscriberFixture;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.enrollment.EnrollmentService;
import tw.mobileauth.examples.web.DemoNetworks;
import tw.mobileauth.examples.web.DemoPortal;
import tw.mobileauth.login.LockOutPolicy;
import tw.mobileauth.store.jdbc.JdbcStores;

/**
 * The demo portal on the JDK's {@code HttpServer}: {@code java -jar mobileauth-portal-jdk.jar
 * [--port N] [--data-dir DIR]} prints {@code MobileAuth TW demo portal: http://localhost:8080/}
 * when ready. Storage is store-jdbc on a HikariCP pool: an H2 file in the data directory by default,
 * or the database of {@code MOBILEAUTH_JDBC_URL} / {@code -Dmobileauth.jdbc.url} (with
 * {@code MOBILEAUTH_JDBC_USER}, {@code MOBILEAUTH_JDBC_PASSWORD}).
 */
public final class PortalJdk implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortalJdk.class);

    /**
     * The demo's lock-out: from the {@link DemoPortal#LOCK_OUT_THRESHOLD 5th} failed login in a row the
     * browser's credential (and its owner) is locked, 1 minute at first, 1 minute longer per further
     * five failures. Failures count on the credential that signed, never on the typed ID, so the
     * login page can say "this browser is locked" without saying anything about the ID.
     */
    static final LockOutPolicy DEMO_LOCK_OUT = LockOutPolicy.builder()
            .threshold(DemoPortal.LOCK_OUT_THRESHOLD)
            .waitIncrement(Duration.ofMinutes(1))
            .build();

    /**
     * How to run the portal.
     *
     * @param port         the port on loopback; 0 picks a free one
     * @param origin       the public origin, default {@code http://localhost:<port>}
     * @param dataDir      where the H2 file and the demo's keys live
     * @param jdbcUrl      another database instead of the H2 file
     * @param jdbcUser     its user
     * @param jdbcPassword its password
     * @param clock        the clock of the SDK and the sessions, default the system's
     * @param captcha      another captcha than the SDK's image captcha (tests: one whose answers they know)
     * @param passwordHasher another password hasher than the SDK's default Argon2id (a load test sets its limiter)
     * @param fixture      other subscribers than the carrier-testkit's built-in ones on the fake networks
     * @param carrierTimeout the bound on one carrier operation, default the SDK's (10 s)
     * @param poolTimeout  how long a request waits for a database connection, default HikariCP's (30 s)
     * @param maxWebSessions the most browser sessions the portal holds, default 200,000 (past that a new
     *                     browser is answered 503 "busy")
     */
    public record Config(int port, Optional<String> origin, Path dataDir, Optional<String> jdbcUrl, Optional<String> jdbcUser,
            Optional<String> jdbcPassword, Optional<Clock> clock, Optional<CaptchaService> captcha,
            Optional<PasswordHasher> passwordHasher, Optional<SubscriberFixture> fixture, Optional<Duration> carrierTimeout,
            Optional<Duration> poolTimeout, OptionalInt maxWebSessions) {

        /** Checks for null and a valid port. */
        public Config {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0–65535, was " + port);
            }
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(jdbcUser, "jdbcUser");
            Objects.requireNonNull(jdbcPassword, "jdbcPassword");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(captcha, "captcha");
            Objects.requireNonNull(passwordHasher, "passwordHasher");
            Objects.requireNonNull(fixture, "fixture");
            Objects.requireNonNull(carrierTimeout, "carrierTimeout");
            Objects.requireNonNull(poolTimeout, "poolTimeout");
            Objects.requireNonNull(maxWebSessions, "maxWebSessions");
            if (maxWebSessions.isPresent() && maxWebSessions.getAsInt() < 1) {
                throw new IllegalArgumentException("maxWebSessions must be at least 1, was " + maxWebSessions.getAsInt());
            }
        }

        /** Port {@code port}, data in {@code dataDir}, everything else default. */
        public static Config of(int port, Path dataDir) {
            return new Config(port, Optional.empty(), dataDir, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    OptionalInt.empty());
        }

        /** This config with {@code clock}. */
        public Config withClock(Clock c) {
            return new Config(port, origin, dataDir, jdbcUrl, jdbcUser, jdbcPassword, Optional.of(c), captcha,
                    passwordHasher, fixture, carrierTimeout, poolTimeout, maxWebSessions);
        }

        /** This config with {@code service} as the captcha. */
        public Config withCaptcha(CaptchaService service) {
            return new Config(port, origin, dataDir, jdbcUrl, jdbcUser, jdbcPassword, clock, Optional.of(service),
                    passwordHasher, fixture, carrierTimeout, poolTimeout, maxWebSessions);
        }

        /** This config on the database at {@code url}. */
        public Config withJdbc(String url, String user, String password) {
            return new Config(port, origin, dataDir, Optional.of(url), Optional.ofNullable(user), Optional.ofNullable(password),
                    clock, captcha, passwordHasher, fixture, carrierTimeout, poolTimeout, maxWebSessions);
        }

        /** This config with {@code hasher} for certificate passwords (e.g. Argon2id with another limiter). */
        public Config withPasswordHasher(PasswordHasher hasher) {
            return new Config(port, origin, dataDir, jdbcUrl, jdbcUser, jdbcPassword, clock, captcha, Optional.of(hasher),
                    fixture, carrierTimeout, poolTimeout, maxWebSessions);
        }

        /** This config with {@code subscribers} on the fake carrier networks instead of the built-in ones. */
        public Config withFixture(SubscriberFixture subscribers) {
            return new Config(port, origin, dataDir, jdbcUrl, jdbcUser, jdbcPassword, clock, captcha, passwordHasher,
                    Optional.of(subscribers), carrierTimeout, poolTimeout, maxWebSessions);
        }

        /**
         * This config with short waits, for tests of outages: {@code carrier} bounds one carrier
         * operation (the SDK's {@code carrierTimeout}, 1 s – 2 min) and {@code pool} how long a request
         * waits for a database connection before it fails as the store being unavailable (at least 250 ms).
         */
        public Config withTimeouts(Duration carrier, Duration pool) {
            return new Config(port, origin, dataDir, jdbcUrl, jdbcUser, jdbcPassword, clock, captcha, passwordHasher, fixture,
                    Optional.of(Objects.requireNonNull(carrier, "carrier")), Optional.of(Objects.requireNonNull(pool, "pool")),
                    maxWebSessions);
        }

        /** This config holding at most {@code sessions} browser sessions at once (at least 1). */
        public Config withMaxWebSessions(int sessions) {
            return new Config(port, origin, dataDir, jdbcUrl, jdbcUser, jdbcPassword, clock, captcha, passwordHasher, fixture,
                    carrierTimeout, poolTimeout, OptionalInt.of(sessions));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService sweeper;
    private final MobileAuth auth;
    private final DemoNetworks networks;
    private final HikariDataSource dataSource;
    private final URI uri;

    private PortalJdk(HttpServer server, ExecutorService executor, ScheduledExecutorService sweeper, MobileAuth auth,
            DemoNetworks networks, HikariDataSource dataSource, URI uri) {
        this.server = server;
        this.executor = executor;
        this.sweeper = sweeper;
        this.auth = auth;
        this.networks = networks;
        this.dataSource = dataSource;
        this.uri = uri;
    }

    /** Starts the portal; returns once it serves. */
    public static PortalJdk start(Config config) {
        Objects.requireNonNull(config, "config");
        Clock clock = config.clock().orElse(Clock.systemUTC());
        SecureRandom random = new SecureRandom();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + config.port(), e);
        }
        int port = server.getAddress().getPort();
        String origin = config.origin().orElse("http://localhost:" + port);
        HikariDataSource ds = dataSource(config);
        DemoNetworks networks = null;
        MobileAuth auth = null;
        try {
            JdbcStores.migrate(ds);
            DemoSecrets secrets = DemoSecrets.loadOrCreate(config.dataDir(), random, clock);
            LOG.warn("DEMO ONLY: the HMAC/AEAD keys and the development CA are kept as files in {}", config.dataDir());
            networks = config.fixture().map(DemoNetworks::start).orElseGet(DemoNetworks::start);
            DemoNetworks n = networks;
            MobileAuth.Builder builder = MobileAuth.builder()
                    .carriers(n.carrierSettings())
                    .stores(JdbcStores.create(ds))
                    .secrets(secrets.hmacKey(), secrets.aeadKey())
                    .certificateAuthority(secrets.ca())
                    .portal(DemoPortal.urlsFor(origin))
                    .identityRegistry(n.identityRegistry())
                    .clock(clock)
                    .secureRandom(random)
                    .enrollmentOptions(o -> {
                        EnrollmentService.Builder b = config.captcha().map(o::captcha).orElse(o);
                        return config.carrierTimeout().map(b::carrierTimeout).orElse(b);
                    })
                    .loginOptions(o -> o.lockOutPolicy(DEMO_LOCK_OUT));
            auth = config.passwordHasher().map(builder::passwordHasher).orElse(builder).build();
            DemoPortal portal = DemoPortal.create(auth, n, DemoPortal.urlsFor(origin), config.maxWebSessions().isPresent()
                    ? new DemoPortal.Options(clock, config.maxWebSessions().getAsInt()) : new DemoPortal.Options(clock));
            ExecutorService executor = Executors.newFixedThreadPool(8);
            server.setExecutor(executor);
            server.createContext("/", new HttpAdapter(portal));
            server.start();
            ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor();
            MobileAuth a = auth;
            // The task catches its own failures, and close() stops the executor, which cancels it.
            var unused = sweeper.scheduleWithFixedDelay(() -> {
                try {
                    a.purgeExpired();
                } catch (RuntimeException e) {
                    LOG.warn("Purging expired records failed; will try again", e);
                }
            }, 1, 1, TimeUnit.MINUTES);
            return new PortalJdk(server, executor, sweeper, auth, networks, ds, URI.create(origin + "/"));
        } catch (RuntimeException e) {
            server.stop(0);
            if (auth != null) {
                auth.close();
            }
            if (networks != null) {
                networks.close();
            }
            ds.close();
            throw e;
        }
    }

    private static HikariDataSource dataSource(Config config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.jdbcUrl().orElse("jdbc:h2:file:" + config.dataDir().toAbsolutePath().resolve("mobileauth")
                + ";DB_CLOSE_ON_EXIT=FALSE"));
        config.jdbcUser().ifPresent(hc::setUsername);
        config.jdbcPassword().ifPresent(hc::setPassword);
        hc.setMaximumPoolSize(8);
        hc.setPoolName("mobileauth-demo");
        config.poolTimeout().ifPresent(t -> hc.setConnectionTimeout(t.toMillis()));
        return new HikariDataSource(hc);
    }

    /** The portal's front page, e.g. {@code http://localhost:8080/}. */
    public URI uri() {
        return uri;
    }

    /** The embedded carrier networks and NHI registry (tests play the phone on them). */
    public DemoNetworks networks() {
        return networks;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        sweeper.shutdownNow();
        try {
            auth.close();
        } finally {
            try {
                networks.close();
            } finally {
                dataSource.close();
            }
        }
    }

    private static final String USAGE = """
            usage: java -jar mobileauth-portal-jdk.jar [--port N] [--data-dir DIR]
              --port N        listen on port N (1-65535; default 8080, or the PORT environment variable)
              --data-dir DIR  keep the H2 database, demo keys and CA in DIR (default ~/.mobileauth-demo)
              MOBILEAUTH_JDBC_URL, MOBILEAUTH_JDBC_USER, MOBILEAUTH_JDBC_PASSWORD: use this database instead of H2\
            """;

    private static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

    /**
     * {@code [--port N] [--data-dir DIR]}; {@code PORT} and the JDBC variables are read from the
     * environment. A bad option or a busy port ends with a one-line reason and exit status 2.
     */
    public static void main(String[] args) {
        // The JDK server keeps at most 200 idle keep-alive connections (sun.net.httpserver.maxIdleConnections)
        // and past that closes one after its response without saying so, so a browser's next POST on it
        // fails. Every visitor brings a desktop and a phone: raise the limit unless the operator set it.
        if (System.getProperty(MAX_IDLE_CONNECTIONS) == null) {
            System.setProperty(MAX_IDLE_CONNECTIONS, "2000");
        }
        Config config;
        try {
            config = configFrom(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        PortalJdk portal;
        try {
            portal = start(config);
        } catch (RuntimeException e) {
            System.err.println("無法啟動示範網站 / The demo portal could not start: " + describe(e));
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(portal::close, "mobileauth-demo-shutdown"));
        System.out.println("MobileAuth TW demo portal: " + portal.uri());
    }

    static Config configFrom(String[] args) {
        int port = port("PORT", Optional.ofNullable(System.getenv("PORT")).orElse("8080"));
        Path dataDir = Path.of(System.getProperty("user.home"), ".mobileauth-demo");
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                throw new IllegalArgumentException("MobileAuth TW demo portal");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("選項 " + args[i] + " 缺少值 / option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--port" -> port = port("--port", args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("不認得的選項 / unknown option: " + args[i]);
            }
        }
        Config config = Config.of(port, dataDir);
        String url = Optional.ofNullable(System.getProperty("mobileauth.jdbc.url")).orElse(System.getenv("MOBILEAUTH_JDBC_URL"));
        if (url != null) {
            config = config.withJdbc(url, System.getenv("MOBILEAUTH_JDBC_USER"), System.getenv("MOBILEAUTH_JDBC_PASSWORD"));
        }
        return config;
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the typed message
        }
        throw new IllegalArgumentException(option + " 必須是 1 到 65535 的埠號 / must be a port number from 1 to 65535, e.g. 8080; got \""
                + value + "\"");
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return "埠號已被使用，請用 --port 換一個 / the port is already in use: choose another with --port (" + t.getMessage() + ")";
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
