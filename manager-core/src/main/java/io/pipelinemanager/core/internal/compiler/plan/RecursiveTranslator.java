package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RepeatUnion;
import org.apache.calcite.rel.core.Spool;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;

/**
 * Translates a recursive common table expression ({@code WITH RECURSIVE}, planned as a repeat-union) into one
 * {@code RECURSIVE} node: the seed term is translated in the enclosing circuit; the recursive term becomes a
 * nested circuit whose inputs are the recursive reference and every other relation it reads.
 *
 * <p>Only linear recursion is accepted, as in PostgreSQL: the recursive term reads the recursive relation
 * exactly once, and only through projections, filters, inner joins and UNION ALL (no aggregate, window,
 * DISTINCT, ORDER BY/LIMIT, set difference or outer join on the path to it), so that iterating on the
 * working table computes exactly what PostgreSQL computes.
 */
final class RecursiveTranslator {

    /** Iterations one step may run before the view fails with a runtime error (the step is rolled back). */
    static final int MAX_ITERATIONS = 10_000;

    private RecursiveTranslator() {
    }

    static Node translate(CircuitBuilder builder, Map<String, Node> sources, RexTranslator rex, String label,
                          RepeatUnion union, RelTranslator outer) {
        List<String> qualified = union.getTransientTable().getQualifiedName();
        String name = qualified.get(qualified.size() - 1);
        String key = name.toLowerCase(Locale.ROOT);
        RelNode seedRel = unspool(union.getSeedRel());
        RelNode stepRel = unspool(union.getIterativeRel());
        if (references(seedRel, key) > 0) {
            throw new UnsupportedPlanException("recursive query " + name
                    + ": the non-recursive term must not refer to " + name, "WITH_ITEM");
        }
        int uses = references(stepRel, key);
        if (uses == 0) {
            throw new UnsupportedPlanException("recursive query " + name + ": the recursive term does not refer to "
                    + name, "WITH_ITEM");
        }
        if (uses > 1) {
            throw new UnsupportedPlanException("recursive query " + name + ": non-linear recursion (the recursive term"
                    + " refers to " + name + " " + uses + " times; only one reference is supported)", "WITH_ITEM");
        }
        checkLinearPath(stepRel, key, name);
        Node seed = outer.translate(seedRel);

        Map<String, RelNode> otherScans = new LinkedHashMap<>();
        collectScans(stepRel, key, otherScans);
        CircuitBuilder nested = new CircuitBuilder();
        Map<String, Node> nestedSources = new HashMap<>();
        nestedSources.put(key, nested.input(name, TypeMapper.columns(union.getRowType())));
        List<Node> others = new ArrayList<>();
        List<String> otherNames = new ArrayList<>();
        for (Map.Entry<String, RelNode> e : otherScans.entrySet()) {
            Node source = sources.get(e.getKey());
            if (source == null) {
                throw new IllegalStateException("no circuit node for relation " + e.getKey());
            }
            others.add(source);
            otherNames.add(e.getKey());
            nestedSources.put(e.getKey(), nested.input(e.getKey(), TypeMapper.columns(e.getValue().getRowType())));
        }
        Node step = new RelTranslator(nested, nestedSources, rex, label + ", recursive term").translate(stepRel);
        nested.output("recursive term", step, false);
        CircuitDefinition definition = nested.build();
        return builder.recursive(seed, others, definition, name, otherNames, union.all, MAX_ITERATIONS, label);
    }

    private static RelNode unspool(RelNode rel) {
        return rel instanceof Spool spool ? unspool(spool.getInput()) : rel;
    }

    private static boolean isScanOf(RelNode rel, String key) {
        if (!(rel instanceof TableScan scan)) {
            return false;
        }
        List<String> name = scan.getTable().getQualifiedName();
        return name.get(name.size() - 1).toLowerCase(Locale.ROOT).equals(key);
    }

    private static int references(RelNode rel, String key) {
        if (isScanOf(rel, key)) {
            return 1;
        }
        int n = 0;
        for (RelNode input : rel.getInputs()) {
            n += references(input, key);
        }
        return n;
    }

    /** Every operator between the recursive term's root and the recursive reference must be linear. */
    private static void checkLinearPath(RelNode rel, String key, String name) {
        if (isScanOf(rel, key)) {
            return;
        }
        for (RelNode input : rel.getInputs()) {
            if (references(input, key) == 0) {
                continue;
            }
            String construct = nonLinear(rel);
            if (construct != null) {
                throw new UnsupportedPlanException("recursive query " + name + ": " + construct + " over the recursive"
                        + " reference to " + name + " is not supported in the recursive term", "WITH_ITEM");
            }
            checkLinearPath(input, key, name);
        }
    }

    private static String nonLinear(RelNode rel) {
        if (rel instanceof Filter || rel instanceof Project || rel instanceof Spool) {
            return null;
        }
        if (rel instanceof Join join) {
            return join.getJoinType() == JoinRelType.INNER ? null : join.getJoinType() + " join";
        }
        if (rel instanceof Union union) {
            return union.all ? null : "UNION (DISTINCT)";
        }
        String type = rel.getRelTypeName();
        if (type.contains("Aggregate")) {
            return "an aggregate (GROUP BY, DISTINCT or an aggregate function)";
        }
        if (type.contains("Window")) {
            return "a window function";
        }
        if (type.contains("Sort")) {
            return "ORDER BY, LIMIT or OFFSET";
        }
        if (type.contains("Minus")) {
            return "EXCEPT";
        }
        if (type.contains("Intersect")) {
            return "INTERSECT";
        }
        if (type.contains("Correlate")) {
            return "a correlated sub-query";
        }
        if (type.contains("Repeat")) {
            return "a nested recursive query";
        }
        return "this construct";
    }

    private static void collectScans(RelNode rel, String key, Map<String, RelNode> out) {
        if (rel instanceof TableScan scan) {
            if (!isScanOf(rel, key)) {
                List<String> name = scan.getTable().getQualifiedName();
                out.putIfAbsent(name.get(name.size() - 1).toLowerCase(Locale.ROOT), scan);
            }
            return;
        }
        for (RelNode input : rel.getInputs()) {
            collectScans(input, key, out);
        }
    }
}
