package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.ProgramStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up program compiles, so the warm-up really runs the compiler's paths (a failing one would not). */
class CompilerWarmUpTest {

    @Test
    void theWarmUpProgramCompiles() {
        CompilationResult result = new SqlCompiler().compile(CompilerWarmUp.PROGRAM);
        assertThat(result.status()).as("%s", result.diagnostics()).isEqualTo(ProgramStatus.SUCCESS);
        assertThat(result.schema().views()).hasSize(1);
    }
}
