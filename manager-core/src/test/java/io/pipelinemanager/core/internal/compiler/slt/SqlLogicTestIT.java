package io.pipelinemanager.core.internal.compiler.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs sqllogictest {@code select1}–{@code select5} and the fixed sample of {@code random/*} and
 * {@code index/*} ({@link SltSuite#SAMPLE_FILES}) through the compiler and engine in both modes.
 * With {@code -Dslt.report=true} it also rewrites {@code manager-core/SQLLOGICTEST.md}; with
 * {@code -Dslt.files=a,b} it only runs and prints those files (cut to {@code -Dslt.records}). Each file must
 * fail exactly as {@link SltExpectations} lists (queries PostgreSQL rejects too, and known failures).
 */
class SqlLogicTestIT {

    @Test
    void corpusPassesExceptTheListedFailures() throws Exception {
        String only = System.getProperty("slt.files", "");
        int threads = Integer.getInteger("slt.threads", 2);
        if (!only.isBlank()) {
            SltSuite.print(SltSuite.run(List.of(only.split(",")).stream()
                    .map(f -> new SltSuite.Part(f.strip(), SltSuite.SAMPLE_RECORDS)).toList(), threads));
            return;
        }
        List<FileResult> results = SltSuite.run(SltSuite.defaultParts(), threads);
        SltSuite.print(results);
        if (Boolean.getBoolean("slt.report")) {
            SltReport.write(Path.of("SQLLOGICTEST.md"), results);
        }
        // Exact scope of every file: whole select files, the first 1000 query records of each sampled file
        // (records counted with grep -c '^query ', before skipif/onlyif for PostgreSQL removes some as skipped).
        assertThat(results).extracting(r -> r.file + "=" + r.scope()).containsExactly(
                "test/select1.test=all 1000", "test/select2.test=all 1000", "test/select3.test=all 3320",
                "test/select4.test=all 2832", "test/select5.test=all 732",
                "test/random/aggregates/slt_good_0.test=first 1000 of 13910",
                "test/random/expr/slt_good_0.test=first 1000 of 15414",
                "test/random/groupby/slt_good_0.test=first 1000 of 10547",
                "test/random/select/slt_good_0.test=first 1000 of 11072",
                "test/index/between/10/slt_good_0.test=first 1000 of 10000",
                "test/index/between/100/slt_good_0.test=first 1000 of 10000",
                "test/index/commute/10/slt_good_0.test=first 1000 of 10000",
                "test/index/commute/100/slt_good_0.test=first 1000 of 10000",
                "test/index/delete/10/slt_good_0.test=first 1000 of 4254",
                "test/index/delete/100/slt_good_0.test=first 1000 of 3121",
                "test/index/in/10/slt_good_0.test=first 1000 of 10005",
                "test/index/in/100/slt_good_0.test=first 1000 of 10005",
                "test/index/orderby/10/slt_good_0.test=first 1000 of 10020",
                "test/index/orderby/100/slt_good_0.test=first 1000 of 10020",
                "test/index/orderby_nosort/10/slt_good_0.test=first 1000 of 10020",
                "test/index/orderby_nosort/100/slt_good_0.test=first 1000 of 10026",
                "test/index/random/10/slt_good_0.test=first 1000 of 12140",
                "test/index/random/100/slt_good_0.test=first 1000 of 11905",
                "test/index/view/10/slt_good_1.test=first 1000 of 3907",
                "test/index/view/100/slt_good_0.test=first 1000 of 4182");
        // Per file: nothing unsupported, and exactly the listed failures (SltExpectations), so the floor of each
        // file is its exact pass count.
        assertThat(results).allSatisfy(r -> {
            assertThat(r.unsupportedReasons).as(r.file).isEmpty();
            assertThat(r.failureReasons).as(r.file).isEqualTo(SltExpectations.buckets(r.file));
        });
        assertThat(results).as("statements whose ok/error expectation failed")
                .allSatisfy(r -> assertThat(r.statementsFailed).isZero());
    }
}
