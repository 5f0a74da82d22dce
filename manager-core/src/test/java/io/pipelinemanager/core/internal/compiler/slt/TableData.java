package io.pipelinemanager.core.internal.compiler.slt;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The current contents of every table of a test file, as bags of engine rows (iteration order is deterministic). */
final class TableData {

    private final Map<String, LinkedHashMap<Row, Long>> tables = new LinkedHashMap<>();

    /** Starts an empty table. */
    void create(String table) {
        tables.put(key(table), new LinkedHashMap<>());
    }

    /** Forgets a table. */
    void drop(String table) {
        tables.remove(key(table));
    }

    /** Adds (weight &gt; 0) or removes (weight &lt; 0) copies of rows. */
    void change(String table, List<Row> rows, long weight) {
        LinkedHashMap<Row, Long> bag = tables.get(key(table));
        for (Row r : rows) {
            bag.merge(r, weight, Long::sum);
            if (bag.get(r) == 0) {
                bag.remove(r);
            }
        }
    }

    /** The bag of one table (live view; do not modify). */
    Map<Row, Long> bag(String table) {
        return tables.get(key(table));
    }

    /** A table's contents as a Z-set. */
    ZSet zset(String table) {
        ZSetBuilder b = new ZSetBuilder();
        bag(table).forEach(b::add);
        return b.build();
    }

    /** Names (lower case) of the tables. */
    Set<String> names() {
        return tables.keySet();
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
