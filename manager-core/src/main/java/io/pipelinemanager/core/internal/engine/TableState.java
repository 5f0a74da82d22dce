package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.operator.Lateness;
import io.pipelinemanager.core.internal.engine.operator.WatermarkInputOp;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.ValueChecks;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.IntegratedZSet;
import io.pipelinemanager.core.internal.engine.zset.UndoLog;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules that turn one input table's changes, in arrival order, into the delta the operators see.
 * {@link #resolve} only reads the table's contents (which the circuit integrates with the step, and rolls back
 * with it) and keeps the counts of ignored changes aside; {@link #commit} adds them once the whole step
 * succeeded and {@link #discard} drops them when the step failed. A table with a primary key finds the row of
 * a key in its contents, which place rows by the hash of the key ({@link IntegratedZSet#findByKey}): there is
 * no second index of the table. The key's hash, computed once per key and step while resolving, also places the
 * key's rows when the circuit integrates the delta ({@link #integrate}): their values are not read again.
 *
 * <p>A table with a {@code LATENESS} column ({@link Lateness}) drops late changes before anything else: an insert,
 * delete or update is late when its row, or the row of its key it would replace or remove, has a value below the
 * watermark of the steps before (the watermark the input node holds). Late changes are counted; the watermark
 * advances, at commit, by the largest value of the step's accepted inserts and updates.
 */
final class TableState {
    private final String table;
    private final List<SqlType> types;
    private final int[] key;
    /**
     * The table's rows and their multiplicities (the circuit's snapshot of the table, read only here); for a
     * table with a key, placed by the key's hash; null for an append-only table, which takes inserts only and
     * keeps no rows.
     */
    private final IntegratedZSet contents;
    private final boolean keyed;
    private long pendingIgnoredDeletes;
    private long pendingIgnoredUpdates;
    private long ignoredDeletes;
    private long ignoredUpdates;
    /** The table's LATENESS and the node that holds its watermark (both null for a table without). */
    private final Lateness lateness;
    private final WatermarkInputOp mark;
    private long pendingLate;
    private Object pendingWatermark;
    private long lateRecords;
    /** The delta of the last {@link #resolve} of a table with a key and its entries' key hashes (else null). */
    private ZSet pendingDelta;
    private int[] pendingKeyHashes;

    TableState(String table, List<SqlType> types, int[] key, IntegratedZSet contents) {
        this(table, types, key, contents, null, null);
    }

    TableState(String table, List<SqlType> types, int[] key, IntegratedZSet contents, Lateness lateness,
               WatermarkInputOp mark) {
        this.table = table;
        this.types = types;
        this.key = key;
        this.contents = contents;
        this.keyed = key.length > 0;
        this.lateness = lateness;
        this.mark = lateness == null ? null : mark;
    }

    /** Late changes dropped by committed steps. */
    long lateRecords() {
        return lateRecords;
    }

    /** The watermark of the table's LATENESS column after the committed steps, null for none (yet). */
    Object watermark() {
        return mark == null ? null : mark.watermark();
    }

    /** True when the row's LATENESS column is below the watermark of the steps before. */
    private boolean late(Row r) {
        return mark != null && r != null && Lateness.isLate(r.get(lateness.column()), mark.watermark());
    }

    /** Takes an accepted row's LATENESS column into the watermark the step will commit. */
    private void accepted(Row r) {
        if (mark != null) {
            pendingWatermark = Lateness.later(pendingWatermark, lateness.watermark(r.get(lateness.column())));
        }
    }

    /** Deletes of absent rows or keys ignored by committed steps. */
    long ignoredDeletes() {
        return ignoredDeletes;
    }

    /** Updates of absent keys ignored by committed steps. */
    long ignoredUpdates() {
        return ignoredUpdates;
    }

    /**
     * Refuses changes that cannot be applied: rows of the wrong arity or with values not of the column types,
     * a NULL in a key column, an update of a table without a key. Inserts are checked in every column; deletes
     * of a table with a key and updates only in the key and in the columns they set.
     */
    void validate(TableChanges changes) {
        for (int i = 0; i < changes.size(); i++) {
            Row r = changes.row(i);
            if (r.size() != types.size()) {
                throw new IllegalArgumentException("table " + table + " expects " + types.size()
                        + " columns, got row " + r);
            }
            TableChanges.Kind kind = changes.kind(i);
            if (kind != TableChanges.Kind.INSERT && contents == null) {
                throw new IllegalArgumentException("table " + table + " is append-only, so it takes inserts only");
            }
            if (kind == TableChanges.Kind.UPDATE && !keyed) {
                throw new IllegalArgumentException("table " + table + " has no primary key, so it takes no updates");
            }
            boolean byKeyOnly = keyed && kind == TableChanges.Kind.DELETE;
            for (int c = 0; c < types.size(); c++) {
                boolean isKey = isKey(c);
                if (isKey && r.get(c) == null) {
                    throw new IllegalArgumentException("table " + table + ": NULL in key column " + c + " in row " + r);
                }
                if (!isKey && (byKeyOnly || !changes.present(i, c))) {
                    continue;
                }
                String problem = ValueChecks.problem(r.get(c), types.get(c));
                if (problem != null) {
                    throw new IllegalArgumentException("table " + table + " column " + c + ": " + problem + " in row " + r);
                }
            }
        }
    }

    private boolean isKey(int column) {
        for (int k : key) {
            if (k == column) {
                return true;
            }
        }
        return false;
    }

    /** The delta that {@code changes}, applied in order to the contents, make; kept aside until {@link #commit}. */
    ZSet resolve(TableChanges changes) {
        pendingIgnoredDeletes = 0;
        pendingIgnoredUpdates = 0;
        pendingLate = 0;
        pendingWatermark = null;
        pendingDelta = null;
        pendingKeyHashes = null;
        return !keyed ? resolveBag(changes) : resolveKeyed(changes);
    }

    private ZSet resolveBag(TableChanges changes) {
        ZSetBuilder delta = new ZSetBuilder(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Row r = changes.row(i);
            long n = changes.count(i);
            if (late(r)) {
                pendingLate += n;
            } else if (changes.kind(i) == TableChanges.Kind.INSERT) {
                accepted(r);
                delta.add(r, n);
            } else {
                long held = contents.weight(r) + delta.weight(r);
                long removed = Math.max(0, Math.min(n, held));
                delta.add(r, -removed);
                pendingIgnoredDeletes += n - removed;
            }
        }
        return delta.build();
    }

    /** A key's row before the step (in the contents, null for none) and after the changes so far. */
    private static final class KeyChange {
        final Row before;
        Row after;

        KeyChange(Row before) {
            this.before = before;
            this.after = before;
        }
    }

    private ZSet resolveKeyed(TableChanges changes) {
        Map<Row, KeyChange> byKey = new HashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            Row r = changes.row(i);
            Row k = Rows.project(r, key);
            KeyChange change = byKey.get(k);
            if (change == null) {
                change = new KeyChange(contents.findByKey(k));
                byKey.put(k, change);
            }
            Row current = change.after;
            if (late(current) || (changes.kind(i) == TableChanges.Kind.INSERT && late(r))) {
                pendingLate += changes.count(i);
                continue;
            }
            switch (changes.kind(i)) {
                case INSERT -> {
                    accepted(r);
                    change.after = r;
                }
                case DELETE -> {
                    pendingIgnoredDeletes += current == null ? changes.count(i) : changes.count(i) - 1;
                    change.after = null;
                }
                case UPDATE -> {
                    if (current == null) {
                        pendingIgnoredUpdates++;
                    } else {
                        Row merged = merge(current, changes, i);
                        if (late(merged)) {
                            pendingLate++;
                        } else {
                            accepted(merged);
                            change.after = merged;
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        // The rows of different keys differ, and a key's old and new rows are equal only when nothing changed:
        // the entries are distinct without consolidating them.
        int n = 0;
        Row[] rows = new Row[byKey.size() * 2];
        long[] weights = new long[rows.length];
        int[] hashes = new int[rows.length];
        for (Map.Entry<Row, KeyChange> e : byKey.entrySet()) {
            KeyChange change = e.getValue();
            if (!Objects.equals(change.before, change.after)) {
                int h = e.getKey().hashCode();
                if (change.before != null) {
                    rows[n] = change.before;
                    weights[n] = -1;
                    hashes[n++] = h;
                }
                if (change.after != null) {
                    rows[n] = change.after;
                    weights[n] = 1;
                    hashes[n++] = h;
                }
            }
        }
        ZSet delta = ZSet.ofDistinct(rows, weights, n);
        pendingDelta = delta;
        pendingKeyHashes = hashes;
        return delta;
    }

    /**
     * Integrates the delta the circuit's input node passed on into the contents, recording the changes in
     * {@code undo}. When it is the delta of the last {@link #resolve} of a table with a key, its rows are placed
     * by the key hashes computed while resolving (their values are not hashed again). An append-only table keeps
     * no rows: nothing to integrate.
     */
    void integrate(ZSet delta, UndoLog undo) {
        if (contents == null) {
            return;
        }
        if (delta == pendingDelta && pendingKeyHashes != null) {
            for (int i = 0; i < delta.size(); i++) {
                contents.addByKeyHash(delta.row(i), pendingKeyHashes[i], delta.weightAt(i), undo);
            }
        } else {
            contents.addAll(delta, 1, undo);
        }
    }

    private static Row merge(Row current, TableChanges changes, int i) {
        Row update = changes.row(i);
        Object[] values = new Object[current.size()];
        for (int c = 0; c < values.length; c++) {
            values[c] = changes.present(i, c) ? update.get(c) : current.get(c);
        }
        return new ArrayRow(values);
    }

    /** Applies what the last {@link #resolve} kept aside (the circuit integrated the delta into the contents). */
    void commit() {
        ignoredDeletes += pendingIgnoredDeletes;
        ignoredUpdates += pendingIgnoredUpdates;
        lateRecords += pendingLate;
        if (mark != null) {
            mark.advance(pendingWatermark);
        }
        discard();
    }

    /** Drops what the last {@link #resolve} kept aside. */
    void discard() {
        pendingDelta = null;
        pendingKeyHashes = null;
        pendingIgnoredDeletes = 0;
        pendingIgnoredUpdates = 0;
        pendingLate = 0;
        pendingWatermark = null;
    }
}
