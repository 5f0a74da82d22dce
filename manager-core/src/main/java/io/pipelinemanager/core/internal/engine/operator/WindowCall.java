package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.aggregate.AggCall;

/**
 * One window function of a window operator: a ranking function (ROW_NUMBER, RANK, DENSE_RANK,
 * result BIGINT), an aggregate ({@link AggCall} evaluated over {@code frame}), LAG/LEAD (value of
 * column {@code arg} {@code offset} rows before/after, else column {@code defaultArg} of the current
 * row or NULL when it is -1) or FIRST_VALUE/LAST_VALUE (column {@code arg} at the frame's ends).
 */
public record WindowCall(Kind kind, AggCall aggregate, WindowFrame frame, int arg, long offset, int defaultArg) {

    /** Window function kinds. */
    public enum Kind {
        ROW_NUMBER, RANK, DENSE_RANK, AGGREGATE, LAG, LEAD, FIRST_VALUE, LAST_VALUE
    }

    /** Validating constructor. */
    public WindowCall {
        if (kind == Kind.AGGREGATE && (aggregate == null || frame == null)) {
            throw new IllegalArgumentException("an aggregate window call needs an AggCall and a frame");
        }
        if ((kind == Kind.FIRST_VALUE || kind == Kind.LAST_VALUE) && frame == null) {
            throw new IllegalArgumentException(kind + " needs a frame");
        }
        if (aggregate != null && aggregate.distinct()) {
            throw new IllegalArgumentException("DISTINCT window aggregates are not supported");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("negative LAG/LEAD offset");
        }
    }

    /** A ranking function. */
    public static WindowCall ranking(Kind kind) {
        return new WindowCall(kind, null, null, -1, 0, -1);
    }

    /** An aggregate over a frame. */
    public static WindowCall aggregate(AggCall call, WindowFrame frame) {
        return new WindowCall(Kind.AGGREGATE, call, frame, -1, 0, -1);
    }

    /** LAG or LEAD of column {@code arg} by {@code offset} rows, defaulting to column {@code defaultArg} (-1: NULL). */
    public static WindowCall lagLead(Kind kind, int arg, long offset, int defaultArg) {
        return new WindowCall(kind, null, null, arg, offset, defaultArg);
    }

    /** FIRST_VALUE or LAST_VALUE of column {@code arg} over {@code frame}. */
    public static WindowCall boundaryValue(Kind kind, int arg, WindowFrame frame) {
        return new WindowCall(kind, null, frame, arg, 0, -1);
    }
}
