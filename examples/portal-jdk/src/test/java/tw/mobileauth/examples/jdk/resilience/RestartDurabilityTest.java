package tw.mobileauth.examples.jdk.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.Fault;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.examples.jdk.PortalJdk;
import tw.mobileauth.examples.jdk.resilience.Journey.Answer;
import tw.mobileauth.examples.jdk.resilience.Journey.Enrolment;
import tw.mobileauth.testing.TestCaptcha;

/**
 * Item 4 of the hardening issue: 100 enrolments in flight on PostgreSQL, spread over the steps
 * (begun with the QR code on screen, QR claimed, pairing confirmed, at the carrier, and callbacks held
 * at a slow carrier), when the portal and its pool are closed; a new portal on the same database
 * then finishes what can be finished and everything else ends expired, with no orphaned or
 * duplicate credential and the lock-out counters exactly as they were.
 */
class RestartDurabilityTest {

    private static final int IN_FLIGHT = 100;
    private static final int ENROLLED = 2;
    private static final int HELD_AT_CARRIER = 10;

    /** The step an enrolment has reached when the portal goes down. */
    enum Stage { BEGUN, QR_CLAIMED, PAIRED, AT_CARRIER }

    @Test
    void hundredEnrolmentsInFlightSurviveClosingThePortalAndItsPool() throws Exception {
        People people = new People(ENROLLED + IN_FLIGHT, List.of("cht", "twm", "fet"));
        MutableClock clock = MutableClock.ticking();
        TestCaptcha captcha = new TestCaptcha();
        Path dataDir = Files.createTempDirectory("mobileauth-restart");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Postgres pg = Postgres.create()) {
            Argon2idPasswordHasher hasher = Journey.hasher();
            PortalJdk.Config config = PortalJdk.Config.of(0, dataDir).withJdbc(pg.url(), "postgres", null).withClock(clock)
                    .withCaptcha(captcha).withFixture(people.fixture()).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2))
                    .withPasswordHasher(hasher);
            int port;
            List<Enrolment> enrolled = new ArrayList<>();
            List<String> credentialIds = new ArrayList<>();
            List<Enrolment> inFlight;
            List<Stage> stages = new ArrayList<>();
            try (PortalJdk first = PortalJdk.start(config)) {
                Journey j = new Journey(first, captcha, clock);
                port = first.uri().getPort();
                for (int i = 0; i < ENROLLED; i++) {
                    Enrolment e = j.toCallback(people.get(i));
                    assertEquals(Answer.COMPLETED, j.callback(e));
                    enrolled.add(e);
                    credentialIds.add(j.status(e).path("credentialId").asText());
                }
                // Failed logins before the restart: 3 on the first credential, 1 on the second.
                for (int k = 0; k < 3; k++) {
                    assertFalse(j.login(enrolled.get(0), credentialIds.get(0), "Wrong-Lantern-0000!").has("next"));
                }
                assertFalse(j.login(enrolled.get(1), credentialIds.get(1), "Wrong-Lantern-0000!").has("next"));

                List<Callable<Enrolment>> work = new ArrayList<>();
                for (int i = 0; i < IN_FLIGHT; i++) {
                    Stage stage = Stage.values()[i % Stage.values().length];
                    stages.add(stage);
                    int n = ENROLLED + i;
                    work.add(() -> reach(j, people, n, stage));
                }
                inFlight = all(pool, work);
                // Callbacks held at a slow carrier while the portal goes down (KYC match answers after 3 s).
                List<Enrolment> held = new ArrayList<>();
                for (int i = 0; i < IN_FLIGHT && held.size() < HELD_AT_CARRIER; i++) {
                    if (stages.get(i) == Stage.AT_CARRIER) {
                        held.add(inFlight.get(i));
                    }
                }
                for (String carrier : List.of("cht", "twm", "fet")) {
                    first.networks().networks().faults().inject(carrier, Endpoint.KYC_MATCH,
                            Fault.latency(Duration.ofSeconds(3)).times(HELD_AT_CARRIER));
                }
                List<Future<Answer>> callbacks = new ArrayList<>();
                for (Enrolment e : held) {
                    callbacks.add(pool.submit(() -> j.callback(e)));
                }
                Thread.sleep(1_000); // the held callbacks are now at the carrier
            } // the portal, its executor, the SDK, the fake networks and the HikariCP pool close here
            long open = pg.count("SELECT COUNT(*) FROM mobileauth_enrollment WHERE state NOT IN ('COMPLETED', 'REJECTED')");
            RestartReport report = new RestartReport(pg);
            report.before(open);

            try (PortalJdk second = PortalJdk.start(PortalJdk.Config.of(port, dataDir).withJdbc(pg.url(), "postgres", null)
                    .withClock(clock).withCaptcha(captcha).withFixture(people.fixture())
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)).withPasswordHasher(hasher))) {
                Journey j = new Journey(second, captcha, clock);
                report.checkNoOrphans("after the restart");
                // The lock-out counters are exactly what they were.
                assertEquals(3, report.failures(credentialIds.get(0)), "3 failed logins before the restart");
                assertEquals(1, report.failures(credentialIds.get(1)), "1 failed login before the restart");
                assertFalse(j.login(enrolled.get(0), credentialIds.get(0), "Wrong-Lantern-0000!").has("next"));
                assertEquals(4, report.failures(credentialIds.get(0)), "the next failure counts as the 4th, exactly");
                assertTrue(j.login(enrolled.get(1), credentialIds.get(1), Journey.PASSWORD).has("next"),
                        "the enrolled credential logs in on the new portal");

                // What the people still hold: the desktop's and the phone's sessions were the old portal's
                // (in memory, by design), so the old pages answer "no application in progress" and change nothing.
                int resumable = 0;
                for (Enrolment e : inFlight) {
                    if (j.status(e).has("state")) {
                        resumable++;
                    }
                }
                report.checkNoOrphans("after the old sessions came back");
                // Everyone applies again on the new portal, and that always works.
                List<Callable<Boolean>> again = new ArrayList<>();
                for (Enrolment old : inFlight) {
                    again.add(() -> {
                        Enrolment e = j.toCallback(old.person);
                        return j.callback(e) == Answer.COMPLETED;
                    });
                }
                List<Boolean> reEnrolled = all(pool, again);
                assertTrue(reEnrolled.stream().allMatch(b -> b), "every new enrolment after the restart completes");
                report.checkNoOrphans("after finishing");
                assertEquals(ENROLLED + IN_FLIGHT, report.activeCredentialsPerPersonIsOne(),
                        "every person has exactly one active credential");

                // The rest end expired: past their lifetime nothing of them is open, and none holds a credential.
                clock.advance(Duration.ofMinutes(31));
                long stranded = pg.count("SELECT COUNT(*) FROM mobileauth_enrollment WHERE state NOT IN ('COMPLETED', 'REJECTED')"
                        + " AND expires_at > ?::timestamptz", clock.instant().toString());
                assertEquals(0, stranded, "every unfinished enrolment is past its expiry");
                report.after(resumable, reEnrolled.size(), stages);
                System.out.println(report);
                Files.createDirectories(Path.of("target", "resilience"));
                Files.writeString(Path.of("target", "resilience", "restart.md"), report.toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Drives person {@code n} to {@code stage}. */
    private static Enrolment reach(Journey j, People people, int n, Stage stage) throws Exception {
        Enrolment e = j.apply(people.get(n));
        URI qr = j.qrLink(e);
        if (stage == Stage.BEGUN) {
            return e;
        }
        j.claimQr(e, qr);
        JsonNode status = j.status(e);
        e.pairingCode = status.path("pairingCode").asText();
        if (stage == Stage.QR_CLAIMED) {
            return e;
        }
        URI carrier = j.startVerification(e);
        if (stage == Stage.AT_CARRIER) {
            j.atCarrier(e, carrier);
        }
        return e;
    }

    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> work) throws Exception {
        List<T> out = new ArrayList<>();
        for (Future<T> f : pool.invokeAll(work)) {
            out.add(f.get());
        }
        return out;
    }
}
