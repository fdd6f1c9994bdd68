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
 * at a slow carrier), when the portal and its pool are closed. On a new portal on the same
 * database every record is intact at the step it had reached; the old browser sessions are gone (the
 * demo keeps them in memory), so every person applies again and completes, and the old enrolments end
 * expired; no credential is orphaned or duplicated, and the lock-out counters are exactly as they were.
 */
class RestartDurabilityTest {

    private static final int IN_FLIGHT = 100;
    private static final int ENROLLED = 2;
    private static final int HELD_AT_CARRIER = 10;

    /** The step an enrolment has reached when the portal goes down. */
    enum Stage { BEGUN, QR_CLAIMED, PAIRED, AT_CARRIER }

    private static final String WRONG = "Wrong-Lantern-0000!";

    private final People people = new People(ENROLLED + IN_FLIGHT, List.of("cht", "twm", "fet"));
    private final MutableClock clock = MutableClock.ticking();
    private final TestCaptcha captcha = new TestCaptcha();
    private final Argon2idPasswordHasher hasher = Journey.hasher();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final List<Enrolment> enrolled = new ArrayList<>();
    private final List<String> credentialIds = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();
    private List<Enrolment> inFlight = List.of();
    private final java.util.concurrent.atomic.AtomicInteger brokenRequests = new java.util.concurrent.atomic.AtomicInteger();
    private Path dataDir;
    private Postgres pg;

    @Test
    void hundredEnrolmentsInFlightSurviveClosingThePortalAndItsPool() throws Exception {
        dataDir = Files.createTempDirectory("mobileauth-restart");
        try (Postgres database = Postgres.create()) {
            pg = database;
            int port;
            try (PortalJdk first = PortalJdk.start(config(0))) {
                port = first.uri().getPort();
                Journey j = new Journey(first, captcha, clock);
                enrolAndFailLogins(j);
                putInFlight(j);
                holdCallbacksAtTheCarrier(first, j);
            } // the portal, its executor, the SDK, the fake networks and the HikariCP pool close here
            RestartReport report = new RestartReport(pg);
            checkWhatTheClosedPortalLeft(report);
            try (PortalJdk second = PortalJdk.start(config(port))) {
                afterTheRestart(new Journey(second, captcha, clock), report);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private PortalJdk.Config config(int port) {
        return PortalJdk.Config.of(port, dataDir).withJdbc(pg.url(), "postgres", null).withClock(clock).withCaptcha(captcha)
                .withFixture(people.fixture()).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2))
                .withPasswordHasher(hasher);
    }

    /** Two people enrolled; failed logins: 3 on the first credential, 1 on the second. */
    private void enrolAndFailLogins(Journey j) throws Exception {
        for (int i = 0; i < ENROLLED; i++) {
            Enrolment e = j.toCallback(people.get(i));
            assertEquals(Answer.COMPLETED, j.callback(e));
            enrolled.add(e);
            credentialIds.add(j.status(e).path("credentialId").asText());
        }
        for (int k = 0; k < 3; k++) {
            assertFalse(j.login(enrolled.get(0), credentialIds.get(0), WRONG).has("next"));
        }
        assertFalse(j.login(enrolled.get(1), credentialIds.get(1), WRONG).has("next"));
    }

    /** 100 people apply at once, 8 at a time, and stop at a step each. */
    private void putInFlight(Journey j) throws Exception {
        List<Callable<Enrolment>> work = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            Stage stage = Stage.values()[i % Stage.values().length];
            stages.add(stage);
            int n = ENROLLED + i;
            work.add(() -> reach(j, people, n, stage));
        }
        inFlight = all(pool, work);
    }

    /** 10 callbacks sent while every carrier's KYC match takes 3 s: they are mid-request when the portal closes. */
    private void holdCallbacksAtTheCarrier(PortalJdk portal, Journey j) throws InterruptedException {
        for (String carrier : List.of("cht", "twm", "fet")) {
            portal.networks().networks().faults().inject(carrier, Endpoint.KYC_MATCH,
                    Fault.latency(Duration.ofSeconds(3)).times(HELD_AT_CARRIER));
        }
        int held = 0;
        for (int i = 0; i < IN_FLIGHT && held < HELD_AT_CARRIER; i++) {
            if (stages.get(i) == Stage.AT_CARRIER) {
                Enrolment e = inFlight.get(i);
                pool.submit(() -> j.callback(e));
                held++;
            }
        }
        Thread.sleep(1_000); // the held callbacks are now at the carrier
    }

