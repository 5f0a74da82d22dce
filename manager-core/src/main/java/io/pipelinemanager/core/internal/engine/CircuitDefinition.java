package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.operator.Lateness;
import io.pipelinemanager.core.internal.engine.operator.StepBudget;
import io.pipelinemanager.core.internal.engine.operator.StepBudgetExceededException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable, thread-safe circuit definition produced by {@link CircuitBuilder}; call
 * {@link #instantiate()} for each independent runtime {@link Circuit} (cheap: no plan work).
 */
public final class CircuitDefinition {
    private final List<NodeDef> nodes;
    private final Map<String, Integer> tables;
    private final Map<String, List<SqlType>> tableTypes;
    private final Map<String, TableKeys> tableKeys;
    private final Map<String, Integer> views;
    private final Map<String, Boolean> materialized;
    private final Map<String, Lateness> lateness;
    private final Set<String> appendOnly;

    CircuitDefinition(List<NodeDef> nodes, Map<String, Integer> tables, Map<String, List<SqlType>> tableTypes,
                      Map<String, TableKeys> tableKeys, Map<String, Integer> views, Map<String, Boolean> materialized,
                      Map<String, Lateness> lateness, Set<String> appendOnly) {
        this.lateness = Map.copyOf(lateness);
        this.appendOnly = Set.copyOf(appendOnly);
        this.nodes = List.copyOf(withViews(nodes, views));
        this.tables = Map.copyOf(tables);
        this.tableTypes = Map.copyOf(tableTypes);
        this.tableKeys = Map.copyOf(tableKeys);
        this.views = Map.copyOf(views);
        this.materialized = Map.copyOf(materialized);
    }

    /** Annotates every node with the views it (transitively) feeds. */
    private static List<NodeDef> withViews(List<NodeDef> nodes, Map<String, Integer> views) {
        List<Set<String>> feeds = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            feeds.add(new TreeSet<>());
        }
        views.forEach((name, id) -> feeds.get(id).add(name));
        for (int i = nodes.size() - 1; i >= 0; i--) {
            for (int in : nodes.get(i).inputs()) {
                feeds.get(in).addAll(feeds.get(i));
            }
        }
        List<NodeDef> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            out.add(nodes.get(i).withViews(Collections.unmodifiableSet(feeds.get(i))));
        }
        return out;
    }

    /**
     * A fresh runtime instance with empty tables, its views already holding what SQL gives over empty tables
     * (e.g. {@code (0, NULL)} for {@code SELECT COUNT(*), SUM(x) FROM t}; see {@link Circuit#initialize()}).
     * When an operator fails on that empty input the instance comes back poisoned, its failure in
     * {@link Circuit#initFailure()}.
     */
    public Circuit instantiate() {
        return instantiate(Clock.systemUTC());
    }

    /** Like {@link #instantiate()}, with the circuit reading {@code NOW()} from {@code clock} (see {@link Circuit#clock}). */
    public Circuit instantiate(Clock clock) {
        Circuit c = new Circuit(this);
        c.clock(clock);
        c.initialize();
        return c;
    }

    /** True when a view depends on the clock ({@code NOW()} in a temporal filter): time passing changes it. */
    public boolean usesClock() {
        return nodes.stream().anyMatch(n -> n.kind().equals("TEMPORAL_FILTER"));
    }

    /**
     * A runtime instance that continues exactly where the circuit that captured {@code state} was (see
     * {@link Circuit#captureState()}): same operator state, snapshots, step count and total counters.
     *
     * @throws IllegalArgumentException when the state does not match this definition (other nodes, other
     *         tables or views, an operator state of another layout)
     */
    public Circuit instantiate(CircuitState state) {
        return new Circuit(this, state);
    }

    /**
     * Checks that {@code state} has this definition's shape: the same nodes (count and kinds) and snapshots of
     * exactly its tables and materialized views. {@link #instantiate(CircuitState)} checks this too, and
     * then each operator checks its own state's layout.
     *
     * @throws IllegalArgumentException describing the first difference
     */
    public void checkShape(CircuitState state) {
        if (state.nodes().size() != nodes.size()) {
            throw new IllegalArgumentException("the state has " + state.nodes().size() + " nodes, the program "
                    + nodes.size());
        }
        for (int i = 0; i < nodes.size(); i++) {
            String kind = state.nodes().get(i).kind();
            if (!kind.equals(nodes.get(i).kind())) {
                throw new IllegalArgumentException("node " + i + " is " + nodes.get(i).kind() + " in the program but "
                        + kind + " in the state");
            }
        }
        Set<String> expected = new TreeSet<>(tables.keySet());
        expected.removeAll(appendOnly); // keep no rows
        views.keySet().stream().filter(this::isMaterialized).forEach(expected::add);
        if (!expected.equals(new TreeSet<>(state.snapshots().keySet()))) {
            throw new IllegalArgumentException("the state has snapshots of " + new TreeSet<>(state.snapshots().keySet())
                    + ", the program's tables (not append-only) and materialized views are " + expected);
        }
    }

    /**
     * Evaluates the circuit once over {@code inputs} (table name → contents; absent tables are empty) on a
     * fresh instance that keeps no snapshots, charging what its operators build to {@code budget}. Returns
     * every view's contents.
     *
     * @throws StepBudgetExceededException when the evaluation would build more than the budget
     * @throws CircuitStepException when an operator fails (overflow, division by zero, ...)
     */
    public Map<String, ZSet> evaluate(Map<String, ZSet> inputs, StepBudget budget) {
        return evaluate(inputs, budget, Clock.systemUTC());
    }

    /** Like {@link #evaluate(Map, StepBudget)}, with {@code NOW()} read from {@code clock} (a snapshot query's time). */
    public Map<String, ZSet> evaluate(Map<String, ZSet> inputs, StepBudget budget, Clock clock) {
        Circuit c = new Circuit(this, false);
        c.clock(clock);
        return c.step(inputs, budget);
    }

    /** Names of the input tables. */
    public Set<String> tableNames() {
        return tables.keySet();
    }

    /** Column types of a table. */
    public List<SqlType> tableTypes(String table) {
        return tableTypes.get(table);
    }

    /** The primary key of a table: its column positions in key order, empty for a table without a key (a bag). */
    public int[] tableKey(String table) {
        return keys(table).key();
    }

    /** The declared DEFAULT of each column of a table (null where none: an omitted column is NULL). */
    public ColumnDefault[] tableDefaults(String table) {
        return keys(table).defaults();
    }

    /** The {@code LATENESS} of a table's column, null for a table without one. */
    public Lateness tableLateness(String table) {
        keys(table);
        return lateness.get(table);
    }

    /** Whether a table is append-only: inserts only, its rows not kept ({@code WITH ('append_only' = 'true')}). */
    public boolean tableAppendOnly(String table) {
        keys(table);
        return appendOnly.contains(table);
    }

    TableKeys keys(String table) {
        TableKeys k = tableKeys.get(table);
        if (k == null) {
            throw new IllegalArgumentException("unknown table " + table);
        }
        return k;
    }

    /** Names of the output views. */
    public Set<String> viewNames() {
        return views.keySet();
    }

    /** True when the view was declared materialized. */
    public boolean isMaterialized(String view) {
        return Boolean.TRUE.equals(materialized.get(view));
    }

    List<NodeDef> nodes() {
        return nodes;
    }

    Map<String, Integer> tables() {
        return tables;
    }

    Map<String, Integer> views() {
        return views;
    }
}
