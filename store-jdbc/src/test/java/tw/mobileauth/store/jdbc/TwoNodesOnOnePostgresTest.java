package tw.mobileauth.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tw.mobileauth.enrollment.DesktopSecret;
import tw.mobileauth.enrollment.EnrollmentException;
import tw.mobileauth.enrollment.EnrollmentStatus;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.enrollment.VerificationOutcome;
import tw.mobileauth.login.FailureCause;
import tw.mobileauth.login.LoginAttempt;
import tw.mobileauth.login.LoginChallenge;
import tw.mobileauth.login.LoginEvent;
import tw.mobileauth.login.LoginFailedException;
import tw.mobileauth.store.testkit.Races;

/**
 * Two portal nodes, each a MobileAuth with its own connection pool, on one PostgreSQL database:
 * the races a load balancer creates are decided by the database, never by a Java lock.
 */
class TwoNodesOnOnePostgresTest {

    private static Portal portal;
    private static HikariDataSource poolA;
    private static HikariDataSource poolB;
    private static Portal.Node nodeA;
    private static Portal.Node nodeB;

    @BeforeAll
    static void twoNodes() {
        TestDatabases.PostgresDatabase db = TestDatabases.postgres();
        poolA = db.open();
        poolB = db.open();
        JdbcStores.migrate(poolA);
        JdbcStores.migrate(poolB);
        portal = new Portal();
        nodeA = portal.node(JdbcStores.create(poolA));
        nodeB = portal.node(JdbcStores.create(poolB));
    }

    @AfterAll
    static void close() {
        nodeA.close();
        nodeB.close();
        poolA.close();
        poolB.close();
        portal.close();
    }

    private static Portal.Node node(int i) {
        return i % 2 == 0 ? nodeA : nodeB;
    }

    @Test
    void fiftyPhonesOnTwoNodesClaimingOneQrCodeHaveExactlyOneWinner() throws Exception {
        Portal.Applied applied = nodeA.apply(portal.person());

        List<Boolean> wins = Races.race(50, i -> () -> {
            try {
                node(i).openOnPhone(applied);
                return true;
            } catch (EnrollmentException e) {
                assertEquals(EnrollmentException.Reason.HANDOFF_ALREADY_CLAIMED, e.reason());
                return false;
            }
        });

        assertEquals(1, wins.stream().filter(w -> w).count());
    }

    @Test
    void fiftyAttemptsOnTwoNodesWithOneLoginChallengeLogInExactlyOnce() throws Exception {
        Portal.Enrolled enrolled = nodeA.enrol(portal.person());
        LoginChallenge challenge = nodeB.beginLogin();
        LoginAttempt attempt = nodeA.attempt(enrolled, challenge, Portal.PASSWORD);
        int before = replayed();

        List<Boolean> loggedIn = Races.race(50, i -> () -> {
            try {
                node(i).finishLogin(attempt);
                return true;
            } catch (LoginFailedException refused) {
                return false;
            }
        });

        assertEquals(1, loggedIn.stream().filter(w -> w).count());
        assertEquals(49, replayed() - before, "every other attempt found the challenge used");
    }

    @Test
    void fortyWrongPasswordsSplitOverTwoNodesAreCountedExactlyAndTheLockOutHoldsOnBoth() throws Exception {
        Portal.Enrolled enrolled = nodeA.enrol(portal.person());
        List<LoginAttempt> guesses = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            guesses.add(node(i).attempt(enrolled, node(i + 1).beginLogin(), "wrong-guess-" + i));
        }
        int wrongBefore = failures(FailureCause.WRONG_PASSWORD);
        int lockedBefore = failures(FailureCause.LOCKED);

        List<Boolean> loggedIn = Races.race(40, i -> () -> {
            try {
                node(i).finishLogin(guesses.get(i));
                return true;
            } catch (LoginFailedException refused) {
                return false;
            }
        });