    /** Every enrolment is stored at the step it had reached; the held callbacks were cut off whole. */
    private void checkWhatTheClosedPortalLeft(RestartReport report) {
        long open = pg.count("SELECT COUNT(*) FROM mobileauth_enrollment WHERE state NOT IN ('COMPLETED', 'REJECTED')");
        report.before(open);
        assertEquals(IN_FLIGHT, open, "all 100 still open, none half-finished");
        assertEquals(count(Stage.BEGUN), report.inState("AWAITING_DEVICE"));
        assertEquals(count(Stage.QR_CLAIMED), report.inState("DEVICE_CONNECTED"));
        assertEquals(count(Stage.PAIRED) + count(Stage.AT_CARRIER), report.inState("VERIFYING"));
        report.checkNoOrphans("after the portal closed");
    }

    private void afterTheRestart(Journey j, RestartReport report) throws Exception {
        // The lock-out counters are exactly what they were.
        assertEquals(3, report.failures(credentialIds.get(0)), "3 failed logins before the restart");
        assertEquals(1, report.failures(credentialIds.get(1)), "1 failed login before the restart");
        assertFalse(j.login(enrolled.get(0), credentialIds.get(0), WRONG).has("next"));
        assertEquals(4, report.failures(credentialIds.get(0)), "the next failure counts as the 4th, exactly");
        assertTrue(j.login(enrolled.get(1), credentialIds.get(1), Journey.PASSWORD).has("next"),
                "the enrolled credential logs in on the new portal");
        // The desktop's and the phone's sessions were the old portal's (in memory, by design): the old
        // pages answer "no application in progress" and change nothing.
        int resumable = 0;
        for (Enrolment e : inFlight) {
            resumable += j.status(e).has("state") ? 1 : 0;
        }
        report.checkNoOrphans("after the old sessions came back");
        // Everyone applies again on the new portal, and that always works.
        List<Callable<Boolean>> again = new ArrayList<>();
        for (Enrolment old : inFlight) {
            again.add(() -> applyAgain(j, old));
        }
        List<Boolean> reEnrolled = all(pool, again);
        assertTrue(reEnrolled.stream().allMatch(b -> b), "every new enrolment after the restart completes");
        report.checkNoOrphans("after everyone applied again");
        assertEquals(ENROLLED + IN_FLIGHT, report.activeCredentialsPerPersonIsOne(), "one active credential per person");
        // The old ones end expired: past their lifetime, none open and none holding a credential.
        clock.advance(Duration.ofMinutes(31));
        assertEquals(0, pg.count("SELECT COUNT(*) FROM mobileauth_enrollment WHERE state NOT IN ('COMPLETED', 'REJECTED')"
                + " AND expires_at > ?::timestamptz", clock.instant().toString()), "every unfinished enrolment is past its expiry");
        long unfinished = pg.count("SELECT COUNT(*) FROM mobileauth_enrollment WHERE state NOT IN ('COMPLETED', 'REJECTED')");
        assertTrue(unfinished >= IN_FLIGHT && unfinished <= IN_FLIGHT + brokenRequests.get(),
                "the 100 old enrolments (and any a broken request left) end expired: " + unfinished);
        report.after(resumable, (int) reEnrolled.stream().filter(b -> b).count(), brokenRequests.get(), stages);
        System.out.println(report);
        Files.createDirectories(Path.of("target", "resilience"));
        Files.writeString(Path.of("target", "resilience", "restart.md"), report.toString());
    }

    /**
     * The person applies again with fresh browsers. If a request breaks on the way (on a loaded
     * machine the JDK's HTTP server may drop a connection), they start over (up to twice), as a person would;
     * the abandoned enrolment is counted and must expire like the others.
     */
    private boolean applyAgain(Journey j, Enrolment old) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return j.callback(j.toCallback(old.person)) == Answer.COMPLETED;
            } catch (java.io.IOException broken) {
                brokenRequests.incrementAndGet();
                if (attempt == 3) {
                    throw broken;
                }
            }
        }
    }

    private long count(Stage stage) {
        return stages.stream().filter(s -> s == stage).count();
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
