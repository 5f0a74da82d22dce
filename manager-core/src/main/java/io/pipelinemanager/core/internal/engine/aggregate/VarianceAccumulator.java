package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.expr.Arith;
import io.pipelinemanager.core.internal.engine.expr.Casts;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.TreeMap;

/**
 * VAR_POP, VAR_SAMP, STDDEV_POP and STDDEV_SAMP as PostgreSQL computes them. The state is exact and
 * retractable: the count, the sum and the sum of squares as BigDecimal, and how many values of each scale
 * are present (PostgreSQL's result scale depends on the largest scale of the current inputs).
 *
 * <p>For exact inputs the result is PostgreSQL's {@code numeric}: {@code (N·Σx² − (Σx)²) / (N·(N−1))}
 * (or {@code N·N} for the population forms) divided with PostgreSQL's result scale ({@link
 * Arith#divideUnconstrained}), 0 when the numerator is not positive, the square root rounded to the same
 * scale. For REAL/DOUBLE inputs the same exact formula is rounded to a double (PostgreSQL uses a
 * floating-point algorithm; the two agree to about 15 significant digits). NULL for no input, and for one
 * input in the sample forms.
 */
final class VarianceAccumulator implements Accumulator {
    private final int arg;
    private final int filter;
    private final boolean sample;
    private final boolean sqrt;
    private final SqlType resultType;
    private long count;
    private BigDecimal sum = BigDecimal.ZERO;
    private BigDecimal sumSquares = BigDecimal.ZERO;
    private final TreeMap<Integer, long[]> scales = new TreeMap<>();
    private long nonFinite;

    VarianceAccumulator(AggKind kind, int arg, int filter, SqlType resultType) {
        this.arg = arg;
        this.filter = filter;
        this.sample = kind == AggKind.VAR_SAMP || kind == AggKind.STDDEV_SAMP;
        this.sqrt = kind == AggKind.STDDEV_POP || kind == AggKind.STDDEV_SAMP;
        this.resultType = resultType;
    }

    @Override
    public void add(Row row, long weight) {
        Object v = row.get(arg);
        if (v == null || !Accumulators.passes(row, filter)) {
            return;
        }
        count += weight;
        if (v instanceof Double d && !Double.isFinite(d)) {
            nonFinite += weight;
            return;
        }
        BigDecimal x = v instanceof Double d ? new BigDecimal(d) : Values.toBigDecimal(v);
        BigDecimal w = BigDecimal.valueOf(weight);
        sum = sum.add(x.multiply(w));
        sumSquares = sumSquares.add(x.multiply(x).multiply(w));
        int scale = Math.max(x.scale(), 0);
        long[] cell = scales.computeIfAbsent(scale, s -> new long[1]);
        if ((cell[0] += weight) == 0) {
            scales.remove(scale);
        }
    }

    /**
     * State: [count, exact sum, exact sum of squares, count of values per scale (a Z-set of one-column rows),
     * non-finite inputs].
     */
    @Override
    public List<Object> captureState() {
        ZSetBuilder b = new ZSetBuilder(scales.size());
        scales.forEach((scale, cell) -> b.add(new ArrayRow(new Object[] {(long) scale}), cell[0]));
        return Accumulators.parts(count, sum, sumSquares, b.build(), nonFinite);
    }

    @Override
    public void restoreState(List<?> state) {
        count = Accumulators.part(state, 5, 0, Long.class);
        sum = Accumulators.part(state, 5, 1, BigDecimal.class);
        sumSquares = Accumulators.part(state, 5, 2, BigDecimal.class);
        scales.clear();
        Accumulators.part(state, 5, 3, ZSetView.class).forEach((r, w) ->
                scales.put(Math.toIntExact((Long) r.get(0)), new long[] {w}));
        nonFinite = Accumulators.part(state, 5, 4, Long.class);
    }

    @Override
    public Object result() {
        if (count == 0 || (sample && count == 1)) {
            return null;
        }
        if (nonFinite != 0) {
            return Double.NaN;
        }
        BigDecimal n = BigDecimal.valueOf(count);
        BigDecimal denominator = sample ? n.multiply(BigDecimal.valueOf(count - 1)) : n.multiply(n);
        if (resultType.kind().isApproximate()) {
            BigDecimal numerator = n.multiply(sumSquares).subtract(sum.multiply(sum));
            double variance = numerator.signum() <= 0 ? 0.0
                    : numerator.divide(denominator, MathContext.DECIMAL128).doubleValue();
            return Casts.exactTo(BigDecimal.valueOf(sqrt ? Math.sqrt(variance) : variance), resultType);
        }
        int scale = scales.isEmpty() ? 0 : scales.lastKey();
        BigDecimal s = sum.setScale(scale, RoundingMode.UNNECESSARY);
        BigDecimal numerator = n.multiply(sumSquares.setScale(2 * scale, RoundingMode.UNNECESSARY))
                .subtract(s.multiply(s));
        if (numerator.signum() <= 0) {
            return Casts.exactTo(BigDecimal.ZERO, resultType);
        }
        BigDecimal variance = Arith.divideUnconstrained(numerator, denominator);
        if (!sqrt) {
            return Casts.exactTo(variance, resultType);
        }
        int rscale = variance.scale();
        MathContext mc = new MathContext(Math.max(variance.precision(), 1) + rscale + 10);
        return Casts.exactTo(variance.sqrt(mc).setScale(rscale, RoundingMode.HALF_UP), resultType);
    }

    @Override
    public int stateSize() {
        return 1 + scales.size();
    }
}
