package tw.mobileauth.examples.jdk.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL checks of the restart test, and what it reports: the enrolments by stage and by stored
 * state when the portal went down, how many the old sessions could resume, and how many people
 * enrolled again.
 */
final class RestartReport {

    private final Postgres pg;
    private long openAtClose;
    private String statesAtClose = "";
    private int resumable;
    private int reEnrolled;
    private int broken;
    private final Map<RestartDurabilityTest.Stage, Integer> byStage = new EnumMap<>(RestartDurabilityTest.Stage.class);

    RestartReport(Postgres pg) {
        this.pg = pg;
    }

    /** Records the enrolments as the closed portal left them. */
    void before(long open) {
        openAtClose = open;
        StringBuilder sb = new StringBuilder();
        for (String state : pg.strings("SELECT DISTINCT state FROM mobileauth_enrollment ORDER BY state")) {
            sb.append(state).append(' ').append(pg.count("SELECT COUNT(*) FROM mobileauth_enrollment WHERE state = ?", state))
                    .append(", ");
        }
        statesAtClose = sb.length() > 2 ? sb.substring(0, sb.length() - 2) : "";
    }

    void after(int resumableCount, int reEnrolledCount, int brokenCount, List<RestartDurabilityTest.Stage> stages) {
        broken = brokenCount;
        resumable = resumableCount;
        reEnrolled = reEnrolledCount;
        for (RestartDurabilityTest.Stage s : stages) {
            byStage.merge(s, 1, Integer::sum);
        }
    }

    /** No credential half-issued (PENDING), none without its completed enrolment, none twice for a person. */
    void checkNoOrphans(String when) {
        assertEquals(0, pg.count("SELECT COUNT(*) FROM mobileauth_credential WHERE status = 'PENDING'"),
                "no half-issued (PENDING) credential " + when);
        assertEquals(0, pg.count("SELECT COUNT(*) FROM mobileauth_credential c WHERE NOT EXISTS (SELECT 1 FROM"
                + " mobileauth_enrollment e WHERE e.subject_key = c.subject_key AND e.state = 'COMPLETED')"),
                "no credential without a completed enrolment " + when);
        assertEquals(0, pg.count("SELECT COUNT(*) FROM mobileauth_enrollment e WHERE e.state = 'COMPLETED' AND NOT EXISTS"
                + " (SELECT 1 FROM mobileauth_credential c WHERE c.subject_key = e.subject_key AND c.status = 'ACTIVE')"),
                "every completed enrolment has its active credential " + when);
        assertEquals(0, pg.count("SELECT COUNT(*) FROM (SELECT subject_key FROM mobileauth_credential WHERE status = 'ACTIVE'"
                + " GROUP BY subject_key HAVING COUNT(*) > 1) d"), "no person holds two active credentials " + when);
    }

    /** People with an active credential, after checking that none has two. */
    long activeCredentialsPerPersonIsOne() {
        long people = pg.count("SELECT COUNT(DISTINCT subject_key) FROM mobileauth_credential WHERE status = 'ACTIVE'");
        assertEquals(people, pg.count("SELECT COUNT(*) FROM mobileauth_credential WHERE status = 'ACTIVE'"));
        return people;
    }

    /** Stored enrolments in {@code state}. */
    long inState(String state) {
        return pg.count("SELECT COUNT(*) FROM mobileauth_enrollment WHERE state = ?", state);
    }

    /** The failed logins counted on {@code credentialId}'s lock-out counter. */
    long failures(String credentialId) {
        return pg.count("SELECT COALESCE(MAX(failures), 0) FROM mobileauth_counter WHERE counter_key LIKE ?", "%" + credentialId);
    }

    @Override
    public String toString() {
        return "| restart durability | |\n|---|---|\n"
                + "| enrolments in flight when the portal and its pool closed | " + byStage + " |\n"
                + "| stored enrolments at close, by state | " + statesAtClose + " |\n"
                + "| open at the step they had reached, none half-written, after the restart | " + openAtClose + " |\n"
                + "| resumed through the old browser sessions | " + resumable + " |\n"
                + "| people who applied again after the restart and COMPLETED | " + reEnrolled + " |\n"
                + "| requests the JDK HTTP server dropped, after which the person started over | " + broken + " |\n"
                + "| unfinished enrolments past their expiry after the clock moved 31 min | all |\n";
    }
}
