package tw.mobileauth.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.client.BoundDevice;
import tw.mobileauth.client.BrowserFamily;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.CredentialStatus;
import tw.mobileauth.store.CredentialStore;

/**
 * {@link CredentialStore} on table {@code mobileauth_credential}. Compare-and-set, activation and
 * revocation are each one conditional UPDATE.
 */
final class JdbcCredentialStore implements CredentialStore {

    private static final String COLUMNS = "credential_id, version, subject_key, birth_date_verifier, name_verifier,"
            + " password_hash, device_public_key, certificate, status, issued_at, not_after, revoked_at, last_used_at,"
            + " acknowledged_notice, notice_acknowledged_at, bound_device_class, bound_browser_family";

    private final Jdbc jdbc;

    JdbcCredentialStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(CredentialRecord r) {
        Objects.requireNonNull(r, "record");
        return jdbc.insert("insert a credential", "INSERT INTO mobileauth_credential (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, r.credentialId());
                    ps.setLong(2, r.version());
                    ps.setString(3, r.subjectKey());
                    bindMutable(ps, 4, r);
                    Jdbc.setTime(ps, 10, r.issuedAt());
                    Jdbc.setTime(ps, 11, r.notAfter());
                    Jdbc.setTime(ps, 12, r.revokedAt());
                    Jdbc.setTime(ps, 13, r.lastUsedAt());
                    Jdbc.setText(ps, 14, r.acknowledgedNotice());
                    Jdbc.setTime(ps, 15, r.noticeAcknowledgedAt());
                    bindBoundDevice(ps, 16, r);
                });
    }

    @Override
    public Optional<CredentialRecord> find(String credentialId) {
        Objects.requireNonNull(credentialId, "credentialId");
        return jdbc.queryOne("find a credential", "SELECT " + COLUMNS + " FROM mobileauth_credential"
                + " WHERE credential_id = ?", ps -> ps.setString(1, credentialId), JdbcCredentialStore::record);
    }

    @Override
    public List<CredentialRecord> listBySubject(String subjectKey) {
        Objects.requireNonNull(subjectKey, "subjectKey");
        return jdbc.query("list a person's credentials", "SELECT " + COLUMNS + " FROM mobileauth_credential"
                + " WHERE subject_key = ? ORDER BY issued_at, credential_id", ps -> ps.setString(1, subjectKey),
                JdbcCredentialStore::record);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, CredentialRecord next) {
        Objects.requireNonNull(next, "next");
        if (next.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("the successor's version must be " + (expectedVersion + 1)
                    + ", was " + next.version());
        }
        boolean written = jdbc.update("change a credential", "UPDATE mobileauth_credential SET"
                + " birth_date_verifier = ?, name_verifier = ?, password_hash = ?, device_public_key = ?,"
                + " certificate = ?, status = ?, not_after = ?, revoked_at = ?, last_used_at = ?,"
                + " acknowledged_notice = ?, notice_acknowledged_at = ?, bound_device_class = ?,"
                + " bound_browser_family = ?, version = ?"
                + " WHERE credential_id = ? AND version = ? AND subject_key = ? AND issued_at = ?", ps -> {
                    bindMutable(ps, 1, next);
                    Jdbc.setTime(ps, 7, next.notAfter());
                    Jdbc.setTime(ps, 8, next.revokedAt());
                    Jdbc.setTime(ps, 9, next.lastUsedAt());
                    Jdbc.setText(ps, 10, next.acknowledgedNotice());
                    Jdbc.setTime(ps, 11, next.noticeAcknowledgedAt());
                    bindBoundDevice(ps, 12, next);
                    ps.setLong(14, next.version());
                    ps.setString(15, next.credentialId());
                    ps.setLong(16, expectedVersion);
                    ps.setString(17, next.subjectKey());
                    Jdbc.setTime(ps, 18, next.issuedAt());
                }) == 1;
        if (!written) {
            // Not written: either the version moved on (a lost race), or the caller tried to change what
            // never changes. Tell the two apart; the latter is a programming error, as in memory.
            Optional<CredentialRecord> current = find(next.credentialId());
            if (current.isPresent() && current.get().version() == expectedVersion) {
                throw new IllegalArgumentException("a credential's subject key and issue time never change");
            }
        }
        return written;
    }

    @Override
    public boolean activate(String credentialId) {
        Objects.requireNonNull(credentialId, "credentialId");
        return jdbc.update("activate a credential", "UPDATE mobileauth_credential SET status = 'ACTIVE',"
                + " version = version + 1 WHERE credential_id = ? AND status = 'PENDING'",
                ps -> ps.setString(1, credentialId)) == 1;
    }

    @Override
    public boolean revoke(String credentialId, Instant at) {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(at, "at");
        return jdbc.update("revoke a credential", "UPDATE mobileauth_credential SET status = 'REVOKED',"
                + " revoked_at = ?, version = version + 1 WHERE credential_id = ? AND status = 'ACTIVE'", ps -> {
                    Jdbc.setTime(ps, 1, at);
                    ps.setString(2, credentialId);
                }) == 1;
    }

    @Override
    public boolean delete(String credentialId) {
        Objects.requireNonNull(credentialId, "credentialId");
        return jdbc.update("delete a credential", "DELETE FROM mobileauth_credential WHERE credential_id = ?",
                ps -> ps.setString(1, credentialId)) == 1;
    }

    @Override
    public int deleteAllForSubject(String subjectKey) {
        Objects.requireNonNull(subjectKey, "subjectKey");
        return jdbc.update("erase a person's credentials", "DELETE FROM mobileauth_credential WHERE subject_key = ?",
                ps -> ps.setString(1, subjectKey));
    }

    /** Binds the six fields a compare-and-set may change, verifiers to status, from {@code first} on. */
    private static void bindMutable(PreparedStatement ps, int first, CredentialRecord r) throws SQLException {
        ps.setString(first, r.birthDateVerifier());
        ps.setString(first + 1, r.nameVerifier());
        ps.setString(first + 2, r.passwordHash());
        ps.setString(first + 3, r.devicePublicKey());
        ps.setString(first + 4, r.certificate());
        ps.setString(first + 5, r.status().name());
    }

    /** Binds the bound device's class and browser family at {@code first} and {@code first + 1}; NULLs when unknown. */
    private static void bindBoundDevice(PreparedStatement ps, int first, CredentialRecord r) throws SQLException {
        Jdbc.setText(ps, first, r.boundDevice().map(b -> b.deviceClass().name()));
        Jdbc.setText(ps, first + 1, r.boundDevice().map(b -> b.browserFamily().name()));
    }

    /**
     * The bound device of a row: unknown (empty) when the row predates schema version 2 or names a
     * device class this SDK does not know; a browser family it does not know reads as
     * {@link BrowserFamily#OTHER}, as on the phone's summary.
     */
    private static Optional<BoundDevice> boundDevice(ResultSet rs) throws SQLException {
        String deviceClass = rs.getString("bound_device_class");
        String browserFamily = rs.getString("bound_browser_family");
        if (deviceClass == null) {
            return Optional.empty();
        }
        DeviceClass device;
        try {
            device = DeviceClass.valueOf(deviceClass);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        BrowserFamily browser;
        try {
            browser = browserFamily == null ? BrowserFamily.UNKNOWN : BrowserFamily.valueOf(browserFamily);
        } catch (IllegalArgumentException e) {
            browser = BrowserFamily.OTHER;
        }
        return Optional.of(new BoundDevice(device, browser));
    }

    private static CredentialRecord record(ResultSet rs) throws SQLException {
        return new CredentialRecord(rs.getString("credential_id"), rs.getLong("version"), rs.getString("subject_key"),
                rs.getString("birth_date_verifier"), rs.getString("name_verifier"), rs.getString("password_hash"),
                rs.getString("device_public_key"), rs.getString("certificate"),
                CredentialStatus.valueOf(rs.getString("status")), Jdbc.getTime(rs, "issued_at"),
                Jdbc.getTime(rs, "not_after"), Jdbc.getOptionalTime(rs, "revoked_at"),
                Jdbc.getOptionalTime(rs, "last_used_at"), Optional.ofNullable(rs.getString("acknowledged_notice")),
                Jdbc.getOptionalTime(rs, "notice_acknowledged_at"), boundDevice(rs));
    }
}
