package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.ZSet;

/**
 * A runtime operator: maps the input deltas of one step to its output delta. Every operator takes part in
 * checkpoints: {@link #captureState} and {@link #restoreState} have no default here, so an operator that
 * holds state cannot forget them; an operator that really holds none implements {@link StatelessOperator}
 * instead (a test checks that such classes have no mutable fields).
 */
public interface Operator {
    /**
     * The heap one entry of {@link #stateSize} is assumed to take (a map entry, a row object and a few boxed
     * values): a rough average for {@code estimated_state_bytes}.
     */
    long ESTIMATED_BYTES_PER_ENTRY = 128;

    /** Processes one step; {@code inputs} are consolidated deltas, one per upstream node. */
    ZSet step(ZSet[] inputs, Work work);

    /** Entries currently held in traces and per-group state. */
    default long stateSize() {
        return 0;
    }

    /**
     * The operator's complete logical state between steps (see {@link OperatorState}). Called on the step
     * thread while ingress waits, so it must be cheap: share immutable rows and frozen snapshots, copy only
     * references and small values, never encode. The result must not change when the operator keeps stepping.
     */
    OperatorState captureState();

    /**
     * Loads a state {@link #captureState} of an operator with the same definition returned, into this fresh
     * operator (before its first step); afterwards it behaves exactly like the captured one.
     *
     * @throws IllegalArgumentException when the state does not have this operator's layout
     */
    void restoreState(OperatorState state);
}
