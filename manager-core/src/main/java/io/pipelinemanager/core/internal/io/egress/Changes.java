package io.pipelinemanager.core.internal.io.egress;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.io.IOException;

/** Expands a Z-set into units of change: deletes first, then inserts, each row repeated |weight| times. */
final class Changes {
    private Changes() {
    }

    /** Receives one unit of change. */
    @FunctionalInterface
    interface Visitor {
        void accept(Row row, boolean insert) throws IOException;
    }

    /** Visits deletes (weight &lt; 0) then inserts. */
    static void forEach(ZSet z, Visitor v) throws IOException {
        for (int pass = 0; pass < 2; pass++) {
            boolean inserts = pass == 1;
            for (int i = 0; i < z.size(); i++) {
                long w = z.weightAt(i);
                if ((w > 0) == inserts) {
                    for (long k = Math.abs(w); k > 0; k--) {
                        v.accept(z.row(i), inserts);
                    }
                }
            }
        }
    }

    /** Rejects Z-sets with negative weights (snapshots and query results are bags). */
    static void requirePositive(ZSet z) {
        for (int i = 0; i < z.size(); i++) {
            if (z.weightAt(i) < 0) {
                throw new IllegalArgumentException("row with negative weight " + z.weightAt(i) + ": " + z.row(i));
            }
        }
    }
}
