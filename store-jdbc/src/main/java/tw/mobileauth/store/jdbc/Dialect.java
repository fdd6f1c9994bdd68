package tw.mobileauth.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The few statements PostgreSQL and H2 spell differently. Everything else (inserts, compare-and-set
 * updates, conditional activate/revoke, purges) is standard SQL shared by both.
 *
 * <table>
 *   <caption>The dialect split</caption>
 *   <tr><th>need</th><th>PostgreSQL</th><th>H2 2.x</th></tr>
 *   <tr><td>read the rows a data change touched, in the same statement</td>
 *       <td>{@code UPDATE|DELETE … RETURNING …}</td>
 *       <td>{@code SELECT … FROM FINAL TABLE (UPDATE …)} / {@code OLD TABLE (DELETE …)}</td></tr>
 *   <tr><td>increment-and-read a counter, creating it if absent</td>
 *       <td>{@code INSERT … ON CONFLICT (key) DO UPDATE … RETURNING …}</td>
 *       <td>{@code SELECT … FROM FINAL TABLE (MERGE INTO … USING … WHEN MATCHED … WHEN NOT MATCHED …)}</td></tr>
 * </table>
 */
enum Dialect {
    POSTGRESQL, H2;

    /** What kind of data change a statement is, for H2's delta tables. */
    enum Change {
        /** The rows after an UPDATE or MERGE. */
        AFTER,
        /** The rows a DELETE removed. */
        REMOVED
    }

    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw new IllegalArgumentException("the JDBC stores run on PostgreSQL or H2, not on "
                + connection.getMetaData().getDatabaseProductName()
                + "; pass a DataSource for one of those, or implement the store SPI for this database");
    }

    /** {@code dml} (an UPDATE or DELETE) made to return {@code columns} of the rows it changed. */
    String returning(String dml, String columns, Change change) {
        if (this == POSTGRESQL) {
            return dml + " RETURNING " + columns;
        }
        return "SELECT " + columns + " FROM " + (change == Change.AFTER ? "FINAL" : "OLD") + " TABLE (" + dml + ")";
    }

    /**
     * Increment-and-read (see {@link tw.mobileauth.store.CounterStore#increment}); parameters:
     * key, now, now + window. While locked nothing changes; at or after the window's end a new
     * window starts with count 1 and no lock; otherwise the count grows by one.
     */
    String incrementCounter() {
        String columns = "counter_key, failures, window_start, window_end, locked_until";
        if (this == POSTGRESQL) {
            return "INSERT INTO mobileauth_counter AS c (" + columns + ") VALUES (?, 1, ?, ?, NULL)"
                    + " ON CONFLICT (counter_key) DO UPDATE SET "
                    + counterStep("excluded.window_start", "excluded.window_end")
                    + " RETURNING " + columns;
        }
        return "SELECT " + columns + " FROM FINAL TABLE (MERGE INTO mobileauth_counter c"
                + " USING (VALUES (CAST(? AS VARCHAR(256)), CAST(? AS TIMESTAMP(6) WITH TIME ZONE),"
                + " CAST(? AS TIMESTAMP(6) WITH TIME ZONE))) s(k, now_at, window_to) ON c.counter_key = s.k"
                + " WHEN MATCHED THEN UPDATE SET " + counterStep("s.now_at", "s.window_to")
                + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (s.k, 1, s.now_at, s.window_to, NULL))";
    }

    /**
     * Lock-until, keeping a later lock; creates a count-0 counter if none. Parameters: key, until
     * (the new row's window_start, window_end and locked_until all take it).
     */
    String lockCounter() {
        String columns = "counter_key, failures, window_start, window_end, locked_until";
        String keepLater = "locked_until = CASE WHEN c.locked_until IS NOT NULL AND c.locked_until > %1$s"
                + " THEN c.locked_until ELSE %1$s END";
        if (this == POSTGRESQL) {
            return "INSERT INTO mobileauth_counter AS c (" + columns + ") SELECT s.k, 0, s.until_at, s.until_at,"
                    + " s.until_at FROM (VALUES (CAST(? AS VARCHAR(256)), CAST(? AS TIMESTAMP(6) WITH TIME ZONE)))"
                    + " s(k, until_at) ON CONFLICT (counter_key) DO UPDATE SET " + String.format(keepLater, "excluded.locked_until")
                    + " RETURNING " + columns;
        }
        return "SELECT " + columns + " FROM FINAL TABLE (MERGE INTO mobileauth_counter c"
                + " USING (VALUES (CAST(? AS VARCHAR(256)), CAST(? AS TIMESTAMP(6) WITH TIME ZONE))) s(k, until_at)"
                + " ON c.counter_key = s.k WHEN MATCHED THEN UPDATE SET " + String.format(keepLater, "s.until_at")
                + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (s.k, 0, s.until_at, s.until_at, s.until_at))";
    }

    /** The SET list of one increment; every right-hand side reads the row as it was before the step. */
    private static String counterStep(String now, String windowTo) {
        String locked = "c.locked_until IS NOT NULL AND c.locked_until > " + now;
        String fresh = now + " >= c.window_end";
        return "failures = CASE WHEN " + locked + " THEN c.failures WHEN " + fresh + " THEN 1 ELSE c.failures + 1 END, "
                + "window_start = CASE WHEN " + locked + " THEN c.window_start WHEN " + fresh + " THEN " + now
                + " ELSE c.window_start END, "
                + "window_end = CASE WHEN " + locked + " THEN c.window_end WHEN " + fresh + " THEN " + windowTo
                + " ELSE c.window_end END, "
                + "locked_until = CASE WHEN " + locked + " THEN c.locked_until WHEN " + fresh + " THEN NULL"
                + " ELSE c.locked_until END";
    }
}