        assertEquals(0, loggedIn.stream().filter(w -> w).count());
        assertEquals(Portal.THRESHOLD, failures(FailureCause.WRONG_PASSWORD) - wrongBefore,
                "exactly the threshold evaluated, across both nodes");
        assertEquals(40 - Portal.THRESHOLD, failures(FailureCause.LOCKED) - lockedBefore);
        // Guesses that passed the lock-out check before the lock was written are counted, then refused as
        // locked without being evaluated; so the counter may pass the threshold, but it holds exactly the
        // failures the nodes counted: none lost between the two nodes.
        assertEquals(counted(enrolled.credentialId()), credentialFailures(enrolled.credentialId()),
                "the stored counter is exact");
        assertTrue(credentialFailures(enrolled.credentialId()) >= Portal.THRESHOLD);
        for (Portal.Node node : List.of(nodeA, nodeB)) {
            assertThrows(LoginFailedException.class, () -> node.login(enrolled, Portal.PASSWORD));
            assertEquals(FailureCause.LOCKED, lastFailure(node), "the right password is refused on both nodes");
        }
    }

    @Test
    void theSameCarrierCallbackOnEachNodeInTurnLeavesOneActiveCredential() throws Exception {
        Portal.Halfway halfway = nodeA.enrolHalfway(portal.person());
        Map<String, String> callback = nodeA.carrierCallback(halfway);

        var first = assertInstanceOf(VerificationOutcome.Issued.class, nodeA.complete(halfway, callback));
        var repeat = assertInstanceOf(VerificationOutcome.Issued.class, nodeB.complete(halfway, callback),
                "the other node sees the finished enrolment and answers the same outcome");

        assertEquals(first.credentialId(), repeat.credentialId());
        assertEquals(first.credentialId(), assertInstanceOf(EnrollmentStatus.Completed.class, nodeB.auth.enrollment()
                .status(halfway.enrollmentId(), DesktopSecret.fromTransport(halfway.desktopSecret()))).credentialId());
        assertEquals(1, activeCredentialsOfEnrollmentPerson(first.credentialId()));
    }

    /**
     * Both callbacks at the same instant: the store lets at most one enrolment attempt complete and
     * leaves no pending credential behind. (Which caller is told what is the carrier's business: it
     * redeems a code once, and the fake networks, like real ones, revoke what the code gave when it
     * is redeemed twice, so here both callers may be refused; the same happens on one node with the
     * in-memory stores. That is the enrolment service's open question, not the store's.)
     */
    @Test
    void theSameCarrierCallbackOnBothNodesAtOnceExchangesTheCodeOnceAndLeavesOneActiveCredential() throws Exception {
        Portal.Halfway halfway = nodeA.enrolHalfway(portal.person());
        Map<String, String> callback = nodeA.carrierCallback(halfway);

        List<Object> outcomes = Races.race(2, i -> () -> {
            try {
                return node(i).complete(halfway, callback);
            } catch (EnrollmentException | EnrollmentUnavailableException e) {
                return e;
            }
        });
        // Only one node may redeem the single-use code; the other is told to repeat the callback
        // (or, if it came late, already finds the outcome). Repeating it gives the one credential.
        for (Object o : outcomes) {
            if (!(o instanceof VerificationOutcome.Issued)) {
                assertTrue(o instanceof EnrollmentUnavailableException busy && busy.isRetryable(),
                        "the other node is told to repeat: " + o);
            }
        }
        Set<String> issued = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) {
            issued.add(assertInstanceOf(VerificationOutcome.Issued.class, node(i).complete(halfway, callback))
                    .credentialId());
        }
        assertEquals(1, issued.size(), "one credential between them: " + outcomes);
        assertEquals(1, activeCredentialsOfEnrollmentPerson(issued.iterator().next()));
        assertEquals(0, count("SELECT COUNT(*) FROM mobileauth_credential WHERE status = 'PENDING'", null),
                "no attempt's credential is left pending");
    }

    private static long activeCredentialsOfEnrollmentPerson(String credentialId) throws SQLException {
        return count("SELECT COUNT(*) FROM mobileauth_credential WHERE status = 'ACTIVE' AND subject_key ="
                + " (SELECT subject_key FROM mobileauth_credential WHERE credential_id = ?)", credentialId);
    }

    /** The failures the two nodes say they counted against this credential. */
    private static long counted(String credentialId) {
        return java.util.stream.Stream.of(nodeA, nodeB).flatMap(n -> n.audit.ofType(LoginEvent.Failed.class).stream())
                .filter(f -> f.counted() && credentialId.equals(f.credentialId())).count();
    }

    private static int replayed() {
        return failures(FailureCause.CHALLENGE_REPLAYED);
    }

    private static int failures(FailureCause cause) {
        return (int) java.util.stream.Stream.of(nodeA, nodeB).flatMap(n -> n.audit.ofType(LoginEvent.Failed.class).stream())
                .filter(f -> f.cause() == cause).count();
    }

    private static FailureCause lastFailure(Portal.Node node) {
        List<LoginEvent.Failed> failed = node.audit.ofType(LoginEvent.Failed.class);
        return failed.get(failed.size() - 1).cause();
    }

    private static long credentialFailures(String credentialId) throws SQLException {
        try (Connection c = poolA.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT failures FROM mobileauth_counter WHERE counter_key LIKE ?")) {
            ps.setString(1, "%" + credentialId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "a counter for the credential");
                return rs.getLong(1);
            }
        }
    }

    private static long count(String sql, String parameter) throws SQLException {
        try (Connection c = poolA.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
