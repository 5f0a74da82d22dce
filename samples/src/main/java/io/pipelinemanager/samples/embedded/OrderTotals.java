package io.pipelinemanager.samples.embedded;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Change;
import io.pipelinemanager.core.api.ChangeListener;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.PushResult;
import io.pipelinemanager.core.api.ViewSubscription;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.pipelinemanager.samples.embedded.EmbeddedQuickStart.CALLER;

/**
 * A host application on the typed API: live order totals per customer, joined from two tables. It pushes
 * customers and orders as Java records, deletes an order, moves a customer to another city (a delete and an
 * insert in one atomic push), and prints every change of the view {@code customer_totals} as its own listener
 * receives it, on its own executor. After each push it waits for the step that applied it and for its listener
 * to have printed that step, so the output is the same on every run. State lives in an in-memory database.
 *
 * <p>Run it with {@code mvn -B -q -pl samples exec:java@order-totals} (after {@code mvn -B -q install -DskipTests}).
 */
public final class OrderTotals {

    static final String PROGRAM = """
            CREATE TABLE customers (id INT NOT NULL, name VARCHAR NOT NULL, city VARCHAR NOT NULL);
            CREATE TABLE orders (id INT NOT NULL, customer INT NOT NULL, amount DECIMAL(10, 2) NOT NULL);
            CREATE MATERIALIZED VIEW customer_totals AS
              SELECT c.name, c.city, COUNT(*) AS orders, SUM(o.amount) AS total
              FROM orders o JOIN customers c ON o.customer = c.id
              GROUP BY c.name, c.city;
            """;
    static final Duration TIMEOUT = Duration.ofMinutes(1);

    /** A row of table customers: record components map to columns by name. */
    public record Customer(int id, String name, String city) {
    }

    /** A row of table orders ({@code customer} is the customer's id). */
    public record Order(int id, int customer, BigDecimal amount) {
    }

    /** A row of view customer_totals; COUNT(*) is never NULL, so {@code orders} can be a {@code long}. */
    public record CustomerTotal(String name, String city, long orders, BigDecimal total) {
    }

    private final PipelineManager manager;
    private final PrintStream out;
    private ViewSubscription<CustomerTotal> totals;

    OrderTotals(PipelineManager manager, PrintStream out) {
        this.manager = manager;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        ExecutorService host = Executors.newSingleThreadExecutor(r -> new Thread(r, "order-totals"));
        try (PipelineManager manager = PipelineManager.builder()
                .databaseUrl("jdbc:h2:mem:order-totals-" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
                .build()) {
            new OrderTotals(manager, System.out).run(host);
        } finally {
            host.shutdown();
        }
    }

    /** Sets up the program and pipeline, subscribes, and plays a short day of orders. */
    void run(ExecutorService host) throws Exception {
        manager.createProgram(CALLER, new ProgramSpec("order-totals", "live order totals per customer", PROGRAM));
        EmbeddedQuickStart.awaitCompiled(manager, "order-totals", TIMEOUT);
        manager.createPipeline(CALLER, new PipelineSpec("order-totals-1", null, "order-totals", null));
        manager.startPipeline(CALLER, "order-totals-1");
        EmbeddedQuickStart.awaitStatus(manager, "order-totals-1", PipelineStatus.RUNNING, TIMEOUT);

        try (ViewSubscription<CustomerTotal> subscription = manager.listen(CALLER, "order-totals-1", "customer_totals",
                false, CustomerTotal.class, host, printer())) {
            totals = subscription;
            apply("customers ann (Oslo) and bob (Lima)", manager.insert(CALLER, "order-totals-1", "customers",
                    List.of(new Customer(1, "ann", "Oslo"), new Customer(2, "bob", "Lima"))));
            apply("three orders", manager.insert(CALLER, "order-totals-1", "orders", List.of(
                    new Order(10, 1, new BigDecimal("12.50")), new Order(11, 2, new BigDecimal("3.00")),
                    new Order(12, 1, new BigDecimal("7.25")))));
            apply("bob's order cancelled", manager.delete(CALLER, "order-totals-1", "orders",
                    List.of(new Order(11, 2, new BigDecimal("3.00")))));
            apply("ann moves to Bergen", manager.push(CALLER, "order-totals-1", "customers", List.of(
                    Change.delete(new Customer(1, "ann", "Oslo")), Change.insert(new Customer(1, "ann", "Bergen")))));
        }
        out.println("now: " + manager.query(CALLER, "order-totals-1",
                "SELECT name, city, orders, total FROM customer_totals ORDER BY name").rows());
        manager.shutdownPipeline(CALLER, "order-totals-1");
        EmbeddedQuickStart.awaitStatus(manager, "order-totals-1", PipelineStatus.STOPPED, TIMEOUT);
    }

    /** Prints what a push did once a step applied it and the listener has printed that step's changes. */
    private void apply(String what, PushResult push) throws Exception {
        long step = manager.awaitApplied(CALLER, "order-totals-1", push, TIMEOUT);
        totals.awaitDelivered(step, TIMEOUT);
        out.println("applied in step " + step + ": " + what);
    }

    /** Prints each step's changes, deletes first and each kind sorted, so the output does not depend on order. */
    private ChangeListener<CustomerTotal> printer() {
        return (step, changes) -> changes.stream()
                .sorted(Comparator.comparing((Change<CustomerTotal> c) -> c.isInsert())
                        .thenComparing(c -> c.row().name()))
                .forEach(c -> out.println("  step " + step + " " + c));
    }
}
