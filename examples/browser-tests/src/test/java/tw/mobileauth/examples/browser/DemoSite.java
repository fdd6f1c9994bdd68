package tw.mobileauth.examples.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.examples.jdk.PortalJdk;
import tw.mobileauth.examples.web.DemoNetworks;
import tw.mobileauth.testing.TableDumps;

/**
 * The demo portal (JDK HttpServer) on a free loopback port, its H2 data in a temporary folder, on a
 * ticking {@link MutableClock} the test can move forward, and with a {@link KnownAnswerCaptcha}.
 * One per test class; {@link #close()} stops it and deletes the data.
 */
final class DemoSite implements AutoCloseable {

    private final PortalJdk portal;
    private final Path dataDir;
    private final MutableClock clock;
    private final KnownAnswerCaptcha captcha;

    private DemoSite(PortalJdk portal, Path dataDir, MutableClock clock, KnownAnswerCaptcha captcha) {
        this.portal = portal;
        this.dataDir = dataDir;
        this.clock = clock;
        this.captcha = captcha;
    }

    static DemoSite start() {
        Chromium.requireBrowser();
        try {
            Path dataDir = Files.createTempDirectory("mobileauth-demo-site-");
            MutableClock clock = MutableClock.ticking();
            KnownAnswerCaptcha captcha = new KnownAnswerCaptcha(clock);
            PortalJdk portal = PortalJdk.start(PortalJdk.Config.of(0, dataDir).withClock(clock).withCaptcha(captcha));
            return new DemoSite(portal, dataDir, clock, captcha);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo data directory", e);
        }
    }

    /** {@code http://localhost:<port>} followed by {@code path}. */
    String url(String path) {
        return portal.uri().resolve(path).toString();
    }

    MutableClock clock() {
        return clock;
    }

    KnownAnswerCaptcha captcha() {
        return captcha;
    }

    DemoNetworks networks() {
        return portal.networks();
    }

    /** The first fixture subscriber of {@code scenario} on {@code carrierId}. */
    Subscriber subscriber(String carrierId, Scenario scenario) {
        return networks().subscribers().stream()
                .filter(s -> s.carrierId().equals(carrierId) && s.scenario() == scenario)
                .findFirst().orElseThrow(() -> new IllegalStateException("no fixture " + carrierId + " " + scenario));
    }

    @Override
    public void close() {
        try {
            portal.close();
            dumpTables();
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete the demo data directory " + dataDir + ": " + e);
            }
        }
    }

    /** The portal's H2 file, every table, for the leak scan (docs/leak-scan.md); before the data is deleted. */
    private void dumpTables() {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("mobileauth"))) {
            TableDumps.write(c, "h2file-browser-" + dataDir.getFileName(), TableDumps.DEFAULT_DIRECTORY);
        } catch (SQLException e) {
            throw new IllegalStateException("could not dump the demo portal's tables", e);
        }
    }
}
