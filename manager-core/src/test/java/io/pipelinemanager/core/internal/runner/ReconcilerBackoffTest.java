package io.pipelinemanager.core.internal.runner;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.lease.Leases;
import io.pipelinemanager.core.internal.pipeline.PipelineService;
import io.pipelinemanager.core.internal.program.CompilePool;
import io.pipelinemanager.core.internal.program.CompilerService;
import io.pipelinemanager.core.internal.program.ProgramService;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.store.StoreSession;
import io.pipelinemanager.core.internal.store.jpa.JpaStore;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** A pipeline whose reconciliation keeps failing is retried with back-off, not on every pass. */
class ReconcilerBackoffTest {

    private static final TenantId T = TenantId.DEFAULT;
    private static final Supplier<Instant> NOW = () -> Instant.now().truncatedTo(ChronoUnit.MICROS);

    private final HikariDataSource dataSource = new HikariDataSource();
    private final ExecutorService steps = Executors.newCachedThreadPool();
    private PipelineManager schema;
    private Store store;

    @AfterEach
    void close() {
        steps.shutdownNow();
        if (store != null) {
            store.close();
        }
        if (schema != null) {
            schema.close();
        }
        dataSource.close();
    }

    /** Fails every write while armed, counting the attempts. */
    private record FailingWrites(Store delegate, AtomicBoolean armed, AtomicInteger attempts) implements Store {
        @Override
        public <T> T read(Function<StoreSession, T> work) {
            return delegate.read(work);
        }

        @Override
        public <T> T write(Function<StoreSession, T> work) {
            if (armed.get()) {
                attempts.incrementAndGet();
                throw new IllegalStateException("the status write fails");
            }
            return delegate.write(work);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aFailingPipelineIsRetriedWithBackOff() {
        dataSource.setJdbcUrl(TestDatabases.h2Url());
        schema = PipelineManager.builder().environment(Map.of()).dataSource(dataSource)
                .property("pm.background-work", "false").build();
        store = JpaStore.open(dataSource, new JpaStore.RetryPolicy(1, Duration.ZERO));
        Leases leases = new Leases(store, "test", Duration.ofMinutes(1), NOW);
        CompilePool pool = new CompilePool(new SqlCompiler());
        new ProgramService(store, NOW).create(T, new ProgramSpec("p", "", "CREATE TABLE t (x INTEGER);"));
        new CompilerService(store, leases, pool, NOW).runOnce();
        PipelineService pipelines = new PipelineService(store, NOW, Integer.MAX_VALUE);
        pipelines.create(T, new PipelineSpec("failing", "", "p", null));
        pipelines.request(T, "failing", DesiredStatus.RUNNING);

        AtomicBoolean armed = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        Reconciler reconciler = new Reconciler(new FailingWrites(store, armed, attempts), leases, pool, new Runners(),
                steps, NOW, Integer.MAX_VALUE);
        int passes = 0;
        long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        while (System.nanoTime() < end) {
            reconciler.runOnce();
            passes++;
        }
        // 200, 400, 800 ms pauses: at most a handful of attempts however many passes ran.
        assertThat(passes).isGreaterThan(50);
        assertThat(attempts.get()).isBetween(2, 5);
        assertThat(pipelines.get(T, "failing").status()).isEqualTo(PipelineStatus.STOPPED);

        armed.set(false);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            reconciler.runOnce();
            return pipelines.get(T, "failing").status() != PipelineStatus.STOPPED;
        });
        pool.close();
    }
}
