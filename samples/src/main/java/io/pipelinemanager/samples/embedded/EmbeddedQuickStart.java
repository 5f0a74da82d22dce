package io.pipelinemanager.samples.embedded;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.PipelineManagerBuilder;
import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.QueryResult;
import io.pipelinemanager.core.api.TenantId;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.time.Duration;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The README's quick start as a program: a host application embeds the manager, compiles a
 * program, runs a pipeline, pushes two orders, prints the view's changes and a query, and
 * deletes what it created.
 * Run it with {@code mvn -B -q install -DskipTests && mvn -B -q -pl samples exec:java}.
 */
public final class EmbeddedQuickStart {

    private EmbeddedQuickStart() {
    }

    public static void main(String[] args) throws Exception {
        run(PipelineManager.builder(), System.out);
    }

    /** Runs the walk-through on a manager built from {@code builder}, printing to {@code out}. */
    public static void run(PipelineManagerBuilder builder, PrintStream out) throws Exception {
        TenantId t = TenantId.DEFAULT;
        try (PipelineManager manager = builder.build()) {
            removeLeftovers(manager, t);
            manager.createProgram(t, new ProgramSpec("shop", "order totals", """
                    CREATE TABLE orders (id INT NOT NULL, customer VARCHAR, amount DECIMAL(10, 2));
                    CREATE MATERIALIZED VIEW totals AS
                      SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer;
                    """));
            manager.createPipeline(t, new PipelineSpec("shop-1", null, "shop", null));
            manager.startPipeline(t, "shop-1");
            while (manager.getPipeline(t, "shop-1").status() != PipelineStatus.RUNNING) {
                if (manager.getPipeline(t, "shop-1").status() == PipelineStatus.FAILED) {
                    throw new IllegalStateException(manager.getPipeline(t, "shop-1").error().message());
                }
                Thread.sleep(50);
            }
            try (ChangeStream totals = manager.subscribe(t, "shop-1", "totals", true)) {
                manager.ingress(t, "shop-1", "orders", "json", new ByteArrayInputStream("""
                        {"insert": {"id": 1, "customer": "ann", "amount": 12.50}}
                        {"insert": {"id": 2, "customer": "bob", "amount": 3}}
                        """.getBytes(UTF_8)));
                totals.writeNext(out, Duration.ofSeconds(5));
                totals.writeNext(out, Duration.ofSeconds(5));
            }
            QueryResult rows = manager.query(t, "shop-1", "SELECT * FROM totals ORDER BY total DESC");
            out.println(rows.rows());
            manager.shutdownPipeline(t, "shop-1");
            while (manager.getPipeline(t, "shop-1").status() != PipelineStatus.STOPPED) {
                Thread.sleep(50);
            }
            // Leave the database as we found it, so the walk-through can run again.
            manager.deletePipeline(t, "shop-1");
            manager.deleteProgram(t, "shop");
        }
    }

    /** Removes what an interrupted earlier run left in the database. */
    private static void removeLeftovers(PipelineManager manager, TenantId t) throws InterruptedException {
        if (manager.listPipelines(t).stream().anyMatch(p -> p.name().equals("shop-1"))) {
            manager.shutdownPipeline(t, "shop-1");
            while (manager.getPipeline(t, "shop-1").status() != PipelineStatus.STOPPED) {
                Thread.sleep(50);
            }
            manager.deletePipeline(t, "shop-1");
        }
        if (manager.listPrograms(t).stream().anyMatch(p -> p.name().equals("shop"))) {
            manager.deleteProgram(t, "shop");
        }
    }
}
