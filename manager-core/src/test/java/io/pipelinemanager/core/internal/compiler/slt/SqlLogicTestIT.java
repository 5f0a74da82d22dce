package io.pipelinemanager.core.internal.compiler.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs sqllogictest {@code select1}–{@code select5} through the compiler and engine in both modes.
 * Fails when the overall pass rate drops below the measured floor; with {@code -Dslt.report=true}
 * it also rewrites {@code manager-core/SQLLOGICTEST.md}.
 */
class SqlLogicTestIT {

    /** The measured pass rate, rounded down to 0.1%: a regression below it fails the build. */
    private static final double FLOOR_PERCENT = 100.0;

    @Test
    void selectFilesPassAtLeastTheFloor() throws Exception {
        List<FileResult> results = SltSuite.run(SltSuite.SELECT_FILES, Integer.getInteger("slt.threads", 2));
        SltSuite.print(results);
        if (Boolean.getBoolean("slt.report")) {
            SltReport.write(Path.of("SQLLOGICTEST.md"), results);
        }
        int total = SltReport.total(results);
        double percent = 100.0 * SltReport.passed(results) / total;
        // Every query record of the corpus files is checked (counted with grep -c '^query'; none is skipped for PostgreSQL).
        assertThat(results).extracting(r -> r.file + "=" + (r.queries + r.skipped)).containsExactly(
                "test/select1.test=1000", "test/select2.test=1000", "test/select3.test=3320",
                "test/select4.test=2832", "test/select5.test=732");
        assertThat(percent).as(SltReport.overall(results)).isGreaterThanOrEqualTo(FLOOR_PERCENT);
        assertThat(results).as("statements whose ok/error expectation failed")
                .allSatisfy(r -> assertThat(r.statementsFailed).isZero());
    }
}
