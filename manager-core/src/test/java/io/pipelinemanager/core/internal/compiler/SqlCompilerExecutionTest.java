package io.pipelinemanager.core.internal.compiler;

import static io.pipelinemanager.core.internal.compiler.ProgramRunner.bag;
import static io.pipelinemanager.core.internal.compiler.ProgramRunner.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.internal.engine.CircuitStepException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SqlCompilerExecutionTest {

    private static final String SHOP = """
            CREATE TABLE customer(id INTEGER NOT NULL, name VARCHAR(20), region VARCHAR(10), PRIMARY KEY (id));
            CREATE TABLE orders(id INTEGER NOT NULL, customer INTEGER, amount DECIMAL(10, 2));
            """;

    @Test
    void joinAndGroupByFollowInsertsAndDeletes() {
        ProgramRunner p = new ProgramRunner(SHOP + """
                CREATE VIEW per_region AS
                  SELECT c.region, COUNT(*) AS n, SUM(o.amount) AS total
                  FROM orders o JOIN customer c ON o.customer = c.id
                  GROUP BY c.region;
                """);
        p.step().insert("customer", row(1L, "ann", "north"), row(2L, "bob", "south"))
                .insert("orders", row(10L, 1L, new BigDecimal("5.00")), row(11L, 1L, new BigDecimal("2.50")),
                        row(12L, 2L, new BigDecimal("1.00")), row(13L, 3L, new BigDecimal("9.00")))
                .run();
        assertThat(p.view("per_region")).isEqualTo(bag(row("north", 2L, new BigDecimal("7.50")),
                row("south", 1L, new BigDecimal("1.00"))));
        p.step().delete("orders", row(12L, 2L, new BigDecimal("1.00")))
                .insert("customer", row(3L, "cy", "north")).run();
        assertThat(p.view("per_region")).isEqualTo(bag(row("north", 3L, new BigDecimal("16.50"))));
    }

    @Test
    void viewsReadEarlierViewsAndDuplicateColumnNamesWork() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE t(a INTEGER, b INTEGER);
                CREATE VIEW big AS SELECT a, a, b FROM t WHERE a > 1;
                CREATE VIEW sums AS SELECT b, SUM(a0) AS s FROM big GROUP BY b;
                """);
        p.step().insert("t", row(1L, 7L), row(2L, 7L), row(3L, 7L), row(5L, 8L)).run();
        assertThat(p.view("big")).isEqualTo(bag(row(2L, 2L, 7L), row(3L, 3L, 7L), row(5L, 5L, 8L)));
        assertThat(p.view("sums")).isEqualTo(bag(row(7L, 5L), row(8L, 5L)));
        p.step().delete("t", row(5L, 8L)).run();
        assertThat(p.view("sums")).isEqualTo(bag(row(7L, 5L)));
    }

    @Test
    void globalAggregateExistsOnEmptyInput() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE t(a INTEGER);
                CREATE VIEW g AS SELECT COUNT(*) AS n, SUM(a) AS s, MAX(a) AS m FROM t;
                """);
        p.step().run();
        assertThat(p.view("g")).isEqualTo(bag(row(0L, null, null)));
        p.step().insert("t", row(4L), row(9L)).run();
        p.step().delete("t", row(9L)).run();
        assertThat(p.view("g")).isEqualTo(bag(row(1L, 4L, 4L)));
    }

    @Test
    void subQueriesAreDecorrelated() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE t(a INTEGER, b INTEGER);
                CREATE TABLE u(x INTEGER);
                CREATE VIEW in_u AS SELECT a FROM t WHERE a IN (SELECT x FROM u);
                CREATE VIEW not_in_u AS SELECT a FROM t WHERE a NOT IN (SELECT x FROM u);
                CREATE VIEW has_bigger AS SELECT a FROM t WHERE EXISTS (SELECT 1 FROM t t2 WHERE t2.b > t.b);
                CREATE VIEW scalar AS SELECT a, (SELECT MAX(x) FROM u WHERE u.x < t.a) AS below FROM t;
                """);
        p.step().insert("t", row(1L, 10L), row(2L, 20L), row(3L, 30L)).insert("u", row(2L), row(5L)).run();
        assertThat(p.view("in_u")).isEqualTo(bag(row(2L)));
        assertThat(p.view("not_in_u")).isEqualTo(bag(row(1L), row(3L)));
        assertThat(p.view("has_bigger")).isEqualTo(bag(row(1L), row(2L)));
        assertThat(p.view("scalar")).isEqualTo(bag(row(1L, null), row(2L, null), row(3L, 2L)));
        p.step().insert("u", new io.pipelinemanager.core.internal.engine.zset.Row[] {row((Object) null)}).run();
        assertThat(p.view("not_in_u")).as("NOT IN with a NULL is never true").isEmpty();
    }

    @Test
    void outerJoinsAndSetOperations() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE l(k INTEGER, v VARCHAR(5));
                CREATE TABLE r(k INTEGER, w VARCHAR(5));
                CREATE VIEW lj AS SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k;
                CREATE VIEW fj AS SELECT l.k AS lk, r.k AS rk FROM l FULL JOIN r ON l.k = r.k;
                CREATE VIEW un AS SELECT k FROM l UNION SELECT k FROM r;
                CREATE VIEW ua AS SELECT k FROM l UNION ALL SELECT k FROM r;
                CREATE VIEW ex AS SELECT k FROM l EXCEPT SELECT k FROM r;
                CREATE VIEW ix AS SELECT k FROM l INTERSECT SELECT k FROM r;
                """);
        p.step().insert("l", row(1L, "a"), row(2L, "b")).insert("r", row(2L, "x"), row(3L, "y")).run();
        assertThat(p.view("lj")).isEqualTo(bag(row("a", null), row("b", "x")));
        assertThat(p.view("fj")).isEqualTo(bag(row(1L, null), row(2L, 2L), row(null, 3L)));
        assertThat(p.view("un")).isEqualTo(bag(row(1L), row(2L), row(3L)));
        assertThat(p.view("ua")).isEqualTo(bag(row(1L), row(2L), row(2L), row(3L)));
        assertThat(p.view("ex")).isEqualTo(bag(row(1L)));
        assertThat(p.view("ix")).isEqualTo(bag(row(2L)));
        p.step().delete("r", row(2L, "x")).run();
        assertThat(p.view("lj")).isEqualTo(bag(row("a", null), row("b", null)));
        assertThat(p.view("ix")).isEmpty();
    }

    @Test
    void orderByLimitIsATopKAndValuesAndCaseWork() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE t(a INTEGER, s VARCHAR(10));
                CREATE VIEW top2 AS SELECT a FROM t ORDER BY a DESC LIMIT 2;
                CREATE VIEW consts AS SELECT * FROM (VALUES (1, 'one'), (2, 'two')) AS v(n, word);
                CREATE VIEW labels AS SELECT CASE WHEN a > 2 THEN 'big' ELSE 'small' END AS size, s || '!' AS loud
                  FROM t WHERE s LIKE 'x%' OR a BETWEEN 1 AND 1;
                """);
        p.step().insert("t", row(1L, "a"), row(5L, "xb"), row(3L, "c"), row(4L, "d")).run();
        assertThat(p.view("top2")).isEqualTo(bag(row(5L), row(4L)));
        assertThat(p.view("consts")).isEqualTo(bag(row(1L, "one"), row(2L, "two")));
        assertThat(p.view("labels")).isEqualTo(bag(row("small", "a!"), row("big", "xb!")));
        p.step().delete("t", row(5L, "xb")).run();
        assertThat(p.view("top2")).isEqualTo(bag(row(4L), row(3L)));
    }

    @Test
    void manyWayCommaJoinUsesEquiJoins() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE a(x INTEGER, y INTEGER);
                CREATE TABLE b(x INTEGER, y INTEGER);
                CREATE TABLE c(x INTEGER, y INTEGER);
                CREATE TABLE d(x INTEGER, y INTEGER);
                CREATE VIEW j AS SELECT a.x, d.y FROM d, a, c, b WHERE a.y = b.x AND c.y = d.x AND b.y = c.x AND a.x = 1;
                """);
        p.step().insert("a", row(1L, 2L), row(9L, 2L)).insert("b", row(2L, 3L)).insert("c", row(3L, 4L))
                .insert("d", row(4L, 5L), row(6L, 7L)).run();
        assertThat(p.view("j")).isEqualTo(bag(row(1L, 5L)));
        AnalyzedProgram analyzed = ProgramAnalyzer.analyze("""
                CREATE TABLE a(x INTEGER, y INTEGER); CREATE TABLE b(x INTEGER, y INTEGER);
                CREATE TABLE c(x INTEGER, y INTEGER); CREATE TABLE d(x INTEGER, y INTEGER);
                CREATE VIEW j AS SELECT a.x, d.y FROM d, a, c, b WHERE a.y = b.x AND c.y = d.x AND b.y = c.x;
                """);
        String plan = org.apache.calcite.plan.RelOptUtil.toString(analyzed.views().get(0).plan().rel());
        assertThat(plan).as(plan).doesNotContain("condition=[true]");
    }

    @Test
    void divisionByZeroIsARuntimeError() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE t(a INTEGER, b INTEGER);
                CREATE VIEW q AS SELECT a / b AS r FROM t;
                """);
        p.step().insert("t", row(7L, 2L), row(-7L, 2L)).run();
        assertThat(p.view("q")).isEqualTo(bag(row(3L), row(-3L)));
        assertThatThrownBy(() -> p.step().insert("t", row(1L, 0L)).run()).isInstanceOf(CircuitStepException.class);
    }
}
