package io.pipelinemanager.core.internal.compiler.slt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counters of one test file: queries by outcome, statements whose expectation failed, and reasons by bucket. */
final class FileResult {

    final String file;
    int queries;
    int passed;
    int failed;
    int unsupported;
    int skipped;
    /** Query records in the whole corpus file (the run may cover only a prefix of them: queries + skipped). */
    int fileRecords;
    int statements;
    int statementsFailed;
    long millis;
    long compileNanos;
    long runNanos;
    final Map<String, Integer> unsupportedReasons = new TreeMap<>();
    final Map<String, Integer> failureReasons = new TreeMap<>();
    final List<String> examples = new ArrayList<>();

    FileResult(String file) {
        this.file = file;
    }

    void pass() {
        queries++;
        passed++;
    }

    void fail(String bucket, String example) {
        queries++;
        failed++;
        failureReasons.merge(bucket, 1, Integer::sum);
        if (examples.size() < 400) {
            examples.add("[" + bucket + "] " + example);
        }
    }

    void unsupported(String reason, String example) {
        queries++;
        unsupported++;
        unsupportedReasons.merge(reason, 1, Integer::sum);
        if (examples.size() < 400) {
            examples.add("[unsupported: " + reason + "] " + example);
        }
    }

    void statement(boolean ok, String example) {
        statements++;
        if (!ok) {
            statementsFailed++;
            failureReasons.merge("statement expectation", 1, Integer::sum);
            if (examples.size() < 400) {
                examples.add("[statement] " + example);
            }
        }
    }

    /** The part of the file that ran: "all N" or "first N of M" query records. */
    String scope() {
        int records = queries + skipped;
        return records >= fileRecords ? "all " + records : "first " + records + " of " + fileRecords;
    }

    /** Passing queries over all non-skipped queries (unsupported ones count as failing). */
    double passRate() {
        return queries == 0 ? 1.0 : (double) passed / queries;
    }
}
