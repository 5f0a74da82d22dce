package io.pipelinemanager.core.internal.compiler;

import static io.pipelinemanager.core.internal.compiler.ProgramRunner.bag;
import static io.pipelinemanager.core.internal.compiler.ProgramRunner.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitStepException;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recursive views ({@code WITH RECURSIVE}): reachability and paths over random graphs with cycles under edge
 * inserts and deletes, compared with PostgreSQL after every step; the iteration bound; refused recursions.
 */
class RecursiveViewTest {

    private static final String DDL = "CREATE TABLE edge (src INT NOT NULL, dst INT NOT NULL);"
            + " CREATE TABLE roots (node INT NOT NULL)";

    @RegisterExtension
    static final PostgresOracle pg = PostgresOracle.perClass();

    @Test
    void transitiveClosureByHandUnderDeletes() {
        ProgramRunner p = new ProgramRunner("CREATE TABLE edge (src INT NOT NULL, dst INT NOT NULL);\n"
                + "CREATE VIEW tc AS WITH RECURSIVE r (a, b) AS (SELECT src, dst FROM edge"
                + " UNION SELECT r.a, e.dst FROM r JOIN edge e ON r.b = e.src) SELECT a, b FROM r;");
        p.step().insert("edge", row(1L, 2L), row(2L, 3L)).run();
        assertThat(p.view("tc")).isEqualTo(bag(row(1L, 2L), row(2L, 3L), row(1L, 3L)));
        // a cycle: everything on it reaches everything, itself included
        p.step().insert("edge", row(3L, 1L)).run();
        assertThat(p.view("tc")).hasSize(9);
        // cutting the cycle and the chain: 1 -> 2 and 3 -> 1 remain
        p.step().delete("edge", row(2L, 3L)).run();
        assertThat(p.view("tc")).isEqualTo(bag(row(1L, 2L), row(3L, 1L), row(3L, 2L)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void reachabilityMatchesPostgresUnderEdgeInsertsAndDeletes(int seed) throws Exception {
        pg.program(DDL)
                .view("reach", "WITH RECURSIVE r (node) AS (SELECT node FROM roots"
                        + " UNION SELECT e.dst FROM r JOIN edge e ON e.src = r.node) SELECT node FROM r")
                .view("closure", "WITH RECURSIVE r (a, b) AS (SELECT src, dst FROM edge"
                        + " UNION SELECT r.a, e.dst FROM r, edge e WHERE r.b = e.src) SELECT a, b FROM r")
                .view("hops", "WITH RECURSIVE r (node, hops) AS (SELECT node, 0 FROM roots"
                        + " UNION ALL SELECT e.dst, r.hops + 1 FROM r JOIN edge e ON e.src = r.node WHERE r.hops < 3)"
                        + " SELECT node, hops, COUNT(*) AS paths FROM r GROUP BY node, hops")
                .view("shortest", "WITH RECURSIVE r (node, hops) AS (SELECT node, 0 FROM roots"
                        + " UNION SELECT e.dst, r.hops + 1 FROM r JOIN edge e ON e.src = r.node WHERE r.hops < 4)"
                        + " SELECT node, MIN(hops) AS d FROM r GROUP BY node")
                .compile()
                .randomSteps(seed, 15, 5, 3, Map.of(
                        "edge", r -> new Object[] {(long) r.nextInt(8), (long) r.nextInt(8)},
                        "roots", r -> new Object[] {(long) r.nextInt(8)}));
    }

    @Test
    void countingToAFixedPointWithUnionAll() throws Exception {
        pg.program("CREATE TABLE lim (n INT NOT NULL)")
                .view("seq", "WITH RECURSIVE s (i) AS (VALUES (1) UNION ALL SELECT s.i + 1 FROM s, lim WHERE s.i < lim.n)"
                        + " SELECT i FROM s")
                .compile()
                .insert("lim", new Object[] {5L})
                .insert("lim", new Object[] {3L})
                .delete("lim", new Object[] {5L});
    }

    @Test
    void unionAllOverACycleFailsTheStepAndRollsItBack() {
        CompilationResult result = new SqlCompiler().compile("CREATE TABLE edge (src INT NOT NULL, dst INT NOT NULL);\n"
                + "CREATE VIEW walks AS WITH RECURSIVE w (node) AS (SELECT src FROM edge"
                + " UNION ALL SELECT e.dst FROM w JOIN edge e ON e.src = w.node) SELECT node FROM w;");
        assertThat(result.status()).isEqualTo(ProgramStatus.SUCCESS);
        Circuit c = result.artifact().newCircuit();
        Map<String, ZSet> first = c.step(Map.of("edge", zset(row(1L, 2L))));
        assertThat(first.get("walks").toMap()).isEqualTo(bag(row(1L), row(2L)));
        assertThatThrownBy(() -> c.step(Map.of("edge", zset(row(2L, 1L)))))
                .isInstanceOf(CircuitStepException.class)
                .hasMessageContaining("did not reach a fixed point");
        // the failed step changed nothing
        assertThat(c.snapshot("edge").toMap()).isEqualTo(bag(row(1L, 2L)));
        Map<String, ZSet> after = c.step(Map.of("edge", zset(row(2L, 3L))));
        // two walks reach 2 (the edge 1 -> 2 and the new edge's source), so two reach 3
        assertThat(after.get("walks").toMap()).isEqualTo(bag(row(2L), row(3L), row(3L)));
    }

    @Test
    void refusedRecursionsPointAtTheQuery() {
        String edge = "CREATE TABLE edge (src INT NOT NULL, dst INT NOT NULL);\n";
        assertThat(errors(edge + "CREATE VIEW v AS WITH RECURSIVE r (a, b) AS (SELECT src, dst FROM edge\n"
                + "  UNION SELECT r1.a, r2.b FROM r r1 JOIN r r2 ON r1.b = r2.a) SELECT * FROM r;"))
                .singleElement().satisfies(d -> {
                    assertThat(d.message()).contains("non-linear recursion").doesNotContain("Logical", "Rel");
                    assertThat(d.range().startLine()).isEqualTo(2);
                });
        assertThat(errors(edge + "CREATE VIEW v AS WITH RECURSIVE r (n, c) AS (SELECT src, 1 FROM edge\n"
                + "  UNION SELECT n, COUNT(*) FROM r GROUP BY n) SELECT * FROM r;"))
                .singleElement().satisfies(d -> assertThat(d.message()).contains("aggregate").doesNotContain("Logical"));
    }

    private static List<Diagnostic> errors(String program) {
        CompilationResult result = new SqlCompiler().compile(program);
        assertThat(result.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        return result.diagnostics();
    }

    private static ZSet zset(io.pipelinemanager.core.internal.engine.zset.Row... rows) {
        ZSetBuilder b = new ZSetBuilder();
        for (var r : rows) {
            b.add(r, 1);
        }
        return b.build();
    }
}
