package io.pipelinemanager.core.internal.compiler.slt;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The failures the suite expects, by file and cause, each with its exact count and reason. Two kinds:
 * queries PostgreSQL rejects too (not our bug), and known failures of ours that are not fixed yet (the
 * floor is lowered for that file only, by exactly that count). Anything else failing fails the build,
 * and so does a listed failure that no longer happens (update the list).
 */
final class SltExpectations {

    /** One expected failure bucket of one file. */
    record Expected(String file, String bucket, int count, boolean postgresRejects, String reason) {
    }

    private static final String UNARY_PLUS_TEXT = "unary + on a TEXT column (col2/col5, e.g. `WHERE NOT + col5 IS NULL`):"
            + " PostgreSQL 15 rejects it too (operator does not exist: + text), and so does our compiler, at the operator";

    private static final String UNARY_PLUS_BUCKET = "compile error TypeError: operator does not exist: + VARCHAR"
            + " (PostgreSQL has unary + for numbers and intervals only; write an explicit CAST)";

    static final List<Expected> EXPECTED = List.of(
            new Expected("test/index/random/10/slt_good_0.test", UNARY_PLUS_BUCKET, 30, true, UNARY_PLUS_TEXT),
            new Expected("test/index/random/100/slt_good_0.test", UNARY_PLUS_BUCKET, 20, true, UNARY_PLUS_TEXT));

    private SltExpectations() {
    }

    /** The expected failure buckets of {@code file} with their counts (empty when none). */
    static Map<String, Integer> buckets(String file) {
        Map<String, Integer> out = new TreeMap<>();
        EXPECTED.stream().filter(e -> e.file().equals(file)).forEach(e -> out.put(e.bucket(), e.count()));
        return out;
    }

    /** The markdown list of expected failures for the report. */
    static String markdown() {
        StringBuilder sb = new StringBuilder("Expected failures (exact counts, asserted by `SqlLogicTestIT`):\n\n");
        for (Expected e : EXPECTED) {
            sb.append("- ").append(e.file()).append(": ").append(e.count()).append(" × ").append(e.bucket())
                    .append(e.postgresRejects() ? " — PostgreSQL rejects these too: " : " — known failure, not fixed: ")
                    .append(e.reason()).append('\n');
        }
        return sb.toString();
    }
}
