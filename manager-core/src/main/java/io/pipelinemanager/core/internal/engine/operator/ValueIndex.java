package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rows ordered by one value each (rows may share a value), in the order of {@link Values#compare}: the rows of
 * a range of values are found without visiting the others. An index an operator keeps beside its state (and
 * rebuilds from it on restore), never state itself; the operator keeps it in step with the state, undo included.
 */
final class ValueIndex {
    private final TreeMap<Object, Set<Row>> rows = new TreeMap<>(Values::compare);

    /** Indexes {@code row} under {@code value}. */
    void add(Object value, Row row) {
        rows.computeIfAbsent(value, k -> new HashSet<>()).add(row);
    }

    /** Removes {@code row} from under {@code value} (nothing when it is not there). */
    void remove(Object value, Row row) {
        Set<Row> s = rows.get(value);
        if (s != null && s.remove(row) && s.isEmpty()) {
            rows.remove(value);
        }
    }

    /** Adds to {@code out} the rows whose value lies between {@code from} and {@code to}, both included. */
    void collectBetween(Object from, Object to, Collection<Row> out) {
        rows.subMap(from, true, to, true).values().forEach(out::addAll);
    }

    /** Adds to {@code out} the rows whose value is not NULL and below {@code limit}, in the order of their values. */
    void collectBelow(Object limit, Collection<Row> out) {
        rows.headMap(limit, false).forEach((value, s) -> {
            if (value != null) {
                out.addAll(s);
            }
        });
    }
}
