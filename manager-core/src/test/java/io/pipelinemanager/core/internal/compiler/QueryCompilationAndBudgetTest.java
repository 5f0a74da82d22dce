package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.internal.engine.operator.StepBudget;
import io.pipelinemanager.core.internal.engine.operator.StepBudgetExceededException;
import io.pipelinemanager.core.internal.engine.zset.RowSizes;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.pipelinemanager.core.internal.engine.T.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compiler's one entry point for snapshot queries, and the memory budget of a one-shot evaluation. */
class QueryCompilationAndBudgetTest {

    private static final List<ProgramSchema.Relation> READABLE = List.of(new ProgramSchema.Relation("T",
            List.of(new ProgramSchema.Column("ID", "INTEGER", false), new ProgramSchema.Column("NAME", "VARCHAR", true)),
            List.of(), false));

    private static ZSet table(int rows) {
        ZSetBuilder b = new ZSetBuilder();
        for (int i = 0; i < rows; i++) {
            b.add(row(i, "n" + i), 1);
        }
        return b.build();
    }

    @Test
    void compiledQueryCarriesOrderAndVisibleColumns() throws Exception {
        CompiledQuery q = SqlCompiler.compileQuery(READABLE, "SELECT name FROM t ORDER BY id DESC");
        assertThat(q.columns()).extracting(ProgramSchema.Column::name).containsExactly("name");
        assertThat(q.order()).hasSize(1);
        assertThat(q.definition().tableNames()).containsExactly("T");
        ZSet out = q.definition().evaluate(Map.of("T", table(3)), null).get(q.view());
        assertThat(out.size()).isEqualTo(3);
        assertThatThrownBy(() -> SqlCompiler.compileQuery(READABLE, "SELECT nope FROM t"))
                .isInstanceOf(CompileException.class);
    }

    @Test
    void crossJoinStopsAtTheBudgetAndSmallQueriesFit() throws Exception {
        CompiledQuery cross = SqlCompiler.compileQuery(READABLE, "SELECT a.id, b.id, c.id FROM t a, t b, t c");
        StepBudget budget = new StepBudget(1 << 20);
        assertThatThrownBy(() -> cross.definition().evaluate(Map.of("T", table(100)), budget))
                .isInstanceOfSatisfying(StepBudgetExceededException.class,
                        e -> assertThat(e.limitBytes()).isEqualTo(1 << 20));
        // Charged before building: the budget was passed by less than one probe's worth of rows.
        assertThat(budget.usedBytes()).isLessThan((1 << 20) + 100 * StepBudget.rowBytes(6) + 1);

        CompiledQuery filter = SqlCompiler.compileQuery(READABLE, "SELECT name FROM t WHERE id = 3");
        StepBudget small = new StepBudget(1 << 20);
        assertThat(filter.definition().evaluate(Map.of("T", table(100)), small).get(filter.view()).size()).isEqualTo(1);
        assertThat(small.usedBytes()).isPositive().isLessThan(1 << 20);
    }

    @Test
    void rowSizeEstimatesGrowWithTheValues() {
        long empty = RowSizes.estimate(new Object[] {null, null});
        long small = RowSizes.estimate(new Object[] {1L, "ab"});
        long large = RowSizes.estimate(new Object[] {1L, "x".repeat(1000)});
        assertThat(empty).isPositive();
        assertThat(small).isGreaterThan(empty);
        assertThat(large - small).isGreaterThanOrEqualTo(998);
        assertThat(RowSizes.estimate(new Object[] {new BigDecimal("123456789012345678901234567890.5")}))
                .isGreaterThan(RowSizes.estimate(new Object[] {new BigDecimal("12.50")}));
    }
}
