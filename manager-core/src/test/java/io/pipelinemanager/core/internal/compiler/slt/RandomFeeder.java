package io.pipelinemanager.core.internal.compiler.slt;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plans the incremental mode: the final table contents split into many small steps, in random
 * order, with extra rows that are inserted and later deleted and rows that are deleted and later
 * re-inserted. Summing all steps gives exactly the final contents. The first step holds at least
 * one row of every non-empty table, so a query like {@code 38 / COUNT(*)} is not evaluated over a
 * table that has not received any data yet (PostgreSQL would fail on that state too).
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
        addChurn(steps, inserts, random);
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
    private static void addChurn(List<List<Change>> steps, List<Change> inserts, Random random) {
        int n = steps.size();
        for (int k = 0; k < Math.max(1, inserts.size() / 4) && !inserts.isEmpty(); k++) {
            Change c = inserts.get(random.nextInt(inserts.size()));
            int first = random.nextInt(n);
            int second = first + random.nextInt(n - first);
            if (random.nextBoolean()) {
                steps.get(first).add(new Change(c.table(), c.row(), 1));
                steps.get(second).add(new Change(c.table(), c.row(), -1));
            } else {
                int inserted = indexOf(steps, c);
                int del = inserted + random.nextInt(n - inserted);
                int back = del + random.nextInt(n - del);
                steps.get(del).add(new Change(c.table(), c.row(), -1));
                steps.get(back).add(new Change(c.table(), c.row(), 1));
            }
        }
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
