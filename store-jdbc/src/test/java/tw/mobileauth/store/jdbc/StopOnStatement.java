package tw.mobileauth.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that, once armed, runs an action (stopping the database) just before the first
 * statement whose SQL matches is prepared: a way to fail a service call in the middle, at a chosen
 * store operation, after the earlier ones succeeded.
 */
final class StopOnStatement implements DataSource {

    private final DataSource delegate;
    private final AtomicReference<Trap> armed = new AtomicReference<>();

    private record Trap(Predicate<String> sql, Runnable action) {
    }

    StopOnStatement(DataSource delegate) {
        this.delegate = delegate;
    }

    /** Before the next statement matching {@code sql} is prepared, run {@code action} (once). */
    void arm(Predicate<String> sql, Runnable action) {
        armed.set(new Trap(sql, action));
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real = delegate.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String) {
                        Trap trap = armed.get();
                        if (trap != null && trap.sql().test((String) args[0]) && armed.compareAndSet(trap, null)) {
                            trap.action().run();
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
