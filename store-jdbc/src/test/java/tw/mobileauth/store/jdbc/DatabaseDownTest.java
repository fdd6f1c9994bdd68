package tw.mobileauth.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.enrollment.VerificationOutcome;
import tw.mobileauth.login.LoginAttempt;
import tw.mobileauth.login.LoginFailedException;
import tw.mobileauth.login.LoginUnavailableException;
import tw.mobileauth.store.StoreException;

/**
 * PostgreSQL stops while a carrier callback and a login arrive: the login caller gets the typed,
 * retryable {@link LoginUnavailableException} with the store failure as cause, the enrolment caller
 * the store's typed {@link StoreException}; after a restart the enrolment finishes with the same
 * callback and the lock-out counter is exactly what it was.
 */
class DatabaseDownTest {

    @Test
    void callsWhileTheDatabaseIsDownFailTypedAndNothingIsLostAfterARestart() throws Exception {
        Path data = Files.createTempDirectory("mobileauth-pg-down").resolve("data");
        int port = freePort();
        EmbeddedPostgres server = start(data, port);
        try (Portal portal = new Portal();
                HikariDataSource pool = TestDatabases.pool(server.getJdbcUrl("postgres", "postgres"), Optional.empty())) {
            pool.setConnectionTimeout(1_000);
            JdbcStores.migrate(pool);
            try (Portal.Node node = portal.node(JdbcStores.create(pool))) {
                Portal.Enrolled enrolled = node.enrol(portal.person());
                for (int i = 0; i < 2; i++) {
                    Portal.Enrolled e = enrolled;
                    assertThrows(LoginFailedException.class, () -> node.login(e, "wrong-" + e.credentialId()));
                }
                assertEquals(2, failures(pool, enrolled.credentialId()));
                Portal.Halfway halfway = node.enrolHalfway(anotherPerson(portal));
                Map<String, String> callback = node.carrierCallback(halfway);
                LoginAttempt guess = node.attempt(enrolled, node.beginLogin(), "one-more-wrong-guess");

                server.close(); // the database goes away

                // Both services answer with their typed, retryable "unavailable", the store failure as its cause.
                EnrollmentUnavailableException enrolment = assertThrows(EnrollmentUnavailableException.class,
                        () -> node.complete(halfway, callback));
                assertEquals(EnrollmentUnavailableException.Source.STORE, enrolment.source());
                assertTrue(enrolment.isRetryable());
                StoreException cause = assertInstanceOf(StoreException.class, enrolment.getCause());
                assertEquals(StoreException.Reason.BACKEND_FAILED, cause.reason());
                assertInstanceOf(java.sql.SQLException.class, cause.getCause());
                LoginUnavailableException login = assertThrows(LoginUnavailableException.class,
                        () -> node.finishLogin(guess));
                assertTrue(causedByStore(login), "the store failure is the cause");

                server = start(data, port); // the database is back, with what it held
                // The pool still holds connections the shutdown killed; HikariCP drops each one when it
                // fails (one more retryable error per connection). Evict them at once, as an operator would.
                pool.getHikariPoolMXBean().softEvictConnections();

                assertInstanceOf(VerificationOutcome.Issued.class, node.complete(halfway, callback),
                        "the same callback finishes the enrolment");
                assertEquals(2, failures(pool, enrolled.credentialId()),
                        "the lock-out counter is exact: the attempt that met the outage was not counted");
                assertNotNull(node.login(enrolled, Portal.PASSWORD));
            }
        } finally {
            server.close();
        }
    }

    /**
     * The database stops in the middle of the calls: while completeVerification stores the credential
     * it has just issued (after the carrier's number verification was checkpointed), and while
     * finishLogin counts a wrong password. Nothing is half-written, and after a restart the same
     * callback finishes the enrolment and the counter holds exactly the failures counted before.
     */
    @Test
    void theDatabaseStoppingInTheMiddleOfACallbackAndALoginLosesNothing() throws Exception {
        Path data = Files.createTempDirectory("mobileauth-pg-mid-call").resolve("data");
        int port = freePort();
        EmbeddedPostgres[] server = {start(data, port)};
        Runnable stop = () -> {
            try {
                server[0].close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        try (Portal portal = new Portal();
                HikariDataSource pool = TestDatabases.pool(server[0].getJdbcUrl("postgres", "postgres"), Optional.empty())) {
            pool.setConnectionTimeout(1_000);
            JdbcStores.migrate(pool);
            StopOnStatement trap = new StopOnStatement(pool);
            try (Portal.Node node = portal.node(JdbcStores.create(trap))) {
                Portal.Enrolled enrolled = node.enrol(portal.person());
                Portal.Enrolled e = enrolled;
                assertThrows(LoginFailedException.class, () -> node.login(e, "wrong-" + e.credentialId()));
                assertEquals(1, failures(pool, enrolled.credentialId()));
                Portal.Halfway halfway = node.enrolHalfway(anotherPerson(portal));
                Map<String, String> callback = node.carrierCallback(halfway);

                trap.arm(sql -> sql.startsWith("INSERT INTO mobileauth_credential"), stop);
                EnrollmentUnavailableException duringCallback = assertThrows(EnrollmentUnavailableException.class,
                        () -> node.complete(halfway, callback));
                assertEquals(EnrollmentUnavailableException.Source.STORE, duringCallback.source());
                assertEquals(StoreException.Reason.BACKEND_FAILED,
                        assertInstanceOf(StoreException.class, duringCallback.getCause()).reason());

                server[0] = start(data, port);
                pool.getHikariPoolMXBean().softEvictConnections();
                LoginAttempt guess = node.attempt(enrolled, node.beginLogin(), "another-wrong-guess");
                trap.arm(sql -> sql.contains("mobileauth_counter") && !sql.startsWith("SELECT counter_key"), stop);
                LoginUnavailableException duringLogin = assertThrows(LoginUnavailableException.class,
                        () -> node.finishLogin(guess));
                assertTrue(causedByStore(duringLogin));

                server[0] = start(data, port);
                pool.getHikariPoolMXBean().softEvictConnections();
                assertEquals(0, activeCredentials(pool, halfway.enrollmentId()), "no credential half-written");
                assertInstanceOf(VerificationOutcome.Issued.class, node.complete(halfway, callback),
                        "the same callback finishes from the checkpoint, without the spent code");
                assertEquals(1, failures(pool, enrolled.credentialId()), "the counter is exactly what it was");
                assertNotNull(node.login(enrolled, Portal.PASSWORD));
            }
        } finally {
            server[0].close();
        }
    }

    private static long activeCredentials(HikariDataSource pool, String enrollmentId) throws Exception {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM mobileauth_credential c"
                        + " JOIN mobileauth_enrollment e ON e.subject_key = c.subject_key WHERE e.id = ?")) {
            ps.setString(1, enrollmentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Subscriber anotherPerson(Portal portal) {
        return portal.networks.subscribers().findAll("twm", Scenario.ELIGIBLE).get(0);
    }

    private static boolean causedByStore(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StoreException) {
                return true;
            }
        }
        return false;
    }

    private static long failures(HikariDataSource pool, String credentialId) throws Exception {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT failures FROM mobileauth_counter WHERE counter_key LIKE ?")) {
            ps.setString(1, "%" + credentialId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
