package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.type.SqlType;

/**
 * One aggregate call: kind, argument column indexes (empty for COUNT(*)), DISTINCT flag,
 * FILTER column index (a BOOLEAN input column, -1 for none) and the result type chosen by Calcite.
 */
public record AggCall(AggKind kind, int[] args, boolean distinct, int filterArg, SqlType resultType) {

    /** Validating constructor. */
    public AggCall {
        if (kind == null || args == null || resultType == null) {
            throw new IllegalArgumentException("kind, args and resultType are required");
        }
        if (kind != AggKind.COUNT && args.length != 1) {
            throw new IllegalArgumentException(kind + " takes exactly one argument");
        }
    }

    /** COUNT(*). */
    public static AggCall countStar() {
        return new AggCall(AggKind.COUNT, new int[0], false, -1, SqlType.bigint());
    }

    /** A plain call of {@code kind} on column {@code arg}. */
    public static AggCall of(AggKind kind, int arg, SqlType resultType) {
        return new AggCall(kind, new int[] {arg}, false, -1, resultType);
    }

    /** The same call with DISTINCT. */
    public AggCall withDistinct() {
        return new AggCall(kind, args, true, filterArg, resultType);
    }

    /** The same call with a FILTER column. */
    public AggCall withFilter(int filterColumn) {
        return new AggCall(kind, args, distinct, filterColumn, resultType);
    }
}
