package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Change;
import io.pipelinemanager.core.api.ChangeListener;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.PushResult;
import io.pipelinemanager.core.api.ViewStep;
import io.pipelinemanager.core.api.ViewSubscription;
import io.pipelinemanager.core.testing.TestDatabases;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.assertCode;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The typed data plane through the facade: rows pushed as records, maps and beans; waiting for the step that
 * applied them; typed view changes through a listener and a {@link Flow} subscriber, on the host's executor,
 * with the egress queue bounds; and refusals that change nothing.
 */
class TypedDataPlaneTest {

    private static final String SQL = """
            CREATE TABLE orders (id INT NOT NULL, customer VARCHAR(20), amount DECIMAL(10, 2));
            CREATE MATERIALIZED VIEW totals AS
              SELECT customer, SUM(amount) AS total, COUNT(*) AS n FROM orders GROUP BY customer;
            CREATE TABLE everything (b BOOLEAN, ti TINYINT, si SMALLINT, i INT, bi BIGINT, d DECIMAL(10, 2), r REAL,
              db DOUBLE, s VARCHAR, c CHAR(3), dt DATE, tm TIME, ts TIMESTAMP);
            CREATE MATERIALIZED VIEW every_row AS SELECT * FROM everything;
            """;
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A pushed row: components named like the columns (case differs on purpose for one). */
    record Order(int id, String Customer, BigDecimal amount) {
    }

    /** A view row: COUNT(*) is a NOT NULL BIGINT, so a primitive long fits; SUM may be NULL. */
    record Total(String customer, BigDecimal total, long n) {
    }

    /** A bean: public getters are its columns. */
    public static final class OrderBean {
        private final int id;
        private final String customer;

        public OrderBean(int id, String customer) {
            this.id = id;
            this.customer = customer;
        }

        public int getId() {
            return id;
        }

        public String getCustomer() {
            return customer;
        }
    }

    private PipelineManager manager;
    private ExecutorService host;

    @BeforeEach
    void open() {
        host = Executors.newSingleThreadExecutor(r -> new Thread(r, "host-executor"));
        manager = LifecycleEndToEndTest.fastManager(TestDatabases.h2Url());
        compile(manager);
    }

    @AfterEach
    void close() {
        manager.close();
        host.shutdownNow();
    }

    private static void compile(PipelineManager m) {
        m.createProgram(T, new ProgramSpec("shop", "", SQL));
        assertThat(await(() -> m.getProgram(T, "shop"), p -> p.status().isFinal()).status())
                .isEqualTo(ProgramStatus.SUCCESS);
    }

    private void start(String name, PipelineConfig config) {
        manager.createPipeline(T, new PipelineSpec(name, "", "shop", config));
        manager.startPipeline(T, name);
        await(() -> manager.getPipeline(T, name), p -> p.status() == PipelineStatus.RUNNING);
    }

    @Test
    void recordsMapsAndBeansArriveAsTypedChangesOfTheStepThatAppliedThem() throws Exception {
        start("p", null);
        Steps<Total> totals = new Steps<>();
        try (ViewSubscription<Total> subscription = manager.listen(T, "p", "totals", true, Total.class, host, totals)) {
            assertThat(subscription.view()).isEqualTo("totals");
            PushResult first = manager.insert(T, "p", "orders", List.of(
                    new Order(1, "ann", new BigDecimal("12.50")), new Order(2, "bob", new BigDecimal("3"))));
            assertThat(first.table()).isEqualTo("orders");
            assertThat(first.records()).isEqualTo(2);
            long step = manager.awaitApplied(T, "p", first, WAIT);
            assertThat(step).isPositive();
            assertThat(subscription.awaitDelivered(step, WAIT)).isGreaterThanOrEqualTo(step);
            assertThat(totals.byStep.get(step)).containsExactlyInAnyOrder(
                    Change.insert(new Total("ann", new BigDecimal("12.50"), 1)),
                    Change.insert(new Total("bob", new BigDecimal("3.00"), 1)));
            assertThat(totals.snapshots).as("the snapshot comes first, empty").containsExactly(0L);
            assertThat(totals.threads).containsOnly("host-executor");

            // A map (keys in any case) and a bean, then a delete, each its own push.
            Map<String, Object> row = new HashMap<>();
            row.put("ID", 3);
            row.put("customer", "ann");
            row.put("AMOUNT", 7.25);
            manager.insert(T, "p", "orders", List.of(row));
            manager.insert(T, "p", "orders", List.of(new OrderBean(4, "cy")));
            PushResult delete = manager.delete(T, "p", "orders", List.of(new Order(2, "bob", new BigDecimal("3.00"))));
            long last = manager.awaitApplied(T, "p", delete, WAIT);
            assertThat(manager.awaitStep(T, "p", last, Duration.ZERO)).isGreaterThanOrEqualTo(last);
            assertThat(manager.query(T, "p", "SELECT customer, total, n FROM totals ORDER BY customer").rows())
                    .containsExactly(List.of("ann", new BigDecimal("19.75"), 2L), java.util.Arrays.asList("cy", null, 1L));
            subscription.awaitDelivered(last, WAIT);
            assertThat(totals.byStep.get(last)).contains(Change.delete(new Total("bob", new BigDecimal("3.00"), 1)));

            // A step that leaves the view unchanged is delivered too: there was nothing to hand over.
            long quiet = manager.awaitApplied(T, "p", manager.insert(T, "p", "everything", List.of(Map.of("i", 1))), WAIT);
            assertThat(subscription.awaitDelivered(quiet, WAIT)).isGreaterThanOrEqualTo(quiet);
            assertThat(totals.byStep).doesNotContainKey(quiet);
        }
    }

