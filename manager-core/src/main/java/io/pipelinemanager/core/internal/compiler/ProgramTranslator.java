package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.internal.compiler.plan.RelTranslator;
import io.pipelinemanager.core.internal.compiler.plan.RexTranslator;
import io.pipelinemanager.core.internal.compiler.plan.TypeMapper;
import io.pipelinemanager.core.internal.compiler.plan.UnsupportedPlanException;
import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.expr.InputRef;
import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;

/**
 * Translates an analyzed program into a circuit definition: one input per table, then each view
 * in declaration order (a view reads earlier views through their output nodes). Each view that
 * cannot be translated yields an "Unsupported" diagnostic at its statement.
 */
public final class ProgramTranslator {

    /** The translated program, or null with the diagnostics that explain why. */
    public record Result(CompiledProgram program, List<Diagnostic> diagnostics) {
        /** Copies the diagnostics. */
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private ProgramTranslator() {
    }

    /** Translates a program without errors into its artifact. */
    public static Result translate(AnalyzedProgram program, String contentHash) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        CircuitDefinition definition = build(program.catalog(), program.views(), false, diagnostics);
        if (definition == null) {
            return new Result(null, diagnostics);
        }
        return new Result(new CompiledProgram(definition, program.schema(), contentHash), diagnostics);
    }

    /**
     * Builds a circuit for the given tables and views; with {@code keepOrderColumns} each view
     * outputs all columns of its plan (including ORDER BY-only ones) instead of its visible columns.
     * Returns null (with diagnostics added) when a view cannot be translated.
     */
    public static CircuitDefinition build(ProgramCatalog catalog, List<AnalyzedView> views, boolean keepOrderColumns,
                                          List<Diagnostic> diagnostics) {
        Incremental circuit = new Incremental(keepOrderColumns);
        catalog.entries(CatalogEntry.Kind.TABLE).forEach(circuit::table);
        for (AnalyzedView view : views) {
            circuit.view(view, diagnostics);
        }
        return circuit.build();
    }

    /**
     * A circuit built one declaration at a time, in program order, so a view's plan can be dropped as
     * soon as it is translated (a program's plans together can outgrow the heap; its circuit does not).
     */
    public static final class Incremental {
        private final CircuitBuilder builder = new CircuitBuilder();
        private final Map<String, Node> sources = new HashMap<>();
        private final boolean keepOrderColumns;
        private boolean failed;

        /** See {@link ProgramTranslator#build} for {@code keepOrderColumns}. */
        public Incremental(boolean keepOrderColumns) {
            this.keepOrderColumns = keepOrderColumns;
        }

        /** Adds an input table. */
        public void table(CatalogEntry table) {
            List<String> names = table.rowType().getFieldNames();
            int[] primaryKey = table.primaryKey().stream().mapToInt(names::indexOf).toArray();
            sources.put(key(table.name()), builder.input(table.name(), TypeMapper.columns(table.rowType()), primaryKey,
                    table.defaults(), table.lateness()));
            if (table.appendOnly()) {
                builder.appendOnly(table.name());
            }
        }

        /** Translates a view; one that cannot be translated adds an "Unsupported" diagnostic. */
        public void view(AnalyzedView view, List<Diagnostic> diagnostics) {
            try {
                Node node = translateView(builder, sources, view, keepOrderColumns);
                sources.put(key(view.entry().name()), node);
                builder.output(view.entry().name(), node, view.entry().toRelation().materialized());
            } catch (UnsupportedPlanException e) {
                failed = true;
                diagnostics.add(Diagnostic.error("Unsupported", "view " + view.entry().name() + ": " + e.getMessage(),
                        ViewRanges.of(view, e.operator())));
            } catch (SqlRuntimeException e) {
                // A constant the engine rejects while building the view (e.g. LIKE ... ESCAPE 'xy'): the program's error.
                failed = true;
                diagnostics.add(Diagnostic.error("InvalidSql", "view " + view.entry().name() + ": " + e.getMessage(),
                        ViewRanges.of(view, null)));
            }
        }

        /** The circuit, or null when a view could not be translated. */
        public CircuitDefinition build() {
            return failed ? null : builder.build();
        }
    }

    private static Node translateView(CircuitBuilder builder, Map<String, Node> sources, AnalyzedView view,
                                      boolean keepOrderColumns) {
        var plan = view.plan();
        RexTranslator rex = new RexTranslator(new RexBuilder(plan.rel().getCluster().getTypeFactory()));
        Node node = new RelTranslator(builder, sources, rex, "view " + view.entry().name()).translate(plan.rel());
        List<RelDataTypeField> fields = plan.rel().getRowType().getFieldList();
        boolean identity = plan.visible().size() == fields.size();
        for (int i = 0; identity && i < plan.visible().size(); i++) {
            identity = plan.visible().get(i) == i;
        }
        if (keepOrderColumns || identity) {
            return node;
        }
        List<Expr> projection = new ArrayList<>();
        for (int column : plan.visible()) {
            projection.add(new InputRef(column, TypeMapper.map(fields.get(column).getType())));
        }
        return builder.map(node, projection);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
