package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.expr.Arith;
import io.pipelinemanager.core.internal.engine.expr.Casts;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * SUM, $SUM0 and AVG. The running sum is exact (long, widening to BigDecimal on overflow; doubles
 * are summed exactly as BigDecimal), so results do not depend on the order of updates; only the
 * final value is converted to the result type, with an overflow check.
 */
final class SumAccumulator implements Accumulator {
    private final AggKind kind;
    private final int arg;
    private final int filter;
    private final SqlType resultType;
    private long count;
    private long longSum;
    private BigDecimal exactSum = BigDecimal.ZERO;
    private long nan;
    private long posInf;
    private long negInf;

    SumAccumulator(AggKind kind, int arg, int filter, SqlType resultType) {
        this.kind = kind;
        this.arg = arg;
        this.filter = filter;
        this.resultType = resultType;
    }

    @Override
    public void add(Row row, long weight) {
        Object v = row.get(arg);
        if (v == null || !Accumulators.passes(row, filter)) {
            return;
        }
        count += weight;
        if (v instanceof Long) {
            addLong((Long) v, weight);
        } else if (v instanceof Double && !Double.isFinite((Double) v)) {
            double d = (Double) v;
            if (Double.isNaN(d)) {
                nan += weight;
            } else if (d > 0) {
                posInf += weight;
            } else {
                negInf += weight;
            }
        } else {
            BigDecimal d = v instanceof Double ? new BigDecimal((Double) v) : Values.toBigDecimal(v);
            exactSum = exactSum.add(d.multiply(BigDecimal.valueOf(weight)));
        }
    }

    private void addLong(long v, long weight) {
        long hi = Math.multiplyHigh(v, weight);
        long lo = v * weight;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            long s = longSum + lo;
            if (((longSum ^ s) & (lo ^ s)) >= 0) {
                longSum = s;
                return;
            }
        }
        exactSum = exactSum.add(BigDecimal.valueOf(v).multiply(BigDecimal.valueOf(weight)));
    }

    /** State: [non-NULL inputs, exact sum of the finite inputs, NaN inputs, +Infinity inputs, -Infinity inputs]. */
    @Override
    public List<Object> captureState() {
        return Accumulators.parts(count, exactSum.add(BigDecimal.valueOf(longSum)), nan, posInf, negInf);
    }

    @Override
    public void restoreState(List<?> state) {
        count = Accumulators.part(state, 5, 0, Long.class);
        exactSum = Accumulators.part(state, 5, 1, BigDecimal.class);
        longSum = 0;
        nan = Accumulators.part(state, 5, 2, Long.class);
        posInf = Accumulators.part(state, 5, 3, Long.class);
        negInf = Accumulators.part(state, 5, 4, Long.class);
    }

    @Override
    public Object result() {
        if (count == 0) {
            return kind == AggKind.SUM0 ? Casts.exactTo(BigDecimal.ZERO, resultType) : null;
        }
        if (nan > 0 || posInf > 0 || negInf > 0) {
            return nan > 0 || (posInf > 0 && negInf > 0) ? Double.NaN
                    : posInf > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        if (kind != AggKind.AVG && exactSum.signum() == 0 && resultType.kind().isInteger()) {
            // The sum fits a long: no BigDecimal to build (same range check and error as exactTo).
            return Casts.checkRange(longSum, resultType);
        }
        BigDecimal total = exactSum.add(BigDecimal.valueOf(longSum));
        if (kind != AggKind.AVG) {
            return Casts.exactTo(total, resultType);
        }
        BigDecimal n = BigDecimal.valueOf(count);
        TypeKind k = resultType.kind();
        if (k.isInteger()) {
            return Casts.exactTo(total.divide(n, 0, RoundingMode.DOWN), resultType);
        }
        if (k == TypeKind.DECIMAL) {
            // The unconstrained DECIMAL divides as PostgreSQL's numeric does.
            return Casts.exactTo(resultType.precision() > 0 ? total.divide(n, resultType.scale(), RoundingMode.HALF_UP)
                    : Arith.divideUnconstrained(total, n), resultType);
        }
        return Casts.exactTo(total.divide(n, MathContext.DECIMAL128), resultType);
    }
}
