package io.pipelinemanager.core.internal.compiler.slt;

import io.pipelinemanager.core.internal.compiler.CompileException;
import io.pipelinemanager.core.internal.compiler.ProgramAnalyzer;
import io.pipelinemanager.core.internal.compiler.ViewPlan;
import io.pipelinemanager.core.internal.compiler.plan.SortTranslator;
import io.pipelinemanager.core.internal.engine.CircuitStepException;
import io.pipelinemanager.core.internal.engine.operator.SortKey;
import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.hydromatic.sqllogictest.SqlTestQuery;

/** Checks one corpus query: compile it as a view, run it in both modes, compare each with the expected output. */
final class QueryChecker {

    private final SltProgram program;
    private final FileResult result;

    QueryChecker(SltProgram program, FileResult result) {
        this.program = program;
        this.result = result;
    }

    void check(SqlTestQuery query, long seed) {
        String sql = query.getQuery();
        String where = query.file + ":" + sql.replace('\n', ' ');
        SltProgram.CompiledQuery compiled;
        long start = System.nanoTime();
        try {
            compiled = program.compile(ProgramAnalyzer.parseQuery(sql));
            result.compileNanos += System.nanoTime() - start;
        } catch (CompileException e) {
            String code = e.diagnostic().code();
            if (code.equals("Unsupported")) {
                result.unsupported(e.diagnostic().message().replaceFirst("^view \\w+: ", ""), where);
            } else {
                result.fail("compile error " + code + ": " + bucket(e.diagnostic().message()), where);
            }
            return;
        } catch (RuntimeException e) {
            result.fail("compiler crash " + e.getClass().getSimpleName(), where + " :: " + e);
            return;
        }
        start = System.nanoTime();
        String view = compiled.view().entry().name();
        Map<String, Map<Row, Long>> contents = program.contents(compiled.tables());
        java.util.Set<String> keyed = program.keyed(compiled.tables());
        String failure = run("one step", () -> QueryRun.oneStep(compiled.definition(), view, contents),
                compiled.view().plan(), query);
        if (failure == null) {
            failure = run("incremental", () -> QueryRun.randomSteps(compiled.definition(), view, contents, keyed, seed),
                    compiled.view().plan(), query);
        }
        result.runNanos += System.nanoTime() - start;
        if (failure == null) {
            result.pass();
        } else {
            int cut = failure.indexOf(" :: ");
            result.fail(cut < 0 ? failure : failure.substring(0, cut), where + " :: " + failure);
        }
    }

    private String run(String mode, java.util.function.Supplier<ZSet> runner, ViewPlan plan, SqlTestQuery query) {
        List<List<String>> rows;
        try {
            rows = format(SltProgram.rows(runner.get()), plan, query.outputDescription.columnTypes);
        } catch (CircuitStepException e) {
            Throwable cause = e.getCause();
            String code = cause instanceof SqlRuntimeException s ? s.code().name() : String.valueOf(cause);
            return mode + ": runtime error " + code + " :: " + e.getMessage();
        } catch (RuntimeException e) {
            return mode + ": " + e.getClass().getSimpleName() + " :: " + e.getMessage();
        }
        String diff = ResultChecker.check(rows, query.outputDescription);
        return diff == null ? null : mode + ": wrong result :: " + diff;
    }

    private static List<List<String>> format(List<Row> rows, ViewPlan plan, String types) {
        if (types.length() != plan.visible().size()) {
            throw new IllegalStateException("query returns " + plan.visible().size() + " columns, test expects "
                    + types.length());
        }
        List<Row> sorted = new ArrayList<>(rows);
        List<SortKey> keys = SortTranslator.keys(plan.collation());
        if (!keys.isEmpty()) {
            sorted.sort(comparator(keys));
        }
        List<List<String>> out = new ArrayList<>();
        for (Row r : sorted) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < types.length(); i++) {
                values.add(ValueFormatter.format(r.get(plan.visible().get(i)), types.charAt(i)));
            }
            out.add(values);
        }
        return out;
    }

    private static Comparator<Row> comparator(List<SortKey> keys) {
        return (a, b) -> {
            for (SortKey k : keys) {
                Object x = a.get(k.column());
                Object y = b.get(k.column());
                int c;
                if (x == null || y == null) {
                    c = x == y ? 0 : (x == null) == k.nullsFirst() ? -1 : 1;
                } else {
                    c = Values.compare(x, y);
                    c = k.descending() ? -c : c;
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    private static String bucket(String message) {
        return message.replaceAll("'[^']*'", "'…'").replaceAll("\\d+", "N");
    }
}
