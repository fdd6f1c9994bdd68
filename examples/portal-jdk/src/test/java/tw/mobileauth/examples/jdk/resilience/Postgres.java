package tw.mobileauth.examples.jdk.resilience;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import tw.mobileauth.testing.TableDumps;

/**
 * An embedded PostgreSQL on a fixed loopback port and data directory, so that it can go away in the
 * middle of a request ({@link #stop()}) and come back with everything it held ({@link #start()}),
 * as store-jdbc's {@code DatabaseDownTest} does; and the SQL the tests check the stores with, each
 * query on its own connection (never the portal's pool).
 */
final class Postgres implements AutoCloseable {

    private final Path data;
    private final int port;
    private EmbeddedPostgres server;

    private Postgres(Path data, int port) {
        this.data = data;
        this.port = port;
    }

    /** A new, empty server. */
    static Postgres create() throws IOException {
        Postgres pg = new Postgres(Files.createTempDirectory("mobileauth-resilience").resolve("data"), freePort());
        pg.start();
        return pg;
    }

    /** Starts the server on the same port and data directory. */
    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (a fast shutdown: open connections are cut). */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** The single number {@code sql} answers, {@code args} bound as strings. */
    long count(String sql, String... args) {
        try (Connection c = DriverManager.getConnection(url()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row {@code sql} answers, as strings. */
    List<String> strings(String sql, String... args) {
        try (Connection c = DriverManager.getConnection(url()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * Dumps every table for the leak scan (docs/leak-scan.md), then stops the server. A server that
     * is already down is not dumped.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (server != null) {
                try (Connection c = DriverManager.getConnection(url())) {
                    TableDumps.write(c, "portal-jdk-postgres-" + port, TableDumps.DEFAULT_DIRECTORY);
                } catch (SQLException e) {
                    throw new IllegalStateException("could not dump the tables for the leak scan", e);
                }
            }
        }
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
