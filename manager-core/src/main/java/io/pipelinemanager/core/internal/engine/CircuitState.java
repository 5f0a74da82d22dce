package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.operator.OperatorState;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The complete state of a {@link Circuit} between two steps, as {@link Circuit#captureState()} captures it:
 * the step count, every node's logical {@link OperatorState} with its total counters, and the integrated
 * contents of every table and materialized view. Immutable: it shares the circuit's immutable rows and
 * frozen snapshots of its traces, and does not change when the circuit keeps stepping, so it can be encoded
 * ({@code CircuitStateCodec}) on another thread. {@link CircuitDefinition#instantiate(CircuitState)} turns it
 * back into a circuit that continues exactly where the captured one was.
 *
 * @param steps     successful steps of the captured circuit (steps survive a restart)
 * @param nodes     one entry per node of the definition, in node order
 * @param snapshots integrated contents of every table and materialized view, by name
 */
public record CircuitState(long steps, List<NodeState> nodes, Map<String, ZSetView> snapshots) {

    /** Validating constructor; copies the collections. */
    public CircuitState {
        if (steps < 0) {
            throw new IllegalArgumentException("negative step count " + steps);
        }
        nodes = List.copyOf(nodes);
        snapshots = Collections.unmodifiableMap(new LinkedHashMap<>(snapshots));
    }

    /**
     * The state of one node.
     *
     * @param kind          the node's kind in the definition ({@code JOIN}, {@code AGGREGATE}, ...), checked on restore
     * @param state         its operator's logical state
     * @param totalRowsIn   its total input rows over all steps
     * @param totalRowsOut  its total output rows
     * @param totalWork     its total work
     */
    public record NodeState(String kind, OperatorState state, long totalRowsIn, long totalRowsOut, long totalWork) {
        /** Validating constructor. */
        public NodeState {
            if (kind == null || state == null) {
                throw new IllegalArgumentException("a node state needs a kind and a state");
            }
        }
    }
}
