package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.IntegratedZSet;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * INTERSECT / EXCEPT, set or ALL, over n inputs. Keeps each input integrated; for every row touched
 * in a step it recomputes the output weight (INTERSECT ALL: min of the weights, EXCEPT ALL:
 * max(0, w0 − the others), set variants: 1 or 0) and emits the difference.
 */
public final class SetOp implements Operator {
    private final boolean intersect;
    private final boolean all;
    private final IntegratedZSet[] integrated;

    /** A set operation over {@code inputs} inputs. */
    public SetOp(boolean intersect, boolean all, int inputs) {
        this.intersect = intersect;
        this.all = all;
        this.integrated = new IntegratedZSet[inputs];
        for (int i = 0; i < inputs; i++) {
            integrated[i] = new IntegratedZSet();
        }
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        Map<Row, long[]> touched = new LinkedHashMap<>();
        for (ZSet in : inputs) {
            for (int i = 0; i < in.size(); i++) {
                touched.computeIfAbsent(in.row(i), r -> new long[] {outputWeight(r)});
            }
        }
        for (int j = 0; j < inputs.length; j++) {
            ZSet in = inputs[j];
            for (int i = 0; i < in.size(); i++) {
                integrated[j].add(in.row(i), in.weightAt(i), work.undo());
                work.inc();
            }
        }
        ZSetBuilder out = new ZSetBuilder(touched.size());
        for (Map.Entry<Row, long[]> e : touched.entrySet()) {
            out.add(e.getKey(), outputWeight(e.getKey()) - e.getValue()[0]);
            work.inc();
        }
        return out.build();
    }

    private long outputWeight(Row r) {
        long w = Math.max(0, integrated[0].weight(r));
        for (int j = 1; j < integrated.length; j++) {
            long o = Math.max(0, integrated[j].weight(r));
            w = intersect ? Math.min(w, o) : w - o;
        }
        w = Math.max(0, w);
        if (!all) {
            if (intersect) {
                return w > 0 ? 1 : 0;
            }
            boolean inOthers = false;
            for (int j = 1; j < integrated.length; j++) {
                inOthers |= integrated[j].weight(r) > 0;
            }
            return integrated[0].weight(r) > 0 && !inOthers ? 1 : 0;
        }
        return w;
    }

    /** State: [the integrated contents of each input, in input order]. */
    @Override
    public OperatorState captureState() {
        Object[] parts = new Object[integrated.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = integrated[i].snapshot();
        }
        return OperatorState.of(parts);
    }

    @Override
    public void restoreState(OperatorState state) {
        state.expect(intersect ? "INTERSECT" : "EXCEPT", integrated.length);
        for (int i = 0; i < integrated.length; i++) {
            integrated[i].addAll(state.zset(i), 1);
        }
    }

    @Override
    public long stateSize() {
        long s = 0;
        for (IntegratedZSet b : integrated) {
            s += b.size();
        }
        return s;
    }
}
