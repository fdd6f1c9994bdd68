package tw.mobileauth.benchmarks.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.examples.jdk.PortalJdk;
import tw.mobileauth.testing.TestCaptcha;

/**
 * The demo portal as {@code examples/portal-jdk} runs it ({@link PortalJdk}: the JDK
 * {@code HttpServer} on loopback, {@code DemoPortal}'s pages, store-jdbc on an H2 file through
 * HikariCP), configured for load: the fake carrier networks and NHI registry hold {@link People}'s
 * synthetic subscribers, the captcha is a {@link TestCaptcha} whose answers the driver knows, and
 * the password hasher's limiter is on (2 concurrent hashes, the core count here) or off (1024).
 */
final class LoadPortal implements AutoCloseable {

    /** Permits when the limiter is off: more than any request concurrency the server allows. */
    static final int LIMITER_OFF_PERMITS = 1024;

    private final PortalJdk portal;
    final URI uri;
    final TestCaptcha captcha;

    private LoadPortal(PortalJdk portal, TestCaptcha captcha) {
        this.portal = portal;
        this.uri = portal.uri();
        this.captcha = captcha;
    }

    /** Starts on a free loopback port, the H2 file in {@code dataDir}, with {@code people} subscribers. */
    static LoadPortal start(Path dataDir, int people, boolean limiter) {
        TestCaptcha captcha = new TestCaptcha(Clock.systemUTC());
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.builder()
                .maxConcurrentHashes(limiter ? 2 : LIMITER_OFF_PERMITS)
                .maxWait(Duration.ofSeconds(30))
                .build();
        PortalJdk portal = PortalJdk.start(PortalJdk.Config.of(0, dataDir)
                .withCaptcha(captcha)
                .withPasswordHasher(hasher)
                .withFixture(People.fixture(people)));
        return new LoadPortal(portal, captcha);
    }

    /** The fake carrier networks (the driver plays each person's phone on them). */
    FakeCarrierNetworks networks() {
        return portal.networks().networks();
    }

    @Override
    public void close() {
        portal.close();
    }
}
