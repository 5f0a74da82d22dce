package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ManagerHealth;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.testing.TestDatabases;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A background loop that runs out of memory neither dies nor leaves a zombie: the manager fails its local
 * pipelines (pm.on-out-of-memory=stop-pipelines), reports itself unhealthy, and keeps compiling and reconciling.
 */
class OutOfMemoryEscalationTest {

    private static final Caller T = Caller.unauthenticated();
    private static final String SQL = "CREATE TABLE t (x BIGINT); CREATE MATERIALIZED VIEW v AS SELECT x FROM t;";

    private final AtomicBoolean armed = new AtomicBoolean();
    private PipelineManager manager;

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void outOfMemoryInABackgroundLoopFailsLocalPipelinesAndShowsInHealth() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(TestDatabases.h2Url());
        manager = PipelineManager.builder().environment(Map.of()).dataSource(new OutOfMemoryOnce(h2, armed))
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20")
                .build();
        manager.createProgram(T, new ProgramSpec("prog", "", SQL));
        await().atMost(Duration.ofSeconds(60)).until(() -> manager.getProgram(T, "prog").status() == ProgramStatus.SUCCESS);
        manager.createPipeline(T, new PipelineSpec("p1", "", "prog", null));
        manager.startPipeline(T, "p1");
        await().atMost(Duration.ofSeconds(60)).until(() -> manager.getPipeline(T, "p1").status() == PipelineStatus.RUNNING);
        assertThat(manager.health().isUp()).isTrue();

        armed.set(true);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ManagerHealth health = manager.health();
            assertThat(health.backgroundWorkUp()).isFalse();
            assertThat(health.details()).containsKey("out_of_memory");
        });
        Pipeline failed = await().atMost(Duration.ofSeconds(30))
                .until(() -> manager.getPipeline(T, "p1"), p -> p.status() == PipelineStatus.FAILED);
        assertThat(failed.error().details()).containsEntry("reason", "OUT_OF_MEMORY");
        // The loops live on: a new program compiles and a new pipeline runs.
        manager.createProgram(T, new ProgramSpec("prog2", "", SQL + " CREATE VIEW w AS SELECT x + 1 AS y FROM t;"));
        await().atMost(Duration.ofSeconds(60)).until(() -> manager.getProgram(T, "prog2").status() == ProgramStatus.SUCCESS);
        manager.createPipeline(T, new PipelineSpec("p2", "", "prog2", null));
        manager.startPipeline(T, "p2");
        await().atMost(Duration.ofSeconds(60)).until(() -> manager.getPipeline(T, "p2").status() == PipelineStatus.RUNNING);
    }

    /** Throws {@link OutOfMemoryError} once, to the first background thread asking for a connection after arming. */
    private static final class OutOfMemoryOnce implements DataSource {
        private final DataSource delegate;
        private final AtomicBoolean armed;

        OutOfMemoryOnce(DataSource delegate, AtomicBoolean armed) {
            this.delegate = delegate;
            this.armed = armed;
        }

        private void maybeFail() {
            if (Thread.currentThread().getName().startsWith("pm-background") && armed.compareAndSet(true, false)) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            maybeFail();
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            maybeFail();
            return delegate.getConnection(user, password);
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
}
