package tw.mobileauth.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.enrollment.EnrollmentState;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.EnrollmentStore;

/**
 * {@link EnrollmentStore} on table {@code mobileauth_enrollment}; a state change is one UPDATE
 * guarded by the expected version.
 */
final class JdbcEnrollmentStore implements EnrollmentStore {

    private static final String COLUMNS =
            "id, version, state, created_at, updated_at, expires_at, purge_after, document, subject_key";

    private final Jdbc jdbc;

    JdbcEnrollmentStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(EnrollmentRecord record) {
        Objects.requireNonNull(record, "record");
        return jdbc.insert("insert an enrolment", "INSERT INTO mobileauth_enrollment (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, record.id());
                    ps.setLong(2, record.version());
                    bindContent(ps, 3, record);
                });
    }

    @Override
    public Optional<EnrollmentRecord> find(String id) {
        Objects.requireNonNull(id, "id");
        return jdbc.queryOne("find an enrolment", "SELECT " + COLUMNS + " FROM mobileauth_enrollment WHERE id = ?",
                ps -> ps.setString(1, id), JdbcEnrollmentStore::record);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, EnrollmentRecord next) {
        Objects.requireNonNull(next, "next");
        if (next.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("the successor's version must be " + (expectedVersion + 1)
                    + ", was " + next.version());
        }
        return jdbc.update("change an enrolment", "UPDATE mobileauth_enrollment SET state = ?, created_at = ?,"
                + " updated_at = ?, expires_at = ?, purge_after = ?, document = ?, subject_key = ?, version = ?"
                + " WHERE id = ? AND version = ?", ps -> {
                    bindContent(ps, 1, next);
                    ps.setLong(8, next.version());
                    ps.setString(9, next.id());
                    ps.setLong(10, expectedVersion);
                }) == 1;
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        return jdbc.update("delete an enrolment", "DELETE FROM mobileauth_enrollment WHERE id = ?",
                ps -> ps.setString(1, id)) == 1;
    }

    @Override
    public List<EnrollmentRecord> listBySubject(String subjectKey) {
        Objects.requireNonNull(subjectKey, "subjectKey");
        return jdbc.query("list a person's enrolments", "SELECT " + COLUMNS
                + " FROM mobileauth_enrollment WHERE subject_key = ? ORDER BY created_at, id",
                ps -> ps.setString(1, subjectKey), JdbcEnrollmentStore::record);
    }

    @Override
    public int deleteAllForSubject(String subjectKey) {
        Objects.requireNonNull(subjectKey, "subjectKey");
        return jdbc.update("erase a person's enrolments", "DELETE FROM mobileauth_enrollment WHERE subject_key = ?",
                ps -> ps.setString(1, subjectKey));
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return jdbc.update("purge expired enrolments", "DELETE FROM mobileauth_enrollment WHERE purge_after <= ?",
                ps -> Jdbc.setTime(ps, 1, now));
    }

    /** Binds state, the four times, document and subject key from {@code first} on (7 parameters). */
    private static void bindContent(PreparedStatement ps, int first, EnrollmentRecord r) throws SQLException {
        ps.setString(first, r.state().name());
        Jdbc.setTime(ps, first + 1, r.createdAt());
        Jdbc.setTime(ps, first + 2, r.updatedAt());
        Jdbc.setTime(ps, first + 3, r.expiresAt());
        Jdbc.setTime(ps, first + 4, r.purgeAfter());
        ps.setString(first + 5, r.document());
        Jdbc.setText(ps, first + 6, r.subjectKey());
    }

    private static EnrollmentRecord record(ResultSet rs) throws SQLException {
        return new EnrollmentRecord(rs.getString("id"), rs.getLong("version"),
                EnrollmentState.valueOf(rs.getString("state")), Jdbc.getTime(rs, "created_at"),
                Jdbc.getTime(rs, "updated_at"), Jdbc.getTime(rs, "expires_at"), Jdbc.getTime(rs, "purge_after"),
                rs.getString("document"), Optional.ofNullable(rs.getString("subject_key")));
    }
}