    @Test
    void pushIsAtomicAndRefusalsNameTheRecordColumnAndReasonLikeIngress() throws Exception {
        start("p", null);
        PushResult good = manager.insert(T, "p", "orders", List.of(new Order(1, "ann", BigDecimal.ONE)));
        long step = manager.awaitApplied(T, "p", good, WAIT);

        Map<String, Object> unknown = Map.of("id", 9, "colour", "red");
        Map<String, Object> missing = Map.of("customer", "x");
        Map<String, Object> nulled = new HashMap<>();
        nulled.put("id", null);
        List<Object[]> cases = List.of(
                new Object[] {unknown, "colour", "unknown column \"colour\""},
                new Object[] {missing, "id", "missing value for a NOT NULL column"},
                new Object[] {nulled, "id", "NULL value for a NOT NULL column"},
                new Object[] {Map.of("id", true), "id", "expected INTEGER, got a Java Boolean"},
                new Object[] {Map.of("id", 1L << 40), "id", "value 1099511627776 out of range for INTEGER"},
                new Object[] {Map.of("id", new BigDecimal("1.5")), "id", "value 1.5 is not an integer (INTEGER)"},
                new Object[] {Map.of("id", 1, "amount", new BigDecimal("123456789")), "amount",
                        "value 123456789 out of range for DECIMAL(10,2)"},
                new Object[] {Map.of("id", 1, "amount", "lots"), "amount", "invalid DECIMAL value 'lots'"},
                new Object[] {Map.of("id", 1, "customer", "x".repeat(21)), "customer",
                        "string of length 21 is too long for VARCHAR(20)"},
                new Object[] {Map.of("id", 1, "amount", Double.NaN), "amount", "value NaN out of range for DECIMAL(10,2)"},
                new Object[] {"not a row", null, "a row must be a Map, a record or an object with getters, got a java.lang.String"},
                new Object[] {Map.of(1, 2), null, "a row map's keys must be column names (strings), got java.lang.Integer"});
        for (Object[] c : cases) {
            List<Object> rows = new ArrayList<>(List.of(new Order(10, "z", BigDecimal.TEN), new Order(11, "z", BigDecimal.TEN)));
            rows.add(c[0]);
            assertThatThrownBy(() -> manager.insert(T, "p", "orders", rows)).as("%s", c[0])
                    .isInstanceOfSatisfying(ManagerException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ParseError);
                        assertThat(e.details()).contains(entry("table", "orders"), entry("record", 3L),
                                entry("reason", c[2]));
                        if (c[1] == null) {
                            assertThat(e.details()).doesNotContainKey("column");
                        } else {
                            assertThat(e.details()).containsEntry("column", c[1]);
                        }
                        assertThat(e.getMessage()).isEqualTo("table orders, record 3"
                                + (c[1] == null ? "" : ", column " + c[1]) + ": " + c[2]);
                    });
        }
        assertCode(() -> manager.insert(T, "p", "nope", List.of(Map.of())), ErrorCode.UnknownTable);
        assertCode(() -> manager.insert(T, "p", "orders", java.util.Arrays.asList(new Order(1, "a", null), null)),
                ErrorCode.ParseError);
        assertCode(() -> manager.insert(T, "nope", "orders", List.of()), ErrorCode.UnknownPipeline);
        assertCode(() -> manager.insert(T, "p", "orders", null), ErrorCode.InvalidRequest);

        // Nothing of a refused push was applied or is waiting; each refusal is counted like a bad request body.
        assertThat(manager.pipelineStats(T, "p").bufferedInputRecords()).isZero();
        assertThat(manager.pipelineStats(T, "p").steps()).isEqualTo(step);
        assertThat(manager.pipelineStats(T, "p").tableParseErrors()).containsEntry("orders", 13L);
        assertThat(manager.query(T, "p", "SELECT COUNT(*) FROM orders").rows()).containsExactly(List.of(1L));

        PushResult empty = manager.insert(T, "p", "ORDERS", List.of());
        assertThat(empty.records()).isZero();
        assertThat(empty.table()).isEqualTo("orders");
        assertThat(manager.awaitApplied(T, "p", empty, Duration.ZERO)).as("nothing to wait for").isEqualTo(step);
    }

    @Test
    void javaValuesConvertPerColumnTypeAndComeBackTyped() throws Exception {
        start("p", null);
        Steps<Map> rows = new Steps<>();
        try (ViewSubscription<Map> s = manager.listen(T, "p", "every_row", false, Map.class, host, rows)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("b", true);
            row.put("ti", (byte) 7);
            row.put("si", (short) 300);
            row.put("i", 70_000);
            row.put("bi", 1L << 40);
            row.put("d", 2.5);
            row.put("r", 0.1);
            row.put("db", 1e300);
            row.put("s", "text");
            row.put("c", 'x');
            row.put("dt", LocalDate.of(2024, 1, 31));
            row.put("tm", LocalTime.of(13, 45, 1));
            row.put("ts", Instant.parse("2024-01-31T13:45:00Z"));
            long step = manager.awaitApplied(T, "p", manager.insert(T, "p", "everything", List.of(row)), WAIT);
            List<Change<Map>> changes = rows.await(step);
            assertThat(changes).hasSize(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = changes.get(0).row();
            assertThat(new ArrayList<>(typed.keySet())).containsExactly("b", "ti", "si", "i", "bi", "d", "r", "db", "s",
                    "c", "dt", "tm", "ts");
            assertThat(new ArrayList<Object>(typed.values())).containsExactly(true, (byte) 7, (short) 300, 70_000, 1L << 40,
                    new BigDecimal("2.50"), 0.1f, 1e300, "text", "x  ", LocalDate.of(2024, 1, 31), LocalTime.of(13, 45, 1),
                    LocalDateTime.of(2024, 1, 31, 13, 45));
            assertThatThrownBy(() -> typed.put("b", false)).isInstanceOf(UnsupportedOperationException.class);

            // Strings are parsed as in CSV; a null value is NULL.
            Map<String, Object> text = new HashMap<>();
            text.put("ts", "2024-02-01 00:00:00");
            text.put("d", "1.005");
            text.put("b", null);
            step = manager.awaitApplied(T, "p", manager.insert(T, "p", "everything", List.of(text)), WAIT);
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = rows.await(step).get(0).row();
            assertThat(parsed.get("ts")).isEqualTo(LocalDateTime.of(2024, 2, 1, 0, 0));
            assertThat(parsed.get("d")).isEqualTo(new BigDecimal("1.01"));
            assertThat(parsed.get("b")).isNull();
            assertThat(parsed.containsKey("b")).isTrue();
        }
    }

    /** Record components that cannot hold a view's column are refused before anything is registered. */
    record NoSuchColumn(String customer, BigDecimal price) {
    }

    record PrimitiveForNullable(String customer, double total) {
    }

    record WrongType(String customer, String total) {
    }

    record Narrowing(String customer, int n) {
    }

    record Widening(Object customer, Number total, java.math.BigInteger n) {
    }

    @Test
    void rowTypesThatDoNotFitTheViewAreRefusedAtSubscription() throws Exception {
        start("p", null);
        for (Class<?> type : List.of(NoSuchColumn.class, PrimitiveForNullable.class, WrongType.class, Narrowing.class,
                String.class, OrderBean.class)) {
            assertThatThrownBy(() -> manager.listen(T, "p", "totals", false, type, host, (step, changes) -> { }))
                    .as(type.getName()).isInstanceOfSatisfying(ManagerException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.InvalidRequest);
                        assertThat(e.details()).containsEntry("view", "totals").containsEntry("row_type", type.getName());
                    });
        }
        assertCode(() -> manager.subscribe(T, "p", "totals", false, Map.class, null), ErrorCode.InvalidRequest);
        assertCode(() -> manager.listen(T, "p", "nope", false, Map.class, host, (s, c) -> { }), ErrorCode.UnknownView);
        assertThat(manager.counters().egressSubscriptions()).as("refusals hold no subscription").isZero();

        Steps<Widening> widened = new Steps<>();
        try (ViewSubscription<Widening> s = manager.listen(T, "p", "TOTALS", false, Widening.class, host, widened)) {
            assertThat(manager.counters().egressSubscriptions()).isEqualTo(1);
            long step = manager.awaitApplied(T, "p",
                    manager.insert(T, "p", "orders", List.of(new Order(1, "ann", BigDecimal.ONE))), WAIT);
            assertThat(widened.await(step)).containsExactly(
                    Change.insert(new Widening("ann", new BigDecimal("1.00"), java.math.BigInteger.ONE)));
        }
        assertThat(manager.counters().egressSubscriptions()).isZero();
    }

    @Test
    void aFlowSubscriberGetsOnlyWhatItRequestedAndIsDroppedWhenItFallsTooFarBehind() throws Exception {
        manager.close();
        manager = PipelineManager.builder().environment(Map.of()).property("pm.db.url", TestDatabases.h2Url())
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20")
                .property("pm.egress.queue-steps", "3").build();
        compile(manager);
        start("p", new PipelineConfig(1, 1, 0, 1000));

        Recorder lagging = new Recorder();
        Recorder stepping = new Recorder();
        try (ViewSubscription<Map> slow = manager.subscribe(T, "p", "totals", false, Map.class, host);
             ViewSubscription<Map> paced = manager.subscribe(T, "p", "totals", false, Map.class, host)) {
            slow.subscribe(lagging);
            paced.subscribe(stepping);
            await(() -> lagging.subscription.get() != null && stepping.subscription.get() != null, ok -> ok);
            stepping.subscription.get().request(1);
            long[] steps = new long[4];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = manager.awaitApplied(T, "p", manager.insert(T, "p", "orders",
                        List.of(new Order(i, "c" + i, BigDecimal.ONE))), WAIT);
            }
            // One requested, one delivered; the rest waits in the queue, and the slow one never asked for anything.
            await(() -> stepping.items.size(), n -> n == 1);
            assertThat(stepping.items.get(0).step()).isEqualTo(steps[0]);
            assertThat(lagging.items).isEmpty();
            assertThat(paced.awaitDelivered(steps[0], WAIT)).isEqualTo(steps[0]);
            assertThatThrownBy(() -> paced.awaitDelivered(steps[1], Duration.ofMillis(100)))
                    .as("not requested, so not delivered").isInstanceOf(TimeoutException.class);
            // Four steps overflow a queue of three: the subscriber is told without having requested anything.
            await(() -> lagging.failure.get(), f -> f != null);
            assertThat(lagging.failure.get()).isInstanceOfSatisfying(ManagerException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BackPressure));
            assertThat(slow.error().code()).isEqualTo(ErrorCode.BackPressure);
            assertThatThrownBy(() -> slow.awaitDelivered(steps[0], WAIT)).isInstanceOfSatisfying(ManagerException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BackPressure));
            assertThat(manager.getPipeline(T, "p").status()).as("the pipeline never waits").isEqualTo(PipelineStatus.RUNNING);

            // A second subscriber of one publisher is refused, and so is a non-positive request.
            Recorder second = new Recorder();
            paced.subscribe(second);
            await(() -> second.failure.get(), f -> f != null);
            assertThat(second.failure.get()).isInstanceOf(IllegalStateException.class);
            stepping.subscription.get().request(0);
            await(() -> stepping.failure.get(), f -> f != null);
            assertThat(stepping.failure.get()).isInstanceOf(IllegalArgumentException.class);
            assertThat(stepping.items).hasSize(1);
        }
        assertThat(manager.counters().egressSubscriptions()).isZero();
    }

    @Test
    void awaitingEndsWithTheTimeoutWhilePausedAndWithAnErrorWhenThePipelineRestarted() throws Exception {
        start("p", null);
        manager.pausePipeline(T, "p");
        await(() -> manager.getPipeline(T, "p"), p -> p.status() == PipelineStatus.PAUSED);
        PushResult waiting = manager.insert(T, "p", "orders", List.of(new Order(1, "ann", BigDecimal.ONE)));
        assertThatThrownBy(() -> manager.awaitApplied(T, "p", waiting, Duration.ofMillis(200)))
                .isInstanceOf(TimeoutException.class);
        long before = manager.pipelineStats(T, "p").steps();
        assertThatThrownBy(() -> manager.awaitStep(T, "p", before + 1, Duration.ofMillis(50)))
                .isInstanceOf(TimeoutException.class);
        manager.startPipeline(T, "p");
        long step = manager.awaitApplied(T, "p", waiting, WAIT);
        assertThat(step).isEqualTo(before + 1);
        assertCode(() -> {
            try {
                manager.awaitApplied(T, "p", waiting, Duration.ofSeconds(-1));
            } catch (InterruptedException | TimeoutException e) {
                throw new AssertionError(e);
            }
        }, ErrorCode.InvalidRequest);

        AtomicReference<PipelineError> ended = new AtomicReference<>();
        List<Long> seen = new CopyOnWriteArrayList<>();
        ViewSubscription<Total> s = manager.listen(T, "p", "totals", false, Total.class, host, new ChangeListener<>() {
            @Override
            public void onStep(long at, List<Change<Total>> changes) {
                seen.add(at);
            }

            @Override
            public void onEnd(PipelineError error) {
                ended.set(error == null ? new PipelineError(ErrorCode.InternalError, "normal end", Map.of()) : error);
            }
        });
        manager.shutdownPipeline(T, "p");
        await(() -> manager.getPipeline(T, "p"), p -> p.status() == PipelineStatus.STOPPED);
        await(ended::get, e -> e != null);
        assertThat(ended.get().message()).as("a normal stop ends with no error").isEqualTo("normal end");
        assertThat(s.error()).isNull();
        assertThat(seen).isEmpty();
        s.close();

        start("p2", null);
        PushResult before2 = manager.insert(T, "p2", "orders", List.of(new Order(1, "ann", BigDecimal.ONE)));
        manager.shutdownPipeline(T, "p2");
        await(() -> manager.getPipeline(T, "p2"), p -> p.status() == PipelineStatus.STOPPED);
        manager.startPipeline(T, "p2");
        await(() -> manager.getPipeline(T, "p2"), p -> p.status() == PipelineStatus.RUNNING);
        assertCode(() -> {
            try {
                manager.awaitApplied(T, "p2", before2, WAIT);
            } catch (InterruptedException | TimeoutException e) {
                throw new AssertionError(e);
            }
        }, ErrorCode.PipelineNotRunning);
    }

    @Test
    void workersOtherThanOneAreRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> manager.createPipeline(T, new PipelineSpec("w", "", "shop",
                new PipelineConfig(2, 10, 0, 10)))).isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig);
                    assertThat(e.details()).containsEntry("field", "workers").containsEntry("max", 1);
                });
        assertThat(manager.listPipelines(T)).isEmpty();
    }

    /** A listener that keeps every step's changes by step number and the threads it ran on. */
    static final class Steps<T> implements ChangeListener<T> {
        final Map<Long, List<Change<T>>> byStep = new ConcurrentHashMap<>();
        final List<Long> snapshots = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onStep(long step, List<Change<T>> changes) {
            threads.add(Thread.currentThread().getName());
            if (byStep.isEmpty() && changes.isEmpty()) {
                snapshots.add(step);
            }
            byStep.merge(step, changes, (a, b) -> {
                List<Change<T>> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            });
        }

        List<Change<T>> await(long step) {
            return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> byStep.get(step), c -> c != null);
        }
    }

    /** A Flow subscriber that requests nothing by itself. */
    static final class Recorder implements Flow.Subscriber<ViewStep<Map>> {
        final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        final List<ViewStep<Map>> items = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.compareAndSet(null, s);
        }

        @Override
        public void onNext(ViewStep<Map> item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            failure.set(throwable);
        }

        @Override
        public void onComplete() {
        }
    }
}
