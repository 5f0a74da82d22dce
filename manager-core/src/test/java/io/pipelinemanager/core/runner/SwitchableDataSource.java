package io.pipelinemanager.core.runner;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/** An H2 data source that can be switched off: while off, every new connection is refused, like a database outage. */
final class SwitchableDataSource implements DataSource {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private volatile boolean on = true;

    SwitchableDataSource(String url) {
        h2.setURL(url);
        h2.setUser("sa");
    }

    /** Refuses (false) or serves (true) connections from now on. */
    void switchOn(boolean on) {
        this.on = on;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!on) {
            throw new SQLNonTransientConnectionException("Connection refused (database switched off by the test)", "08001");
        }
        return h2.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
