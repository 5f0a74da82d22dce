package io.pipelinemanager.core.validation;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.FaultTolerance;
import io.pipelinemanager.core.api.OnRuntimeError;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.internal.validation.SpecRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z9", "my-program", "my_program", "a-b_c-9", "x23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsValidNames(String name) {
        assertThat(SpecRules.name(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "-a", "a-", "_a", "a_", "a b", "é", "a.b", "a/b",
            "x234567890123456789012345678901234567890123456789012345678901234",
            "123e4567-e89b-12d3-a456-426614174000"})
    void rejectsInvalidNames(String name) {
        assertCode(() -> SpecRules.name(name), ErrorCode.InvalidName);
    }

    @Test
    void descriptionIsOptionalAndBounded() {
        assertThat(SpecRules.description(null)).isEmpty();
        assertThat(SpecRules.description("d".repeat(1000))).hasSize(1000);
        assertCode(() -> SpecRules.description("d".repeat(1001)), ErrorCode.InvalidDescription);
    }

    @Test
    void codeIsRequiredAndAtMostOneMebibyteOfUtf8() {
        assertCode(() -> SpecRules.code(null), ErrorCode.InvalidRequest);
        assertThat(SpecRules.code("x".repeat(1 << 20))).hasSize(1 << 20);
        assertCode(() -> SpecRules.code("x".repeat((1 << 20) + 1)), ErrorCode.CodeTooLarge);
        // 'é' is two bytes in UTF-8: 600 000 of them are 1.2 MB although only 600 000 chars.
        assertCode(() -> SpecRules.code("é".repeat(600_000)), ErrorCode.CodeTooLarge);
    }

    @Test
    void configRangesAreChecked() {
        assertThat(SpecRules.config(null)).isEqualTo(PipelineConfig.DEFAULT);
        PipelineConfig largest = new PipelineConfig(1, 10_000_000, 60_000, 100_000_000);
        assertThat(SpecRules.config(largest)).as("the upper bounds are allowed").isEqualTo(largest);
        assertCode(() -> SpecRules.config(new PipelineConfig(0, 1, 0, 1)), ErrorCode.InvalidConfig);
        assertCode(() -> SpecRules.config(new PipelineConfig(2, 1, 0, 1)), ErrorCode.InvalidConfig); // one step thread
        assertCode(() -> SpecRules.config(new PipelineConfig(65, 1, 0, 1)), ErrorCode.InvalidConfig);
        assertCode(() -> SpecRules.config(new PipelineConfig(1, 0, 0, 1)), ErrorCode.InvalidConfig);
        assertCode(() -> SpecRules.config(new PipelineConfig(1, 1, -1, 1)), ErrorCode.InvalidConfig);
        assertCode(() -> SpecRules.config(new PipelineConfig(1, 10, 0, 9)), ErrorCode.InvalidConfig);
    }

    @Test
    void onRuntimeErrorDefaultsToRejectBatchAndReadsItsJsonValues() {
        assertThat(PipelineConfig.DEFAULT.onRuntimeError()).isEqualTo(OnRuntimeError.REJECT_BATCH);
        assertThat(new PipelineConfig(1, 1, 0, 1, null).onRuntimeError()).isEqualTo(OnRuntimeError.REJECT_BATCH);
        assertThat(OnRuntimeError.fromValue("fail")).isEqualTo(OnRuntimeError.FAIL);
        assertThat(OnRuntimeError.fromValue("REJECT_BATCH")).isEqualTo(OnRuntimeError.REJECT_BATCH);
        assertCode(() -> OnRuntimeError.fromValue("ignore"), ErrorCode.InvalidConfig);
        assertCode(() -> OnRuntimeError.fromValue(null), ErrorCode.InvalidConfig);
    }

    @Test
    void faultToleranceDefaultsToExactlyOnceEveryMinuteAndItsIntervalIsChecked() {
        assertThat(PipelineConfig.DEFAULT.faultTolerance()).isEqualTo(FaultTolerance.EXACTLY_ONCE);
        assertThat(PipelineConfig.DEFAULT.checkpointIntervalSecs()).isEqualTo(60);
        assertThat(new PipelineConfig(1, 1, 0, 1, null, null, 5).faultTolerance()).isEqualTo(FaultTolerance.EXACTLY_ONCE);
        assertThat(FaultTolerance.fromValue("checkpoint")).isEqualTo(FaultTolerance.CHECKPOINT);
        assertThat(FaultTolerance.fromValue("EXACTLY_ONCE")).isEqualTo(FaultTolerance.EXACTLY_ONCE);
        assertThat(FaultTolerance.fromValue("none")).isEqualTo(FaultTolerance.NONE);
        assertCode(() -> FaultTolerance.fromValue("at_least_once"), ErrorCode.InvalidConfig);
        assertCode(() -> FaultTolerance.fromValue(null), ErrorCode.InvalidConfig);
        assertThat(SpecRules.config(PipelineConfig.DEFAULT.withCheckpointIntervalSecs(1)).checkpointIntervalSecs()).isEqualTo(1);
        assertThat(SpecRules.config(PipelineConfig.DEFAULT.withCheckpointIntervalSecs(86_400))).isNotNull();
        assertCode(() -> SpecRules.config(PipelineConfig.DEFAULT.withCheckpointIntervalSecs(0)), ErrorCode.InvalidConfig);
        assertCode(() -> SpecRules.config(PipelineConfig.DEFAULT.withCheckpointIntervalSecs(86_401)), ErrorCode.InvalidConfig);
    }

    @Test
    void expectedVersionMustMatchWhenGiven() {
        SpecRules.expectVersion("Program", "p", 3, null);
        SpecRules.expectVersion("Program", "p", 3, 3L);
        assertCode(() -> SpecRules.expectVersion("Program", "p", 3, 2L), ErrorCode.OutdatedVersion);
    }

    private static void assertCode(Runnable action, ErrorCode code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
