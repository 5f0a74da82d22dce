package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.Role;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.SQL;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant isolation in the data plane, with pipelines running: two tenants each run a pipeline named
 * {@code shop-1} of a program named {@code shop} in one manager instance. Each pushes into, reads and
 * queries only its own; naming the other's running pipeline by id answers exactly like a missing id
 * (the local runners are found by tenant, not only by id), for ingress, egress, queries and stats.
 */
class TenantIsolationEndToEndTest {

    private static final Caller ACME = Caller.host("acme", "ann", Role.EDITOR);
    private static final Caller GLOBEX = Caller.host("globex", "gus", Role.EDITOR);

    private PipelineManager manager;

    @BeforeEach
    void open() {
        manager = LifecycleEndToEndTest.fastManager(TestDatabases.h2Url());
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void eachTenantReachesOnlyItsOwnRunningPipeline() throws Exception {
        Map<Caller, Pipeline> running = Map.of(ACME, run(ACME), GLOBEX, run(GLOBEX));
        assertThat(running.get(ACME).id()).isNotEqualTo(running.get(GLOBEX).id());

        try (ChangeStream acmeTotals = manager.subscribe(ACME, "shop-1", "totals", false);
             ChangeStream globexTotals = manager.subscribe(GLOBEX, "shop-1", "totals", false)) {
            ingest(ACME, "shop-1", "{\"insert\": {\"id\": 1, \"customer\": \"ann\", \"amount\": 5}}");
            ingest(GLOBEX, "shop-1", "{\"insert\": {\"id\": 1, \"customer\": \"gus\", \"amount\": 7}}");
            await(() -> manager.pipelineStats(ACME, "shop-1").processedRecords(), n -> n == 1);
            await(() -> manager.pipelineStats(GLOBEX, "shop-1").processedRecords(), n -> n == 1);
            assertThat(nextLine(acmeTotals)).contains("ann").doesNotContain("gus");
            assertThat(nextLine(globexTotals)).contains("gus").doesNotContain("ann");
        }
        assertThat(manager.query(ACME, "shop-1", "SELECT customer FROM totals").rows()).containsExactly(List.of("ann"));
        assertThat(manager.query(GLOBEX, "shop-1", "SELECT customer FROM totals").rows()).containsExactly(List.of("gus"));

        // globex names acme's running pipeline by its id: the same answer as an id nobody has.
        String acmeId = running.get(ACME).id().toString();
        String missing = UUID.randomUUID().toString();
        List<Function<String, Runnable>> calls = List.of(
                ref -> () -> manager.pipelineStats(GLOBEX, ref),
                ref -> () -> manager.query(GLOBEX, ref, "SELECT customer FROM totals"),
                ref -> () -> manager.prepareQuery(GLOBEX, ref, "SELECT customer FROM totals", DataFormat.CSV),
                ref -> () -> {
                    try {
                        manager.writeQuery(GLOBEX, ref, "SELECT customer FROM totals", DataFormat.JSON, new ByteArrayOutputStream());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                ref -> () -> manager.subscribe(GLOBEX, ref, "totals", true).close(),
                ref -> () -> ingest(GLOBEX, ref, "{\"insert\": {\"id\": 2, \"customer\": \"eve\", \"amount\": 1}}"),
                ref -> () -> manager.shutdownPipeline(GLOBEX, ref));
        for (Function<String, Runnable> call : calls) {
            ManagerException other = failure(call.apply(acmeId));
            ManagerException none = failure(call.apply(missing));
            assertThat(other.code()).as(other.getMessage()).isEqualTo(ErrorCode.UnknownPipeline);
            assertThat(none.code()).isEqualTo(ErrorCode.UnknownPipeline);
            assertThat(other.getMessage().replace(acmeId, "REF")).isEqualTo(none.getMessage().replace(missing, "REF"));
            assertThat(other.details().toString().replace(acmeId, "REF"))
                    .isEqualTo(none.details().toString().replace(missing, "REF"));
        }
        // acme's pipeline got nothing from globex and still runs; acme reaches it by the same id.
        assertThat(manager.pipelineStats(ACME, acmeId).processedRecords()).isEqualTo(1);
        assertThat(manager.getPipeline(ACME, acmeId).status()).isEqualTo(PipelineStatus.RUNNING);
        assertThat(manager.query(ACME, acmeId, "SELECT COUNT(*) FROM orders").rows()).containsExactly(List.of(1L));
    }

    private Pipeline run(Caller tenant) {
        manager.createProgram(tenant, new ProgramSpec("shop", "", SQL));
        assertThat(await(() -> manager.getProgram(tenant, "shop"), p -> p.status().isFinal()).status())
                .isEqualTo(ProgramStatus.SUCCESS);
        manager.createPipeline(tenant, new PipelineSpec("shop-1", "", "shop", null));
        manager.startPipeline(tenant, "shop-1");
        return await(() -> manager.getPipeline(tenant, "shop-1"), p -> p.status() == PipelineStatus.RUNNING);
    }

    private void ingest(Caller tenant, String ref, String record) {
        try {
            manager.ingress(tenant, ref, "orders", DataFormat.JSON, new ByteArrayInputStream(record.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nextLine(ChangeStream stream) throws IOException, InterruptedException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        assertThat(stream.writeNext(line, Duration.ofSeconds(10))).isEqualTo(ChangeStream.Poll.CHANGES);
        return line.toString(StandardCharsets.UTF_8);
    }

    private static ManagerException failure(Runnable call) {
        try {
            call.run();
        } catch (ManagerException e) {
            return e;
        }
        throw new AssertionError("expected a ManagerException");
    }
}
