package io.pipelinemanager.core.internal.compiler.slt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders per-file results as a console table and as the markdown report {@code SQLLOGICTEST.md}. */
final class SltReport {

    /** The command that regenerates the report (shown at its top). */
    static final String COMMAND = "mvn -B -pl manager-core -am verify -Dtest=NONE "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SqlLogicTestIT -Dfailsafe.failIfNoSpecifiedTests=false -Dslt.report=true";

    private SltReport() {
    }

    static int total(List<FileResult> results) {
        return results.stream().mapToInt(r -> r.queries).sum();
    }

    static int passed(List<FileResult> results) {
        return results.stream().mapToInt(r -> r.passed).sum();
    }

    static String overall(List<FileResult> results) {
        int total = total(results);
        int passed = passed(results);
        int records = results.stream().mapToInt(r -> r.queries + r.skipped).sum();
        return String.format(Locale.ROOT, "Overall: %d/%d queries (%.2f%% of the %d queries run, from %d query records"
                        + " of %d files; the sampled files are cut to their first records, see the scope column)",
                passed, total, total == 0 ? 100.0 : 100.0 * passed / total, total, records, results.size());
    }

    static String table(List<FileResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| file | scope (query records) | queries | passed | % | failed | unsupported | skipped "
                + "| statements failed | seconds (compile/run) |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (FileResult r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f%% of %d | %d | %d | %d | %d/%d | %.1f (%.1f/%.1f) |%n",
                    r.file, r.scope(), r.queries, r.passed, 100.0 * r.passRate(), r.queries, r.failed, r.unsupported,
                    r.skipped, r.statementsFailed, r.statements,
                    r.millis / 1000.0, r.compileNanos / 1e9, r.runNanos / 1e9));
        }
        return sb.toString();
    }

    static String buckets(List<FileResult> results) {
        Map<String, Integer> unsupported = new TreeMap<>();
        Map<String, Integer> failed = new TreeMap<>();
        for (FileResult r : results) {
            r.unsupportedReasons.forEach((k, v) -> unsupported.merge(k, v, Integer::sum));
            r.failureReasons.forEach((k, v) -> failed.merge(k, v, Integer::sum));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Failures by cause:\n\n");
        append(sb, failed);
        sb.append("\nUnsupported (counted as failed) by reason:\n\n");
        append(sb, unsupported);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            sb.append("- none\n");
        }
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sb.append("- ").append(e.getValue()).append(" × ").append(e.getKey()).append('\n'));
    }

    static void write(Path path, List<FileResult> results) throws IOException {
        String md = "# sqllogictest results\n\nRegenerate with:\n\n```\n" + COMMAND + "\n```\n\n"
                + "Each query is a view of a program (the file's tables + the query) compiled by our compiler and run by\n"
                + "our engine twice: all data in one step, and the data fed in ~24 small random steps (fixed seed; the\n"
                + "first step holds a row of every table the query reads) with temporary extra rows and temporary\n"
                + "deletes. A query passes only if both results match the corpus (sort modes, I/R/T formatting, MD5\n"
                + "hashing). Unsupported queries count as failed; skipped = removed by skipif/onlyif for PostgreSQL.\n\n"
                + "Scope: `select1`–`select5` whole; from each of `random/{aggregates,expr,groupby,select}` and\n"
                + "`index/{between,commute,delete,in,orderby,orderby_nosort,random,view}/{10,100}` the lowest-numbered\n"
                + "non-empty `slt_good_N.test` (`index/view/10/slt_good_0.test` is empty, so `slt_good_1`), cut to its\n"
                + "first " + SltSuite.SAMPLE_RECORDS + " query records (a fixed rule; the percentages below are of\n"
                + "exactly that scope, not of the whole corpus).\n\n"
                + table(results) + "\n" + buckets(results) + "\n" + SltExpectations.markdown() + "\n"
                + overall(results) + "\n";
        Files.writeString(path, md);
    }
}
