package io.pipelinemanager.core.internal.store.jpa;

import io.pipelinemanager.core.api.FaultTolerance;
import io.pipelinemanager.core.api.OnRuntimeError;
import io.pipelinemanager.core.api.PipelineConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonCodecTest {

    @Test
    void configStoredBeforeOnRuntimeErrorExistedReadsAsRejectBatch() {
        PipelineConfig old = JsonCodec.config(
                "{\"workers\":1,\"maxBatchRecords\":500,\"maxBatchDelayMillis\":10,\"maxBufferedRecords\":5000}");
        assertThat(old).isEqualTo(new PipelineConfig(1, 500, 10, 5000, OnRuntimeError.REJECT_BATCH)
                .withFaultTolerance(FaultTolerance.NONE));
    }

    @Test
    void aPipelineStoredBeforeFaultToleranceExistedKeepsItsStateInMemoryOnlyAsItDid() {
        PipelineConfig old = JsonCodec.config("{\"workers\":1,\"maxBatchRecords\":500,\"maxBatchDelayMillis\":10,"
                + "\"maxBufferedRecords\":5000,\"onRuntimeError\":\"FAIL\"}");
        assertThat(old.faultTolerance()).isEqualTo(FaultTolerance.NONE);
        assertThat(old.checkpointIntervalSecs()).isEqualTo(PipelineConfig.DEFAULT_CHECKPOINT_INTERVAL_SECS);
        assertThat(old.onRuntimeError()).isEqualTo(OnRuntimeError.FAIL);
        assertThat(PipelineConfig.DEFAULT.faultTolerance()).as("new pipelines").isEqualTo(FaultTolerance.EXACTLY_ONCE);
    }

    @Test
    void faultToleranceAndItsIntervalRoundTrip() {
        for (FaultTolerance mode : FaultTolerance.values()) {
            PipelineConfig c = PipelineConfig.DEFAULT.withFaultTolerance(mode).withCheckpointIntervalSecs(5);
            assertThat(JsonCodec.config(JsonCodec.write(c))).isEqualTo(c);
        }
    }

    @Test
    void configRoundTripsWithEverySetting() {
        for (OnRuntimeError e : OnRuntimeError.values()) {
            PipelineConfig c = new PipelineConfig(1, 7, 3, 70, e);
            assertThat(JsonCodec.config(JsonCodec.write(c))).isEqualTo(c);
        }
    }
}
