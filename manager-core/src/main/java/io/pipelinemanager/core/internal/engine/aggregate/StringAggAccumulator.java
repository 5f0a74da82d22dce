package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.expr.Texts;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * PostgreSQL's STRING_AGG(value, separator [ORDER BY ...]): the non-NULL values joined, each after the first
 * preceded by its own row's separator (a NULL separator adds nothing); NULL when there are none. The inputs
 * are kept as an ordered multiset, so deletes retract exactly. They are ordered by the call's ORDER BY keys,
 * then by value and separator; without ORDER BY that makes the result ordered by value (PostgreSQL leaves
 * the order unspecified then, in practice the order in which rows were read).
 */
final class StringAggAccumulator implements Accumulator {
    private final int value;
    private final int separator;
    private final int filter;
    private final int[] keys;
    private final TreeMap<Object[], long[]> entries;

    StringAggAccumulator(int value, int separator, int filter, List<AggCall.AggOrder> order) {
        this.value = value;
        this.separator = separator;
        this.filter = filter;
        this.keys = order.stream().mapToInt(AggCall.AggOrder::column).toArray();
        Comparator<Object[]> c = (a, b) -> 0;
        for (int i = 0; i < order.size(); i++) {
            int k = i;
            AggCall.AggOrder o = order.get(i);
            Comparator<Object[]> byKey = (a, b) -> {
                Object x = a[k];
                Object y = b[k];
                if (x == null || y == null) {
                    return x == y ? 0 : (x == null) == o.nullsFirst() ? -1 : 1;
                }
                int r = Values.compare(x, y);
                return o.descending() ? -r : r;
            };
            c = c.thenComparing(byKey);
        }
        int v = keys.length;
        this.entries = new TreeMap<>(c.thenComparing((a, b) -> Values.compare(a[v], b[v]))
                .thenComparing((a, b) -> Values.compare(a[v + 1], b[v + 1])));
    }

    @Override
    public void add(Row row, long weight) {
        Object v = row.get(value);
        if (v == null || !Accumulators.passes(row, filter)) {
            return;
        }
        Object[] entry = new Object[keys.length + 2];
        for (int i = 0; i < keys.length; i++) {
            entry[i] = row.get(keys[i]);
        }
        entry[keys.length] = v;
        entry[keys.length + 1] = row.get(separator);
        long[] cell = entries.computeIfAbsent(entry, e -> new long[1]);
        if ((cell[0] += weight) == 0) {
            entries.remove(entry);
        }
    }

    @Override
    public List<Object> captureState() {
        ZSetBuilder b = new ZSetBuilder(entries.size());
        entries.forEach((entry, cell) -> b.add(new ArrayRow(entry.clone()), cell[0]));
        return Accumulators.parts(b.build());
    }

    @Override
    public void restoreState(List<?> state) {
        entries.clear();
        Accumulators.part(state, 1, 0, ZSetView.class).forEach((r, w) -> {
            Object[] entry = new Object[r.size()];
            for (int i = 0; i < entry.length; i++) {
                entry[i] = r.get(i);
            }
            entries.put(entry, new long[] {w});
        });
    }

    @Override
    public Object result() {
        if (entries.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (var e : entries.entrySet()) {
            Object[] entry = e.getKey();
            for (long i = 0; i < e.getValue()[0]; i++) {
                Object sep = entry[keys.length + 1];
                if (!first && sep != null) {
                    sb.append(Texts.toText(sep));
                }
                sb.append(Texts.toText(entry[keys.length]));
                first = false;
            }
        }
        return sb.toString();
    }

    @Override
    public int stateSize() {
        return entries.size();
    }
}
