package tw.mobileauth.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.store.CounterState;
import tw.mobileauth.store.CounterStore;
import tw.mobileauth.store.StoreException;

/**
 * {@link CounterStore} on table {@code mobileauth_counter}: increment-and-read and lock-until are
 * each one upsert that returns the row (see {@link Dialect}), so concurrent failures on several
 * nodes are all counted.
 */
final class JdbcCounterStore implements CounterStore {

    /** H2's MERGE can lose the race to create a key (a unique violation); the retry then updates it. */
    private static final int CREATE_RACE_RETRIES = 3;

    private final Jdbc jdbc;
    private final String incrementSql;
    private final String lockSql;

    JdbcCounterStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.incrementSql = jdbc.dialect().incrementCounter();
        this.lockSql = jdbc.dialect().lockCounter();
    }

    @Override
    public Optional<CounterState> find(String key) {
        Objects.requireNonNull(key, "key");
        return jdbc.queryOne("find a failure counter", "SELECT counter_key, failures, window_start, window_end,"
                + " locked_until FROM mobileauth_counter WHERE counter_key = ?", ps -> ps.setString(1, key),
                JdbcCounterStore::counter);
    }

    @Override
    public CounterState increment(String key, Instant now, Duration resetWindow) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        if (resetWindow.isNegative() || resetWindow.isZero()) {
            throw new IllegalArgumentException("resetWindow must be positive, was " + resetWindow);
        }
        return upsert("count a failure", incrementSql, ps -> {
            ps.setString(1, key);
            Jdbc.setTime(ps, 2, now);
            Jdbc.setTime(ps, 3, now.plus(resetWindow));
        });
    }

    @Override
    public CounterState lockUntil(String key, Instant until) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(until, "until");
        return upsert("lock a failure counter", lockSql, ps -> {
            ps.setString(1, key);
            Jdbc.setTime(ps, 2, until);
        });
    }

    private CounterState upsert(String operation, String sql, Jdbc.Binder binder) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<CounterState> rows = jdbc.query(operation, sql, binder, JdbcCounterStore::counter);
                if (rows.size() != 1) {
                    throw new StoreException(StoreException.Reason.BACKEND_FAILED,
                            "the JDBC store could not " + operation + ": the upsert returned " + rows.size() + " rows");
                }
                return rows.get(0);
            } catch (StoreException e) {
                boolean createRace = e.getCause() instanceof SQLException
                        && Jdbc.UNIQUE_VIOLATION.equals(((SQLException) e.getCause()).getSQLState());
                if (!createRace || attempt >= CREATE_RACE_RETRIES) {
                    throw e;
                }
            }
        }
    }

    @Override
    public boolean reset(String key) {
        Objects.requireNonNull(key, "key");
        return jdbc.update("reset a failure counter", "DELETE FROM mobileauth_counter WHERE counter_key = ?",
                ps -> ps.setString(1, key)) == 1;
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return jdbc.update("purge expired failure counters", "DELETE FROM mobileauth_counter WHERE window_end <= ?"
                + " AND (locked_until IS NULL OR locked_until <= ?)", ps -> {
                    Jdbc.setTime(ps, 1, now);
                    Jdbc.setTime(ps, 2, now);
                });
    }

    private static CounterState counter(ResultSet rs) throws SQLException {
        return new CounterState(rs.getString("counter_key"), rs.getLong("failures"), Jdbc.getTime(rs, "window_start"),
                Jdbc.getTime(rs, "window_end"), Jdbc.getOptionalTime(rs, "locked_until"));
    }
}
