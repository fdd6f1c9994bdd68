package tw.mobileauth.leakscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.carrier.testkit.SubscriberFixture;

/** The scan itself: planted leaks are found where they are, clean text is not flagged, collection finds the files. */
class LeakScannerTest {

    private static final Subscriber PERSON = SubscriberFixture.builtIn().all().get(0); // 王大明, F173010523, +886912000101, 1986-03-14
    private final LeakScanner scanner = new LeakScanner(Needles.fixture(), Needles.SHAPES);

    @TempDir
    Path root;

    private Path write(String relative, String... lines) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aPlantedLeakInEachSpellingIsFoundOnItsLine() throws IOException {
        String id = PERSON.holderId();
        String nsn = PERSON.msisdn().e164().substring(4);
        Path log = write("m/target/surefire-reports/X-output.txt",
                "[main] INFO tw.mobileauth.enrollment - begun for applicant " + id.charAt(0) + "*******" + id.substring(8),
                "user " + id.toLowerCase(java.util.Locale.ROOT) + " logged in",
                "card " + Spellings.fullWidth(id),
                "calling " + PERSON.msisdn().e164().substring(1),
                "national 0" + nsn.substring(0, 3) + "-" + nsn.substring(3, 6) + "-" + nsn.substring(6),
                "born 075/03/14 (ROC)",
                "born １９８６０３１４",
                "name " + PERSON.name() + " and " + String.join(" ", PERSON.name().split("")),
                "Set-Cookie: mobileauth_session=AbCdEfGhIjKlMnOpQrStUv; Path=/",
                "GET /mobile/start?t=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 HTTP/1.1",
                "typed Kiwi-Lantern-8462! into the form");
        LeakScanner.Report report = scanner.scan(root, List.of(log));

        List<String> where = report.hits().stream().map(LeakScanner.Hit::where).toList();
        String x = "m/target/surefire-reports/X-output.txt:";
        assertEquals(List.of(x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 8, x + 9, x + 10, x + 11), where,
                "line 1 is the masked form, lines 2-11 each leak (line 8 twice): " + report.hits());
        assertTrue(report.hits().get(0).what().contains("subscriber #0") && report.hits().get(0).what().endsWith("ID"));
        assertTrue(report.hits().get(5).what().endsWith("birth date"));
        assertEquals(11, report.lines());
        report.hits().forEach(h -> assertFalse(h.toString().contains(id) || h.toString().contains(nsn)
                || h.toString().contains("AbCdEf"), "a hit never repeats the value: " + h));
    }

    @Test
    void digitsOfADateInsideALongerNumberAreNotABirthDate() throws IOException {
        // PERSON was born 1986-03-14: ROC 0750314, Gregorian 19860314.
        Path log = write("m/target/surefire-reports/Z-output.txt",
                "audit enrollment.pairing_checked at=\"2026-12-06T20:46:03.107503141Z\" matched=\"true\"",
                "request 2198603145 took 3 ms",
                "born 0750314.",
                "born 19860314");
        LeakScanner.Report report = scanner.scan(root, List.of(log));

        List<String> where = report.hits().stream().map(LeakScanner.Hit::where).toList();
        String z = "m/target/surefire-reports/Z-output.txt:";
        assertEquals(List.of(z + 3, z + 4), where, "inside a timestamp or a longer number the digits are chance; "
                + "standing alone they are the birth date: " + report.hits());
        report.hits().forEach(h -> assertTrue(h.what().endsWith("birth date"), h.toString()));
    }

    @Test
    void aLeakInATableDumpIsFoundByRowAndColumn() throws IOException {
        Path dump = write("m/target/table-dumps/postgres-x-mobileauth_enrollment.tsv",
                "id\tstate\tdocument", "e1\tCOMPLETED\t{\"masked\":\"F1******23\"}",
                "e2\tVERIFYING\t{\"phone\":\"+886912000101\"}");
        LeakScanner.Report report = scanner.scan(root, List.of(dump));

        assertEquals(2, report.rows());
        assertEquals(1, report.hits().size(), report.hits().toString());
        assertEquals("m/target/table-dumps/postgres-x-mobileauth_enrollment.tsv row 2 column document",
                report.hits().get(0).where());
        assertTrue(report.hits().get(0).what().endsWith("phone"));
    }

    @Test
    void cleanOutputIsNotFlagged() throws IOException {
        Path log = write("m/target/surefire-reports/Y-output.txt",
                "[main] INFO tw.mobileauth.enrollment.EnrollmentService - enrolment e-Xk3 COMPLETED for F1******23 on ****101",
                "Set-Cookie: mobileauth_session=; Path=/; Max-Age=0",
                "GET /mobile/start HTTP/1.1 200 2026-12-06T09:26:26Z 19:26:26.123",
                "password=[present] name=[present] 民國年月日");
        LeakScanner.Report report = scanner.scan(root, List.of(log));
        assertEquals(List.of(), report.hits());
        assertEquals(4, report.lines());
    }

    @Test
    void recordedSecretsAreSearchedFor() throws IOException {
        Path seen = write("m/target/secrets-seen/desktop.txt", "q7Lr2VxYcD9mTnKp", "short");
        Path log = write("m/target/test-logs/portal.log", "status for Q7LR2VXYCD9MTNKP", "short");
        LeakScanner withRecorded = new LeakScanner(Needles.recorded(List.of(seen)), List.of());
        assertEquals(List.of("m/target/test-logs/portal.log:1"),
                withRecorded.scan(root, List.of(log)).hits().stream().map(LeakScanner.Hit::where).toList());
    }

    @Test
    void collectionFindsEachModulesOutputDumpsAndLogsButNotTheScansOwn() throws IOException {
        write("a/pom.xml", "<project/>");
        write("a/target/surefire-reports/A-output.txt", "x");
        write("a/target/surefire-reports/TEST-A.xml", "<testsuite/>");
        write("examples/b/pom.xml", "<project/>");
        write("examples/b/target/test-logs/nested/server.log", "x");
        write("examples/b/target/table-dumps/h2mem-x-t.tsv", "c");
        write("examples/b/target/secrets-seen/s.txt", "secretsecret");
        write("scan/pom.xml", "<project/>");
        write("scan/target/surefire-reports/S-output.txt", "x");

        Captured c = Captured.from(root, root.resolve("scan").toAbsolutePath().normalize());
        assertEquals(java.util.Set.of("a", "examples/b"), c.modules());
        assertEquals(java.util.Set.of("a"), c.tested(), "a module whose tests ran has a TEST-*.xml report");
        assertEquals(2, c.logs().size(), c.logs().toString());
        assertEquals(1, c.dumps().size());
        assertEquals(1, c.secrets().size());
    }
}
