package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.aggregate.AggKind;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.IntegratedZSet;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One incremental step of the engine's hot operators, on state of {@code rows} rows: every invocation applies a
 * delta of {@code delta} rows, half inserts of new rows and half deletes of held rows; the next invocation
 * applies the opposite delta, so the state size stays constant for any number of invocations. Steps are not
 * recorded (no undo log). Times are per step.
 * <ul>
 *   <li>{@link #traceMerge}: a delta merged into an integrated trace (a table or materialized view);</li>
 *   <li>{@link #joinStep}: an equi-join {@code T(id, k, v) JOIN D(k, name)} with 20 T rows per key, a T delta
 *       and a D delta of {@code delta / 100} rows (each matching 20 T rows);</li>
 *   <li>{@link #aggregateStep}: {@code SELECT g, COUNT(*), SUM(v), MIN(v), MAX(v) FROM T GROUP BY g} over 1 000
 *       groups: the deletes retract rows, MIN and MAX of a group losing its extreme are recomputed.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineStepBenchmark {
    private static final SqlType BIGINT = SqlType.bigint();
    private static final int GROUPS = 1_000;
    private static final int ROWS_PER_KEY = 20;

    @Param("200000")
    public int rows;

    @Param("1000")
    public int delta;

    private IntegratedZSet trace;
    private InnerJoinOp join;
    private AggregateOp aggregate;
    private ZSet[] tDelta;
    private ZSet[] dDelta;
    private ZSet[] groupedDelta;
    private int flip;

    /** Row {@code id} of T: (id, k = id mod keys, v). */
    private Row t(long id) {
        long keys = rows / ROWS_PER_KEY;
        return new ArrayRow(new Object[] {id, id % keys, (id * 7919) % 100_003});
    }

    /** Row of D for key {@code k}, version {@code version}. */
    private static Row d(long k, int version) {
        return new ArrayRow(new Object[] {k, "name-" + k + "-" + version});
    }

    @Setup
    public void setup() {
        ZSetBuilder all = new ZSetBuilder(rows);
        for (long id = 0; id < rows; id++) {
            all.add(t(id), 1);
        }
        ZSet contents = all.build();
        ZSetBuilder forward = new ZSetBuilder(delta);
        for (long i = 0; i < delta / 2; i++) {
            forward.add(t(rows + i), 1);
            forward.add(t(i * (rows / (delta / 2))), -1);
        }
        ZSet f = forward.build();
        tDelta = new ZSet[] {f, f.negate()};
        int keys = rows / ROWS_PER_KEY;
        ZSetBuilder dims = new ZSetBuilder(keys);
        for (long k = 0; k < keys; k++) {
            dims.add(d(k, 0), 1);
        }
        ZSetBuilder dForward = new ZSetBuilder();
        for (long i = 0; i < Math.max(1, delta / 100); i++) {
            long k = (i * 37) % keys;
            dForward.add(d(k, 0), -1);
            dForward.add(d(k, 1), 1);
        }
        ZSet df = dForward.build();
        dDelta = new ZSet[] {df, df.negate()};

        trace = new IntegratedZSet();
        trace.addAll(contents, 1);
        join = new InnerJoinOp(JoinSpec.equi(JoinType.INNER, new int[] {1}, new int[] {0}));
        join.step(new ZSet[] {contents, dims.build()}, new Work());
        aggregate = new AggregateOp(new int[] {1}, new AggCall[] {
            AggCall.countStar(), AggCall.of(AggKind.SUM, 2, BIGINT), AggCall.of(AggKind.MIN, 2, BIGINT),
            AggCall.of(AggKind.MAX, 2, BIGINT)});
        aggregate.step(new ZSet[] {regroup(contents)}, new Work());
        groupedDelta = new ZSet[] {regroup(tDelta[0]), regroup(tDelta[1])};
    }

    /** T with its key column folded onto {@link #GROUPS} groups, for the aggregate. */
    private static ZSet regroup(ZSet z) {
        ZSetBuilder b = new ZSetBuilder(z.size());
        z.forEach((r, w) -> b.add(new ArrayRow(new Object[] {r.get(0), ((Long) r.get(1)) % GROUPS, r.get(2)}), w));
        return b.build();
    }

    private int next() {
        int i = flip;
        flip ^= 1;
        return i;
    }

    @Benchmark
    public IntegratedZSet traceMerge() {
        return trace.addAll(tDelta[next()], 1);
    }

    @Benchmark
    public ZSet joinStep() {
        int i = next();
        return join.step(new ZSet[] {tDelta[i], dDelta[i]}, new Work());
    }

    @Benchmark
    public ZSet aggregateStep() {
        return aggregate.step(new ZSet[] {groupedDelta[next()]}, new Work());
    }
}
