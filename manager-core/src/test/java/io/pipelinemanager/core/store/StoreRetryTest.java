package io.pipelinemanager.core.store;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.ManagerHealth;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.testing.TestDatabases;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transient connection failures: retried with backoff up to the configured attempts, then reported. */
class StoreRetryTest {

    private final FlakyDataSource dataSource = new FlakyDataSource(TestDatabases.h2Url());
    private PipelineManager manager;

    @BeforeEach
    void open() {
        manager = PipelineManager.builder().environment(Map.of()).dataSource(dataSource)
                .property("pm.background-work", "false").property("pm.db.retry-attempts", "3").property("pm.db.retry-backoff-ms", "1").build();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void readsAndWritesSurviveFailuresBeforeTheTransactionBegins() {
        dataSource.failNext(2);
        manager.createProgram(Caller.unauthenticated(), new ProgramSpec("p", "", "-- sql"));
        assertThat(dataSource.refused()).isEqualTo(2);
        dataSource.failNext(2);
        assertThat(manager.listPrograms(Caller.unauthenticated())).hasSize(1);
        assertThat(dataSource.refused()).isEqualTo(4);
    }

    @Test
    void persistentFailureIsDatabaseUnavailableAndWritesNothing() {
        dataSource.failNext(3);
        assertThatThrownBy(() -> manager.createProgram(Caller.unauthenticated(), new ProgramSpec("p", "", "-- sql")))
                .isInstanceOfSatisfying(ManagerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DatabaseUnavailable));
        assertThat(dataSource.refused()).isEqualTo(3);
        dataSource.failNext(3);
        ManagerHealth health = manager.health();
        assertThat(health.databaseUp()).isFalse();
        assertThat(health.details()).containsKey("database");
        assertThat(manager.listPrograms(Caller.unauthenticated())).isEmpty();
    }

    /** An H2 data source that refuses the next n connections as a pool does when the database is down. */
    static final class FlakyDataSource implements DataSource {
        private final JdbcDataSource delegate = new JdbcDataSource();
        private final AtomicInteger toFail = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();

        FlakyDataSource(String url) {
            delegate.setURL(url);
        }

        void failNext(int n) {
            toFail.set(n);
        }

        int refused() {
            return refused.get();
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (toFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                throw new SQLTransientConnectionException("connection refused (test)", "08001");
            }
            return delegate.getConnection();
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
