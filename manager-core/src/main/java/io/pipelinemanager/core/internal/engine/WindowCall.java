package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.aggregate.AggCall;

/**
 * One window function of a window operator: a ranking function (ROW_NUMBER, RANK, DENSE_RANK,
 * result BIGINT) or an aggregate ({@link AggCall} evaluated over {@code frame}).
 */
public record WindowCall(Kind kind, AggCall aggregate, WindowFrame frame) {

    /** Window function kinds. */
    public enum Kind {
        ROW_NUMBER, RANK, DENSE_RANK, AGGREGATE
    }

    /** Validating constructor. */
    public WindowCall {
        if (kind == Kind.AGGREGATE && (aggregate == null || frame == null)) {
            throw new IllegalArgumentException("an aggregate window call needs an AggCall and a frame");
        }
        if (aggregate != null && aggregate.distinct()) {
            throw new IllegalArgumentException("DISTINCT window aggregates are not supported");
        }
    }

    /** A ranking function. */
    public static WindowCall ranking(Kind kind) {
        return new WindowCall(kind, null, null);
    }

    /** An aggregate over a frame. */
    public static WindowCall aggregate(AggCall call, WindowFrame frame) {
        return new WindowCall(Kind.AGGREGATE, call, frame);
    }
}
