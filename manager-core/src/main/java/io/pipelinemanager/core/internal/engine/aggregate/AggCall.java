package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import java.util.List;

/**
 * One aggregate call: kind, argument column indexes (empty for COUNT(*)), DISTINCT flag,
 * FILTER column index (a BOOLEAN input column, -1 for none), the result type chosen by Calcite and the
 * order of the inputs for order-sensitive aggregates ({@code STRING_AGG(x, sep ORDER BY ...)}; empty when
 * none is given).
 */
public record AggCall(AggKind kind, int[] args, boolean distinct, int filterArg, SqlType resultType,
                      List<AggOrder> order) {

    /** Validating constructor. */
    public AggCall {
        if (kind == null || args == null || resultType == null || order == null) {
            throw new IllegalArgumentException("kind, args, resultType and order are required");
        }
        int arity = kind == AggKind.STRING_AGG ? 2 : 1;
        if (kind != AggKind.COUNT && args.length != arity) {
            throw new IllegalArgumentException(kind + " takes exactly " + arity + " argument(s)");
        }
        order = List.copyOf(order);
    }

    /** A call without an input order. */
    public AggCall(AggKind kind, int[] args, boolean distinct, int filterArg, SqlType resultType) {
        this(kind, args, distinct, filterArg, resultType, List.of());
    }

    /** One key of an aggregate's input order: an input column, its direction and where NULLs go. */
    public record AggOrder(int column, boolean descending, boolean nullsFirst) {
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
        return new AggCall(kind, args, true, filterArg, resultType, order);
    }

    /** The same call with a FILTER column. */
    public AggCall withFilter(int filterColumn) {
        return new AggCall(kind, args, distinct, filterColumn, resultType, order);
    }
}
