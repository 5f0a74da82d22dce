package io.pipelinemanager.core.internal.compiler.slt;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Plans the incremental mode: the final table contents split into many small steps, in random
 * order, with extra rows that are inserted and later deleted and rows that are deleted and later
 * re-inserted. Summing all steps gives exactly the final contents. The first step holds at least
 * one row of every non-empty table, so a query like {@code 38 / COUNT(*)} is not evaluated over a
 * table that has not received any data yet (PostgreSQL would fail on that state too). A table
 * with a primary key gets no extra copies (a copy of an existing key is an upsert, and its later
 * delete would remove the key), only temporary deletions; no step leaves a row's count below zero
 * (the engine ignores a delete of a row a bag table does not hold).
 */
final class RandomFeeder {

    /** Roughly this many steps are planned (fewer for tiny inputs). */
    private static final int TARGET_STEPS = 24;

    private record Change(String table, Row row, long weight) {
    }

    private RandomFeeder() {
    }

    /** The steps, each a map from table name to its changes in that step. */
    static List<Map<String, ZSetBuilder>> plan(Map<String, Map<Row, Long>> contents, long seed) {
        return plan(contents, Set.of(), seed);
    }

    /** As {@link #plan(Map, long)}; the tables named in {@code keyed} have a primary key. */
    static List<Map<String, ZSetBuilder>> plan(Map<String, Map<Row, Long>> contents, Set<String> keyed, long seed) {
        Random random = new Random(seed);
        List<Change> inserts = new ArrayList<>();
        contents.forEach((table, bag) -> bag.forEach((row, w) -> {
            for (long i = 0; i < w; i++) {
                inserts.add(new Change(table, row, 1));
            }
        }));
        Collections.shuffle(inserts, random);
        firstOfEachTableFirst(inserts);
        List<List<Change>> steps = new ArrayList<>();
        int batch = Math.max(1, inserts.size() / TARGET_STEPS);
        int tables = (int) inserts.stream().map(Change::table).distinct().count();
        for (int i = 0; i < inserts.size(); ) {
            int size = 1 + random.nextInt(2 * batch);
            if (i == 0) {
                size = Math.max(size, tables);
            }
            steps.add(new ArrayList<>(inserts.subList(i, Math.min(inserts.size(), i + size))));
            i += size;
        }
        if (steps.isEmpty()) {
            steps.add(new ArrayList<>());
        }
        addChurn(steps, inserts, keyed, random);
        List<Map<String, ZSetBuilder>> out = new ArrayList<>();
        for (List<Change> step : steps) {
            Map<String, ZSetBuilder> m = new HashMap<>();
            for (Change c : step) {
                m.computeIfAbsent(c.table(), t -> new ZSetBuilder()).add(c.row(), c.weight());
            }
            out.add(m);
        }
        return out;
    }

    /** Moves the first change of each table to the front (keeping the shuffled order otherwise). */
    private static void firstOfEachTableFirst(List<Change> inserts) {
        List<Change> firsts = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Change c : inserts) {
            if (seen.add(c.table())) {
                firsts.add(c);
            }
        }
        for (Change c : firsts) {
            inserts.remove(c);
        }
        inserts.addAll(0, firsts);
    }

    /** Temporary extra copies (insert then delete) and temporary deletions (delete then re-insert). */
    private static void addChurn(List<List<Change>> steps, List<Change> inserts, Set<String> keyed, Random random) {
        int n = steps.size();
        for (int k = 0; k < Math.max(1, inserts.size() / 4) && !inserts.isEmpty(); k++) {
            Change c = inserts.get(random.nextInt(inserts.size()));
            int first = random.nextInt(n);
            int second = first + random.nextInt(n - first);
            int a;
            int b;
            if (random.nextBoolean() && !keyed.contains(c.table())) {
                a = first;
                b = second;
                steps.get(a).add(new Change(c.table(), c.row(), 1));
                steps.get(b).add(new Change(c.table(), c.row(), -1));
            } else {
                int inserted = indexOf(steps, c);
                a = inserted + random.nextInt(n - inserted);
                b = a + random.nextInt(n - a);
                steps.get(a).add(new Change(c.table(), c.row(), -1));
                steps.get(b).add(new Change(c.table(), c.row(), 1));
            }
            if (!valid(steps, c, keyed.contains(c.table()))) {
                // The engine ignores a bag delete of an absent row and upserts a second copy of a keyed row:
                // a churn that would need either is dropped.
                steps.get(b).remove(steps.get(b).size() - 1);
                steps.get(a).remove(steps.get(a).size() - 1);
            }
        }
    }

    /** Whether the row's count after every step stays at least 0 (and at most 1 in a keyed table). */
    private static boolean valid(List<List<Change>> steps, Change row, boolean keyed) {
        long count = 0;
        for (List<Change> step : steps) {
            for (Change c : step) {
                if (c.table().equals(row.table()) && c.row().equals(row.row())) {
                    count += c.weight();
                }
            }
            if (count < 0 || keyed && count > 1) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(List<List<Change>> steps, Change c) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).contains(c)) {
                return i;
            }
        }
        return 0;
    }
}
