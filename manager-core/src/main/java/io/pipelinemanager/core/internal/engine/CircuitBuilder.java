package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.operator.JoinSpec;
import io.pipelinemanager.core.internal.engine.operator.SortKey;
import io.pipelinemanager.core.internal.engine.operator.TemporalFilterOp;
import io.pipelinemanager.core.internal.engine.operator.WindowCall;
import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.operator.AggregateOp;
import io.pipelinemanager.core.internal.engine.operator.AsofJoinOp;
import io.pipelinemanager.core.internal.engine.operator.ConstantOp;
import io.pipelinemanager.core.internal.engine.operator.DistinctOp;
import io.pipelinemanager.core.internal.engine.operator.FilterOp;
import io.pipelinemanager.core.internal.engine.operator.FlatMapOp;
import io.pipelinemanager.core.internal.engine.operator.IdentityOp;
import io.pipelinemanager.core.internal.engine.operator.InnerJoinOp;
import io.pipelinemanager.core.internal.engine.operator.MapOp;
import io.pipelinemanager.core.internal.engine.operator.NegateOp;
import io.pipelinemanager.core.internal.engine.operator.Operator;
import io.pipelinemanager.core.internal.engine.operator.OuterJoinOp;
import io.pipelinemanager.core.internal.engine.operator.SemiJoinOp;
import io.pipelinemanager.core.internal.engine.operator.SetOp;
import io.pipelinemanager.core.internal.engine.operator.TopKOp;
import io.pipelinemanager.core.internal.engine.operator.UnionOp;
import io.pipelinemanager.core.internal.engine.operator.WindowOp;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds a {@link CircuitDefinition}. Every method adds one node wired to existing nodes (so the
 * graph is acyclic and in topological order) and returns its {@link Node} handle. Not thread-safe;
 * single use.
 */
public final class CircuitBuilder {
    private final List<NodeDef> nodes = new ArrayList<>();
    private final Map<String, Integer> tables = new LinkedHashMap<>();
    private final Map<String, List<SqlType>> tableTypes = new LinkedHashMap<>();
    private final Map<String, TableKeys> tableKeys = new LinkedHashMap<>();
    private final Map<String, Integer> views = new LinkedHashMap<>();
    private final Map<String, Boolean> materialized = new LinkedHashMap<>();

    /** Declares an input table (names are case-sensitive; use the compiler's canonical names). */
    public Node input(String table, List<SqlType> columnTypes) {
        return input(table, columnTypes, new int[0], null);
    }

    /**
     * Declares an input table with a primary key ({@code key}: column positions, empty for a bag) and the
     * column defaults ingress applies to omitted columns ({@code defaults}: one entry per column, null for none;
     * a null array: no defaults).
     */
    public Node input(String table, List<SqlType> columnTypes, int[] key, ColumnDefault[] defaults) {
        if (tables.containsKey(table)) {
            throw new IllegalArgumentException("duplicate table " + table);
        }
        Node n = add("INPUT", new int[0], columnTypes.size(), IdentityOp::new);
        tables.put(table, n.id());
        tableTypes.put(table, List.copyOf(columnTypes));
        tableKeys.put(table, new TableKeys(columnTypes.size(), key, defaults));
        return n;
    }

    /** A constant relation (VALUES) of rows with {@code arity} columns, emitted at the first step. */
    public Node constant(int arity, ZSet rows) {
        return add("CONSTANT", new int[0], arity, () -> new ConstantOp(rows));
    }

    /** Keeps rows whose predicate evaluates to TRUE. */
    public Node filter(Node in, Expr predicate) {
        return add("FILTER", ids(in), in.arity(), () -> new FilterOp(predicate));
    }

    /**
     * A temporal filter (see {@link TemporalFilterOp}): keeps rows meeting every condition against the step's
     * clock, retracting and emitting rows as time passes.
     */
    public Node temporalFilter(Node in, List<TemporalFilterOp.Condition> conditions) {
        List<TemporalFilterOp.Condition> c = List.copyOf(conditions);
        return add("TEMPORAL_FILTER", ids(in), in.arity(), () -> new TemporalFilterOp(c));
    }

    /** Projects rows through one expression per output column. */
    public Node map(Node in, List<Expr> projections) {
        Expr[] p = projections.toArray(new Expr[0]);
        return add("MAP", ids(in), p.length, () -> new MapOp(p));
    }

    /** Maps each row to zero or more rows of {@code arity} columns ({@code function(row, emit)}); must be pure. */
    public Node flatMap(Node in, int arity, BiConsumer<Row, Consumer<Row>> function) {
        return add("FLAT_MAP", ids(in), arity, () -> new FlatMapOp(function));
    }

    /** UNION ALL of inputs with equal arity. */
    public Node unionAll(List<Node> ins) {
        requireSameArity(ins);
        return add("UNION_ALL", ids(ins.toArray(new Node[0])), ins.get(0).arity(), UnionOp::new);
    }

    /** Negation of all weights. */
    public Node negate(Node in) {
        return add("NEGATE", ids(in), in.arity(), NegateOp::new);
    }

    /** DISTINCT (also UNION = distinct(unionAll)). */
    public Node distinct(Node in) {
        return add("DISTINCT", ids(in), in.arity(), DistinctOp::new);
    }

    /** A join; output is left ++ right columns, or only left columns for SEMI/ANTI. */
    public Node join(Node left, Node right, JoinSpec spec) {
        switch (spec.type()) {
            case INNER:
                return add("JOIN", ids(left, right), left.arity() + right.arity(), () -> new InnerJoinOp(spec));
            case SEMI:
            case ANTI:
                return add(spec.type() + "_JOIN", ids(left, right), left.arity(), () -> new SemiJoinOp(spec));
            default:
                int la = left.arity();
                int ra = right.arity();
                return add(spec.type() + "_JOIN", ids(left, right), la + ra, () -> new OuterJoinOp(spec, la, ra));
        }
    }

