package tw.mobileauth.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import tw.mobileauth.store.StoreException;

/**
 * One statement on a pooled connection, in auto-commit: every call is its own atomic step, and a
 * {@link SQLException} becomes a {@link StoreException} naming the store operation (never a value).
 */
final class Jdbc {

    /** SQLSTATE of a unique-key violation, the same on PostgreSQL and H2. */
    static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final Dialect dialect;

    Jdbc(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    Dialect dialect() {
        return dialect;
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads the current row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs an INSERT/UPDATE/DELETE. @return the update count */
    int update(String operation, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(operation, e);
        }
    }

    /** Runs an INSERT. @return {@code false} if the key exists (nothing written) */
    boolean insert(String operation, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw failed(operation, e);
        }
    }

    /** Runs a query (or a data-change statement that returns rows). */
    <T> List<T> query(String operation, String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw failed(operation, e);
        }
    }

    /** A query for at most one row. */
    <T> Optional<T> queryOne(String operation, String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = query(operation, sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static StoreException failed(String operation, SQLException e) {
        return new StoreException("the JDBC store could not " + operation + " (SQLSTATE " + e.getSQLState()
                + "); the single statement took effect whole or not at all, retry later", e);
    }

    /**
     * An instant as the columns hold it: TIMESTAMP(6) WITH TIME ZONE, so microseconds (PostgreSQL's
     * precision). Truncating here, on every value bound, keeps stored and compared times consistent.
     */
    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static void setTime(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, time(instant));
    }

    static void setTime(PreparedStatement ps, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            setTime(ps, index, instant.get());
        } else {
            ps.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    static void setText(PreparedStatement ps, int index, Optional<String> text) throws SQLException {
        if (text.isPresent()) {
            ps.setString(index, text.get());
        } else {
            ps.setNull(index, java.sql.Types.VARCHAR);
        }
    }

    static Instant getTime(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static Optional<Instant> getOptionalTime(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
