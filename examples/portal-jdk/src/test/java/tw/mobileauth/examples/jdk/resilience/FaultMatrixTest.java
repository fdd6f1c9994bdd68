package tw.mobileauth.examples.jdk.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.examples.jdk.PortalJdk;
import tw.mobileauth.examples.jdk.resilience.Faults.Kind;
import tw.mobileauth.examples.jdk.resilience.Faults.Step;
import tw.mobileauth.examples.jdk.resilience.Journey.Answer;
import tw.mobileauth.examples.jdk.resilience.Journey.Enrolment;
import tw.mobileauth.testing.TestCaptcha;

/**
 * Item 3 of the hardening issue: every fault at every step of {@code completeVerification}, end to
 * end on the JDK portal with the JDBC store on PostgreSQL, the carrier (CHT's profile) and the NHI
 * registry faked on loopback. Each cell is a different person, driven over HTTP up to the carrier's
 * callback; the fault is armed; the phone follows the callback and then does what the page says.
 * Each cell checks the documented first answer ({@link Faults#documented}), that the enrolment
 * then completes, that it issued exactly one credential (counted in the database, none left
 * PENDING), that no enrolment is left open or duplicated, that no holder-check or lock-out counter
 * moved, and that the credential logs in. The outcomes are printed as a table and written to
 * {@code target/resilience/fault-matrix.md}.
 */
class FaultMatrixTest {

    private static final int TRIES = 8;
    private static final Map<String, String> OUTCOMES = new ConcurrentHashMap<>();

