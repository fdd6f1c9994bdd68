package tw.mobileauth.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import tw.mobileauth.Stores;
import tw.mobileauth.carrier.testkit.MutableClock;

/**
 * The clean-up job ({@link JdbcStores#purgeExpired}, which {@code MobileAuth.purgeExpired} runs
 * too): it removes expired enrolments and login challenges and keeps the live ones.
 */
class CleanUpTest {

    @Test
    void theCleanUpJobRemovesExpiredEnrolmentsAndChallengesAndKeepsLiveOnes() throws Exception {
        MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (Portal portal = new Portal(); HikariDataSource pool = TestDatabases.postgres().open()) {
            JdbcStores.migrate(pool);
            Stores stores = JdbcStores.create(pool);
            try (Portal.Node node = portal.node(stores, clock)) {
                Portal.Applied old = node.apply(portal.person());
                node.beginLogin();
                clock.advance(Duration.ofDays(2));
                Portal.Applied live = node.apply(portal.person());
                node.beginLogin();
                assertEquals(2, rows(pool, "mobileauth_enrollment WHERE id IN (?, ?)", old.enrollmentId(), live.enrollmentId()));
                assertEquals(2, rows(pool, "mobileauth_token WHERE purpose = ?", "LOGIN_CHALLENGE", null));

                JdbcStores.Purged purged = JdbcStores.purgeExpired(stores, clock.instant());

                assertEquals(0, rows(pool, "mobileauth_enrollment WHERE id = ?", old.enrollmentId(), null), "expired: gone");
                assertEquals(1, rows(pool, "mobileauth_enrollment WHERE id = ?", live.enrollmentId(), null), "live: kept");
                assertEquals(1, rows(pool, "mobileauth_token WHERE purpose = ?", "LOGIN_CHALLENGE", null),
                        "the old challenge is gone, the new one kept");
                assertEquals(1, purged.enrollments());
                assertEquals(JdbcStores.purgeExpired(stores, clock.instant()), new JdbcStores.Purged(0, 0, 0),
                        "a second run finds nothing");
            }
        }
    }

    private static long rows(HikariDataSource pool, String fromWhere, String first, String second) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + fromWhere)) {
            ps.setString(1, first);
            if (second != null) {
                ps.setString(2, second);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
