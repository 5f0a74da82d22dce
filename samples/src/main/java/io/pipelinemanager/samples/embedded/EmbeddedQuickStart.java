package io.pipelinemanager.samples.embedded;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.ProgramUpdate;
import io.pipelinemanager.core.api.PushResult;
import io.pipelinemanager.core.api.ViewSubscription;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/** Compiles a program, runs a pipeline, pushes two orders as records, prints the view's typed changes and a query. */
public final class EmbeddedQuickStart {

    // Who calls: with no authentication, the default tenant's administrator. A host with its own
    // security passes its user instead, e.g. Caller.host("acme", "alice", Role.EDITOR).
    static final Caller CALLER = Caller.unauthenticated();
    static final Duration TIMEOUT = Duration.ofMinutes(1);

    /** A row of table orders: record components map to columns by name. */
    public record Order(int id, String customer, BigDecimal amount) {
    }

    /** A row of view totals. */
    public record Total(String customer, BigDecimal total) {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService host = Executors.newSingleThreadExecutor(); // the application's thread for view changes
        // Default configuration: the H2 file database ~/.pipeline-manager/db; .environment() lets PM_DB_URL
        // (and every other PM_* variable of the README's table) change it.
        try (PipelineManager manager = PipelineManager.builder().environment().build()) {
            // Create or update: a second run finds the first run's program and pipeline and reuses them.
            createOrUpdate(manager, new ProgramSpec("shop", "order totals", """
                    CREATE TABLE orders (id INT NOT NULL, customer VARCHAR, amount DECIMAL(10, 2));
                    CREATE MATERIALIZED VIEW totals AS
                      SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer;
                    """));
            awaitCompiled(manager, "shop", TIMEOUT);      // compiled in the background: PENDING → SUCCESS
            createIfAbsent(manager, new PipelineSpec("shop-1", null, "shop", null));
            manager.startPipeline(CALLER, "shop-1");      // returns at once; a second run resumes the first's state
            awaitStatus(manager, "shop-1", PipelineStatus.RUNNING, TIMEOUT);
            // The view's current contents first (as step 0), then each step's changes, on the host's executor.
            try (ViewSubscription<Total> totals = manager.listen(CALLER, "shop-1", "totals", true, Total.class, host,
                    (step, changes) -> System.out.println("step " + step + ": " + changes))) {
                PushResult pushed = manager.insert(CALLER, "shop-1", "orders",
                        List.of(new Order(1, "ann", new BigDecimal("12.50")), new Order(2, "bob", new BigDecimal("3"))));
                long step = manager.awaitApplied(CALLER, "shop-1", pushed, TIMEOUT); // the step that applied both rows
                totals.awaitDelivered(step, TIMEOUT);                                // and the listener printed it
            }
            System.out.println(manager.query(CALLER, "shop-1", "SELECT * FROM totals ORDER BY total DESC").rows());
            manager.shutdownPipeline(CALLER, "shop-1");
            awaitStatus(manager, "shop-1", PipelineStatus.STOPPED, TIMEOUT);
        } finally {
            host.shutdown();
        }
    }

    static void createOrUpdate(PipelineManager manager, ProgramSpec spec) {
        try {
            manager.createProgram(CALLER, spec);
        } catch (ManagerException e) {
            if (e.code() != ErrorCode.DuplicateName) {
                throw e;
            }
            // Unchanged code changes nothing; new code is compiled again.
            manager.updateProgram(CALLER, spec.name(), new ProgramUpdate(null, spec.description(), spec.code(), null));
        }
    }

    static void createIfAbsent(PipelineManager manager, PipelineSpec spec) {
        try {
            manager.createPipeline(CALLER, spec);
        } catch (ManagerException e) {
            if (e.code() != ErrorCode.DuplicateName) {
                throw e;
            }
        }
    }

    /** Waits until the program compiled; an SQL or system error ends the wait with the compiler's diagnostics. */
    static void awaitCompiled(PipelineManager manager, String name, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Program program = manager.getProgram(CALLER, name);
        while (!program.status().isFinal()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("program " + name + " still " + program.status() + " after " + timeout);
            }
            Thread.sleep(100);
            program = manager.getProgram(CALLER, name);
        }
        if (program.status() != ProgramStatus.SUCCESS) {
            throw new IllegalStateException("program " + name + " did not compile (" + program.status() + "):"
                    + program.diagnostics().stream()
                            .map(d -> "\n  " + d.range() + " " + d.severity() + " " + d.code() + ": " + d.message())
                            .collect(Collectors.joining()));
        }
    }

    /** Waits until the pipeline has the wanted status; a failed pipeline ends the wait with its error. */
    static void awaitStatus(PipelineManager manager, String name, PipelineStatus wanted, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Pipeline pipeline = manager.getPipeline(CALLER, name);
        while (pipeline.status() != wanted) {
            if (pipeline.status() == PipelineStatus.FAILED && wanted != PipelineStatus.FAILED) {
                throw new IllegalStateException("pipeline " + name + " failed: " + pipeline.error().code() + ": "
                        + pipeline.error().message());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("pipeline " + name + " still " + pipeline.status() + " after " + timeout);
            }
            Thread.sleep(100);
            pipeline = manager.getPipeline(CALLER, name);
        }
    }
}
