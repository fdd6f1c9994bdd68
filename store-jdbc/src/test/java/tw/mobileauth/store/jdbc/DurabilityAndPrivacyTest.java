package tw.mobileauth.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Subscriber;

/**
 * What survives a restart, and what never reaches the disk: an enrolment started before every
 * service and pool closed finishes after they reopen on the same database, and a dump of every
 * table holds none of the person's identifying data in any usual spelling.
 */
class DurabilityAndPrivacyTest {

    private static Portal portal;

    @BeforeAll
    static void start() {
        portal = new Portal();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void anEnrolmentStartedBeforeARestartFinishesAfterItOnPostgres() throws Exception {
        TestDatabases.PostgresDatabase db = TestDatabases.postgres();
        enrolAcrossARestartThenLogIn(db::open);
    }

    @Test
    void anEnrolmentStartedBeforeARestartFinishesAfterItOnAnH2File() throws Exception {
        Path file = Files.createTempDirectory("mobileauth-h2-durability").resolve("portal");
        enrolAcrossARestartThenLogIn(() -> TestDatabases.h2File(file));
    }

    private static void enrolAcrossARestartThenLogIn(Supplier<HikariDataSource> open) throws Exception {
        Portal.Halfway halfway;
        try (HikariDataSource pool = open.get()) {
            JdbcStores.migrate(pool);
            try (Portal.Node node = portal.node(JdbcStores.create(pool))) {
                halfway = node.enrolHalfway(portal.person());
            }
        }
        // Every service and pool is closed (an H2 file database closes with its last connection).
        try (HikariDataSource pool = open.get()) {
            JdbcStores.migrate(pool);
            try (Portal.Node node = portal.node(JdbcStores.create(pool))) {
                Portal.Enrolled enrolled = node.finish(halfway);
                assertNotNull(node.login(enrolled, Portal.PASSWORD));
                assertNoPlaintextPersonalData(pool, enrolled.person());
            }
        }
    }

    @Test
    void noTableHoldsTheApplicantsIdPhoneNameBirthDateOrNhiNumberAfterEnrolmentAndLogin() throws Exception {
        for (HikariDataSource pool : new HikariDataSource[] {TestDatabases.h2Memory(), TestDatabases.postgres().open()}) {
            try (pool) {
                JdbcStores.migrate(pool);
                try (Portal.Node node = portal.node(JdbcStores.create(pool))) {
                    Portal.Enrolled enrolled = node.enrol(portal.person());
                    node.login(enrolled, Portal.PASSWORD);
                    assertNoPlaintextPersonalData(pool, enrolled.person());
                }
            }
        }
    }

    /** Every value of every row of every table (ours and Flyway's), searched for each spelling. */
    static void assertNoPlaintextPersonalData(HikariDataSource pool, Subscriber person) throws SQLException {
        String dump = dump(pool);
        assertTrue(dump.length() > 1000, "the dump holds the enrolment and the credential");
        for (String secret : spellings(person)) {
            assertFalse(dump.contains(secret), "a table holds a spelling of the person's data: " + secret.length()
                    + " characters starting " + secret.charAt(0));
        }
    }

    static Set<String> spellings(Subscriber p) {
        String national = "0" + p.msisdn().e164().substring(4);
        String iso = p.birthDate().toString();
        String compact = iso.replace("-", "");
        int roc = p.birthDate().getYear() - 1911;
        String rocDate = roc + iso.substring(4).replace('-', '/');
        List<String> plain = new ArrayList<>(List.of(p.holderId(), p.holderId().toLowerCase(java.util.Locale.ROOT),
                p.msisdn().e164(), p.msisdn().e164().substring(1), national, p.name(), iso, compact, rocDate,
                "0" + rocDate, roc + compact.substring(4), "000012345678"));
        Set<String> all = new LinkedHashSet<>(plain);
        plain.forEach(s -> all.add(fullWidth(s)));
        return all;
    }

    /** ASCII letters, digits and signs as their full-width forms (ＡＢＣ１２３), as Taiwanese IMEs type them. */
    static String fullWidth(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c >= '!' && c <= '~' ? (char) (c + 0xFEE0) : (char) c));
        return b.toString();
    }

    private static String dump(HikariDataSource pool) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = pool.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema != null && (schema.equalsIgnoreCase("INFORMATION_SCHEMA")
                            || schema.equalsIgnoreCase("pg_catalog"))) {
                        continue;
                    }
                    tables.add((schema == null ? "" : "\"" + schema + "\".") + "\"" + rs.getString("TABLE_NAME") + "\"");
                }
            }
            assertTrue(tables.size() >= 5, "our four tables and the history: " + tables);
            try (Statement s = c.createStatement()) {
                for (String table : tables) {
                    try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                out.append(rs.getString(i)).append('\t');
                            }
                            out.append('\n');
                        }
                    }
                }
            }
        }
        return out.toString();
    }
}
