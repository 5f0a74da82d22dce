package io.pipelinemanager.core.internal.engine.aggregate;

/** Creates the accumulator for an {@link AggCall}. */
public final class Accumulators {
    private Accumulators() {
    }

    /** A fresh, empty accumulator for {@code call}. */
    public static Accumulator create(AggCall call) {
        if (call.distinct() && call.kind() != AggKind.MIN && call.kind() != AggKind.MAX
                && call.kind() != AggKind.SINGLE_VALUE) {
            return new DistinctAccumulator(call.args(), call.filterArg(), plain(call, -1));
        }
        return plain(call, call.filterArg());
    }

    private static Accumulator plain(AggCall call, int filter) {
        int arg = call.args().length > 0 ? call.args()[0] : -1;
        switch (call.kind()) {
            case COUNT:
                return new CountAccumulator(call.args(), filter);
            case SUM:
            case SUM0:
            case AVG:
                return new SumAccumulator(call.kind(), arg, filter, call.resultType());
            case MIN:
            case ANY_VALUE:
                return new MinMaxAccumulator(arg, filter, false);
            case MAX:
                return new MinMaxAccumulator(arg, filter, true);
            case SINGLE_VALUE:
                return new SingleValueAccumulator(arg, filter);
            case VAR_POP:
            case VAR_SAMP:
            case STDDEV_POP:
            case STDDEV_SAMP:
                return new VarianceAccumulator(call.kind(), arg, filter, call.resultType());
            case STRING_AGG:
                return new StringAggAccumulator(call.args()[0], call.args()[1], filter, call.order());
            case ARRAY_AGG:
                return new ArrayAggAccumulator(call.args()[0], filter, call.order());
            case BOOL_AND:
                return new BoolAccumulator(arg, filter, true);
            case BOOL_OR:
                return new BoolAccumulator(arg, filter, false);
            default:
                throw new IllegalArgumentException("unsupported aggregate " + call.kind());
        }
    }

    /** An immutable list of state parts (NULL allowed). */
    static java.util.List<Object> parts(Object... parts) {
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(parts));
    }

    /** Part {@code i} of an accumulator state, checked to be of {@code type}. */
    static <T> T part(java.util.List<?> state, int n, int i, Class<T> type) {
        if (state.size() != n) {
            throw new IllegalArgumentException("accumulator state has " + state.size() + " parts, expected " + n);
        }
        Object p = state.get(i);
        if (!type.isInstance(p)) {
            throw new IllegalArgumentException("accumulator state part " + i + " is not a " + type.getSimpleName());
        }
        return type.cast(p);
    }

    /** True when the FILTER column (if any) of {@code row} is TRUE. */
    static boolean passes(io.pipelinemanager.core.internal.engine.zset.Row row, int filter) {
        return filter < 0 || row.get(filter) == Boolean.TRUE;
    }
}
