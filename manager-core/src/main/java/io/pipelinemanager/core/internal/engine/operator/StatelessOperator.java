package io.pipelinemanager.core.internal.engine.operator;

/**
 * An operator that holds no state between steps (its output depends only on the current input deltas):
 * a checkpoint captures nothing for it. Only for operators whose fields are all final configuration;
 * {@code OperatorStateCoverageTest} fails for an implementation with mutable or collection fields.
 */
public interface StatelessOperator extends Operator {
    @Override
    default OperatorState captureState() {
        return OperatorState.STATELESS;
    }

    @Override
    default void restoreState(OperatorState state) {
        state.expect(getClass().getSimpleName(), 0);
    }
}