    private static Postgres pg;
    private static PortalJdk portal;
    private static Journey journey;
    private static People people;
    private static MutableClock clock;
    private static final AtomicInteger NEXT = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        pg = Postgres.create();
        people = new People(80, List.of("cht"));
        clock = MutableClock.ticking();
        TestCaptcha captcha = new TestCaptcha();
        portal = PortalJdk.start(PortalJdk.Config.of(0, Files.createTempDirectory("mobileauth-faults"))
                .withJdbc(pg.url(), "postgres", null).withClock(clock).withCaptcha(captcha).withFixture(people.fixture())
                .withTimeouts(Faults.DEADLINE, Duration.ofMillis(800)).withPasswordHasher(Journey.hasher()));
        journey = new Journey(portal, captcha, clock);
        // A first enrolment fetches discovery, the JWK set and the client-credentials tokens, so that a
        // fault at TOKEN meets the code exchange and nothing else.
        Enrolment warmUp = journey.toCallback(people.get(NEXT.getAndIncrement()));
        assertEquals(Answer.COMPLETED, journey.callback(warmUp));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            String table = table();
            System.out.println(table);
            Path out = Path.of("target", "resilience");
            Files.createDirectories(out);
            Files.writeString(out.resolve("fault-matrix.md"), table);
        } finally {
            try {
                if (portal != null) {
                    portal.close();
                }
            } finally {
                if (pg != null) {
                    pg.close();
                }
            }
        }
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (Step step : Step.values()) {
            for (Kind kind : Kind.values()) {
                if (step != Step.DATABASE || kind == Kind.DATABASE_AWAY) {
                    out.add(Arguments.of(step, kind));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("cells")
    void eachFaultAtEachStepEndsCompletedOnceWithNothingDuplicated(Step step, Kind kind) throws Exception {
        // The adapters judge a call's deadline on the system clock, the SDK sets it on the portal's:
        // a cell starts with the two agreeing again, whatever an earlier cell's retries advanced.
        clock.set(Instant.now());
        long credentials = pg.count("SELECT COUNT(*) FROM mobileauth_credential");
        long enrolments = pg.count("SELECT COUNT(*) FROM mobileauth_enrollment");
        Enrolment e = journey.toCallback(people.get(NEXT.getAndIncrement()));

        Answer first = strike(step, kind, e);
        List<Answer> path = journey.persist(e, first, TRIES);
        OUTCOMES.put(step + "/" + kind, path.stream().map(Enum::name).collect(Collectors.joining(" → ")));

        assertEquals(Faults.documented(step, kind), first, "the first answer is the documented one; path " + path);
        assertEquals(Answer.COMPLETED, path.get(path.size() - 1), "it completes after the person retries: " + path);
        JsonNode status = journey.status(e);
        assertEquals("COMPLETED", status.path("state").asText(), status.toString());
        String credentialId = status.path("credentialId").asText();
        assertFalse(credentialId.isEmpty());

        assertEquals(credentials + 1, pg.count("SELECT COUNT(*) FROM mobileauth_credential"), "exactly one credential issued");
        assertEquals(1, pg.count("SELECT COUNT(*) FROM mobileauth_credential WHERE subject_key ="
                + " (SELECT subject_key FROM mobileauth_credential WHERE credential_id = ?)", credentialId),
                "one credential for this person");
        assertEquals(List.of("ACTIVE"), pg.strings("SELECT status FROM mobileauth_credential WHERE credential_id = ?",
                credentialId));
        assertEquals(0, pg.count("SELECT COUNT(*) FROM mobileauth_credential WHERE status <> 'ACTIVE'"),
                "no credential is left PENDING (half-issued) or was revoked by a duplicate");
        assertEquals(enrolments + 1, pg.count("SELECT COUNT(*) FROM mobileauth_enrollment"), "one enrolment, not duplicated");
        assertEquals(0, pg.count("SELECT COUNT(*) FROM mobileauth_enrollment WHERE state <> 'COMPLETED'"),
                "no enrolment is left open");
        assertEquals(0, pg.count("SELECT COUNT(*) FROM mobileauth_counter WHERE failures > 0"),
                "an outage counts no holder-check or lock-out failure");
        assertTrue(journey.login(e, credentialId, Journey.PASSWORD).has("next"), "the credential logs in");
    }

    /** Arms {@code kind} at {@code step} and sends the callback; the page's answer. */
    private static Answer strike(Step step, Kind kind, Enrolment e) throws Exception {
        if (kind == Kind.DATABASE_AWAY && step == Step.DATABASE) {
            pg.stop();
            try {
                return journey.callback(e);
            } finally {
                pg.start();
            }
        }
        arm(step, kind);
        if (kind != Kind.DATABASE_AWAY) {
            Answer a = journey.callback(e);
            assertFired(step, kind);
            return a;
        }
        CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return journey.callback(e);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return Answer.OTHER;
            }
        });
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (remaining(step) > 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertFired(step, kind); // the call is now held at the carrier (or registry): the database goes away under it
        pg.stop();
        try {
            return answer.get();
        } finally {
            pg.start();
        }
    }

    private static void arm(Step step, Kind kind) {
        if (step == Step.NHI_REGISTRY) {
            portal.networks().registry().faults().inject(Faults.registryEndpoint(), Faults.registry(kind));
        } else {
            portal.networks().networks().faults().inject("cht", step.endpoint, Faults.carrier(step, kind));
        }
    }

    private static int remaining(Step step) {
        return step == Step.NHI_REGISTRY ? portal.networks().registry().faults().remaining(Faults.registryEndpoint())
                : portal.networks().networks().faults().remaining("cht", step.endpoint);
    }

    /** The callback met the fault at least once; what is left of it is disarmed (the outage ends). */
    private static void assertFired(Step step, Kind kind) {
        int left = remaining(step);
        portal.networks().networks().faults().clear();
        portal.networks().registry().faults().clear();
        assertTrue(left < Faults.times(step, kind), "the fault at " + step + " was met by the callback");
    }

    /** The matrix as Markdown: steps down, faults across, each cell the answers in order. */
    static String table() {
        StringBuilder t = new StringBuilder("| step \\ fault |");
        for (Kind k : Kind.values()) {
            t.append(' ').append(k.label).append(" |");
        }
        t.append("\n|---|").append("---|".repeat(Kind.values().length)).append('\n');
        for (Step s : Step.values()) {
            t.append("| ").append(s.label).append(" |");
            for (Kind k : Kind.values()) {
                t.append(' ').append(OUTCOMES.getOrDefault(s + "/" + k, s == Step.DATABASE && k != Kind.DATABASE_AWAY
                        ? "—" : "not run")).append(" |");
            }
            t.append('\n');
        }
        return t.toString();
    }
}
