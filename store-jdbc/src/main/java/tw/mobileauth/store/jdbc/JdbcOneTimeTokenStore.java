package tw.mobileauth.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.store.ClaimResult;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.OneTimeTokenStore;
import tw.mobileauth.store.TokenPurpose;

/**
 * {@link OneTimeTokenStore} on table {@code mobileauth_token}. The claim is one conditional UPDATE
 * (the database decides the single winner); consumption is one DELETE that returns the row.
 */
final class JdbcOneTimeTokenStore implements OneTimeTokenStore {

    private static final String COLUMNS = "token_key, purpose, subject, payload, created_at, expires_at, claimant, claimed_at";

    private final Jdbc jdbc;
    private final String claimSql;
    private final String consumeSql;

    JdbcOneTimeTokenStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.claimSql = jdbc.dialect().returning("UPDATE mobileauth_token SET claimant = ?, claimed_at = ?"
                + " WHERE token_key = ? AND claimant IS NULL AND expires_at > ?", COLUMNS, Dialect.Change.AFTER);
        this.consumeSql = jdbc.dialect().returning("DELETE FROM mobileauth_token WHERE token_key = ?", COLUMNS,
                Dialect.Change.REMOVED);
    }

    @Override
    public boolean insert(OneTimeToken token) {
        Objects.requireNonNull(token, "token");
        return jdbc.insert("insert a one-time token", "INSERT INTO mobileauth_token (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, token.key());
                    ps.setString(2, token.purpose().name());
                    ps.setString(3, token.subject());
                    ps.setString(4, token.payload());
                    Jdbc.setTime(ps, 5, token.createdAt());
                    Jdbc.setTime(ps, 6, token.expiresAt());
                    Jdbc.setText(ps, 7, token.claimant());
                    Jdbc.setTime(ps, 8, token.claimedAt());
                });
    }

    @Override
    public Optional<OneTimeToken> find(String key) {
        Objects.requireNonNull(key, "key");
        return jdbc.queryOne("find a one-time token", "SELECT " + COLUMNS + " FROM mobileauth_token WHERE token_key = ?",
                ps -> ps.setString(1, key), JdbcOneTimeTokenStore::token);
    }

    @Override
    public ClaimResult claim(String key, String claimant, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(now, "now");
        Optional<OneTimeToken> won = jdbc.queryOne("claim a one-time token", claimSql, ps -> {
            ps.setString(1, claimant);
            Jdbc.setTime(ps, 2, now);
            ps.setString(3, key);
            Jdbc.setTime(ps, 4, now);
        }, JdbcOneTimeTokenStore::token);
        if (won.isPresent()) {
            return ClaimResult.of(ClaimResult.Status.CLAIMED, won.get());
        }
        // Lost, or nothing to claim: the row as it stands says which. A claim never un-happens, so
        // reading after the UPDATE cannot turn a loser into a winner.
        Optional<OneTimeToken> current = find(key);
        if (current.isEmpty()) {
            return ClaimResult.notFound();
        }
        return ClaimResult.of(current.get().claimant().isPresent() ? ClaimResult.Status.ALREADY_CLAIMED
                : ClaimResult.Status.EXPIRED, current.get());
    }

    @Override
    public Optional<OneTimeToken> consume(String key, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        return jdbc.queryOne("consume a one-time token", consumeSql, ps -> ps.setString(1, key),
                JdbcOneTimeTokenStore::token).filter(t -> !t.isExpiredAt(Jdbc.time(now).toInstant()));
    }

    @Override
    public boolean revoke(String key) {
        Objects.requireNonNull(key, "key");
        return jdbc.update("revoke a one-time token", "DELETE FROM mobileauth_token WHERE token_key = ?",
                ps -> ps.setString(1, key)) == 1;
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return jdbc.update("purge expired one-time tokens", "DELETE FROM mobileauth_token WHERE expires_at <= ?",
                ps -> Jdbc.setTime(ps, 1, now));
    }

    private static OneTimeToken token(ResultSet rs) throws SQLException {
        return new OneTimeToken(rs.getString("token_key"), TokenPurpose.valueOf(rs.getString("purpose")),
                rs.getString("subject"), rs.getString("payload"), Jdbc.getTime(rs, "created_at"),
                Jdbc.getTime(rs, "expires_at"), Optional.ofNullable(rs.getString("claimant")),
                Jdbc.getOptionalTime(rs, "claimed_at"));
    }
}