    /**
     * ASOF join (see {@link AsofJoinOp}): output = left ++ right columns, at most one right row per left row;
     * {@code outer} keeps unmatched left rows padded with NULLs.
     */
    public Node asofJoin(Node left, Node right, int[] leftKeys, int[] rightKeys, int leftColumn, int rightColumn,
                         AsofJoinOp.Comparison comparison, boolean outer) {
        int[] lk = leftKeys.clone();
        int[] rk = rightKeys.clone();
        int ra = right.arity();
        return add(outer ? "LEFT_ASOF_JOIN" : "ASOF_JOIN", ids(left, right), left.arity() + ra,
                () -> new AsofJoinOp(lk, rk, leftColumn, rightColumn, comparison, outer, ra));
    }

    /** GROUP BY {@code groupKeys} (may be empty: global aggregate); output = keys ++ one column per call. */
    public Node aggregate(Node in, int[] groupKeys, List<AggCall> calls) {
        int[] keys = groupKeys.clone();
        AggCall[] c = calls.toArray(new AggCall[0]);
        return add("AGGREGATE", ids(in), keys.length + c.length, () -> new AggregateOp(keys, c));
    }

    /** INTERSECT (all = INTERSECT ALL) of inputs with equal arity. */
    public Node intersect(List<Node> ins, boolean all) {
        requireSameArity(ins);
        int n = ins.size();
        return add(all ? "INTERSECT_ALL" : "INTERSECT", ids(ins.toArray(new Node[0])), ins.get(0).arity(),
                () -> new SetOp(true, all, n));
    }

    /** EXCEPT (all = EXCEPT ALL): first input minus the others. */
    public Node except(List<Node> ins, boolean all) {
        requireSameArity(ins);
        int n = ins.size();
        return add(all ? "EXCEPT_ALL" : "EXCEPT", ids(ins.toArray(new Node[0])), ins.get(0).arity(),
                () -> new SetOp(false, all, n));
    }

    /** ORDER BY keys OFFSET offset FETCH fetch (fetch &lt; 0: no limit) over the integrated input. */
    public Node topK(Node in, List<SortKey> keys, long offset, long fetch) {
        List<SortKey> k = List.copyOf(keys);
        return add("TOP_K", ids(in), in.arity(), () -> new TopKOp(k, offset, fetch));
    }

    /**
     * Window functions over partitions of {@code in}: output = input columns ++ one column per call
     * (chain several operators for several OVER clauses). Touched partitions are recomputed.
     */
    public Node window(Node in, int[] partitionKeys, List<SortKey> order, List<WindowCall> calls) {
        int[] keys = partitionKeys.clone();
        List<SortKey> o = List.copyOf(order);
        List<WindowCall> c = List.copyOf(calls);
        return add("WINDOW", ids(in), in.arity() + c.size(), () -> new WindowOp(keys, o, c));
    }

    /**
     * A recursive query (see {@link RecursiveOp}): {@code seed} is the non-recursive term, {@code others} the
     * relations the recursive term reads, bound in order to {@code otherNames} of {@code recursiveTerm}, whose
     * table {@code recursiveName} is the recursive reference and whose one view is the recursive term.
     */
    public Node recursive(Node seed, List<Node> others, CircuitDefinition recursiveTerm, String recursiveName,
                          List<String> otherNames, boolean all, int maxIterations, String viewName) {
        Node[] ins = new Node[others.size() + 1];
        ins[0] = seed;
        for (int i = 0; i < others.size(); i++) {
            ins[i + 1] = others.get(i);
        }
        List<String> names = List.copyOf(otherNames);
        return add("RECURSIVE", ids(ins), seed.arity(),
                () -> new RecursiveOp(recursiveTerm, recursiveName, names, all, maxIterations, viewName));
    }

    /** Names a node for counters and error messages (e.g. "view V1, WHERE clause"). */
    public CircuitBuilder label(Node node, String label) {
        nodes.set(node.id(), nodes.get(node.id()).withLabel(label));
        return this;
    }

    /** Declares view {@code name} as the output of {@code node}; materialized views support snapshot(). */
    public void output(String name, Node node, boolean isMaterialized) {
        if (views.containsKey(name) || tables.containsKey(name)) {
            throw new IllegalArgumentException("duplicate output name " + name);
        }
        Node n = add("OUTPUT", ids(node), node.arity(), IdentityOp::new);
        label(n, name);
        views.put(name, n.id());
        materialized.put(name, isMaterialized);
    }

    /** The immutable definition; the builder must not be used afterwards. */
    public CircuitDefinition build() {
        return new CircuitDefinition(nodes, tables, tableTypes, tableKeys, views, materialized);
    }

    private Node add(String kind, int[] inputs, int arity, Supplier<Operator> factory) {
        for (int i : inputs) {
            if (i < 0 || i >= nodes.size()) {
                throw new IllegalArgumentException("unknown input node " + i);
            }
        }
        int id = nodes.size();
        nodes.add(new NodeDef(id, kind, null, inputs, arity, factory, Set.of()));
        return new Node(id, arity);
    }

    private static int[] ids(Node... ns) {
        int[] out = new int[ns.length];
        for (int i = 0; i < ns.length; i++) {
            out[i] = ns[i].id();
        }
        return out;
    }

    private static void requireSameArity(List<Node> ins) {
        if (ins.isEmpty()) {
            throw new IllegalArgumentException("at least one input is required");
        }
        for (Node n : ins) {
            if (n.arity() != ins.get(0).arity()) {
                throw new IllegalArgumentException("inputs have different arities");
            }
        }
    }
}
