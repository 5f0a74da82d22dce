package io.pipelinemanager.core.store;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramUpdate;
import io.pipelinemanager.core.testing.TestDatabases;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database outage — connections refused, pooled connections cut by the server — makes every
 * facade call that needs the database fail with {@code DatabaseUnavailable} (HTTP 503), whatever
 * shape the driver, pool or container gives the failure; when the database is back the next call
 * works.
 */
class DatabaseOutageTest {

    private static final Caller T = Caller.unauthenticated();
    private static final String SQL = "CREATE TABLE t (x INTEGER);";

    /** How a refused connection looks to the manager. */
    enum Refusal {
        /** A driver's refusal: SQLState class 08. */
        DRIVER(() -> new SQLException("Connection to 127.0.0.1:5432 refused", "08001")),
        /** PostgreSQL going down or not yet up: "the database system is shutting down". */
        SHUTTING_DOWN(() -> new SQLException("FATAL: the database system is shutting down", "57P03")),
        /** A container's connection pool (JCA): no SQLState; the network error is a cause of a cause. */
        CONTAINER_POOL(() -> new SQLException("IJ000453: Unable to get managed connection",
                new IllegalStateException("IJ031084: Unable to create connection",
                        new ConnectException("Connection refused")))),
        /** A failure that says nothing about the connection: only a probe of the database tells. */
        OPAQUE(() -> new SQLException("unexpected failure"));

        final Supplier<SQLException> failure;

        Refusal(Supplier<SQLException> failure) {
            this.failure = failure;
        }
    }

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void everyCallDuringAnOutageIsDatabaseUnavailableAndRecoveryIsImmediate(Refusal refusal) {
        OutageDataSource database = new OutageDataSource(TestDatabases.h2Url(), refusal);
        try (PipelineManager manager = manager(database, 2)) {
            outageAndRecovery(manager, database, Integer.MAX_VALUE);
        }
    }

    @Test
    void sameBehindAConnectionPoolWhoseConnectionsTheServerCut() {
        OutageDataSource database = new OutageDataSource(TestDatabases.h2Url(), Refusal.SHUTTING_DOWN);
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setDataSource(database);
            pool.setMaximumPoolSize(2);
            // The manager's default wait for a connection: the pool retries a refused database with a
            // backoff of up to 5 s, so the first call after the outage gets a new connection within it.
            pool.setConnectionTimeout(5000);
            try (PipelineManager manager = manager(pool, 1)) {
                outageAndRecovery(manager, database, 2);
            }
        }
    }

    private static PipelineManager manager(DataSource dataSource, int attempts) {
        return PipelineManager.builder().environment(Map.of()).dataSource(dataSource)
                .property("pm.background-work", "false")
                .property("pm.db.retry-attempts", String.valueOf(attempts)).property("pm.db.retry-backoff-ms", "1").build();
    }

    /** Runs up to {@code maxCalls} kinds of call during the outage (each waits for the pool's timeout), then recovers. */
    private static void outageAndRecovery(PipelineManager manager, OutageDataSource database, int maxCalls) {
        manager.createProgram(T, new ProgramSpec("p", "", SQL));
        manager.createPipeline(T, new PipelineSpec("pl", "", "p", null));

        database.down();
        List<Runnable> calls = List.of(
                () -> manager.getProgram(T, "p"),
                () -> manager.updateProgram(T, "p", new ProgramUpdate(null, "during the outage", null, null)),
                () -> manager.startPipeline(T, "pl"),
                () -> manager.createProgram(T, new ProgramSpec("q", "", SQL)),
                () -> manager.listPrograms(T),
                () -> manager.compilationQueuePosition(T, "p"),
                () -> manager.deleteProgram(T, "p"),
                () -> manager.listPipelines(T),
                () -> manager.getPipeline(T, "pl"),
                () -> manager.shutdownPipeline(T, "pl"),
                () -> manager.deletePipeline(T, "pl"));
        for (Runnable call : calls.subList(0, Math.min(maxCalls, calls.size()))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ManagerException.class,
                    e -> assertThat(e.code()).as("%s", e).isEqualTo(ErrorCode.DatabaseUnavailable));
        }
        assertThat(manager.health().databaseUp()).isFalse();

        database.up();
        assertThat(manager.getProgram(T, "p").description()).isEmpty();
        assertThat(manager.updateProgram(T, "p", new ProgramUpdate(null, "after", null, null)).description())
                .isEqualTo("after");
        assertThat(manager.listPipelines(T)).hasSize(1);
        assertThat(manager.health().databaseUp()).isTrue();
    }

    /**
     * An H2 data source that can be taken down: new connections are refused and connections handed
     * out before fail on use, as a server that went away cuts its clients.
     */
    static final class OutageDataSource implements DataSource {
        private final JdbcDataSource delegate = new JdbcDataSource();
        private final Refusal refusal;
        private volatile boolean down;

        OutageDataSource(String url, Refusal refusal) {
            delegate.setURL(url);
            this.refusal = refusal;
        }

        void down() {
            down = true;
        }

        void up() {
            down = false;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw refusal.failure.get();
            }
            Connection real = delegate.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> {
                        if (down && !method.getName().equals("close")) {
                            throw new SQLException("FATAL: terminating connection due to administrator command", "57P01");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
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
}
