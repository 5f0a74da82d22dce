package io.pipelinemanager.core.internal.store.jpa;

import io.pipelinemanager.core.api.OnRuntimeError;
import io.pipelinemanager.core.api.PipelineConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonCodecTest {

    @Test
    void configStoredBeforeOnRuntimeErrorExistedReadsAsRejectBatch() {
        PipelineConfig old = JsonCodec.config(
                "{\"workers\":1,\"maxBatchRecords\":500,\"maxBatchDelayMillis\":10,\"maxBufferedRecords\":5000}");
        assertThat(old).isEqualTo(new PipelineConfig(1, 500, 10, 5000, OnRuntimeError.REJECT_BATCH));
    }

    @Test
    void configRoundTripsWithEverySetting() {
        for (OnRuntimeError e : OnRuntimeError.values()) {
            PipelineConfig c = new PipelineConfig(1, 7, 3, 70, e);
            assertThat(JsonCodec.config(JsonCodec.write(c))).isEqualTo(c);
        }
    }
}
