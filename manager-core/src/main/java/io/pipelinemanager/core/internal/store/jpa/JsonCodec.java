package io.pipelinemanager.core.internal.store.jpa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.FaultTolerance;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.api.ProgramSchema;

import java.util.List;

/** Maps the JSON documents stored in text columns (diagnostics, schema, config, error) to API records. */
final class JsonCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<List<Diagnostic>> DIAGNOSTICS = new TypeReference<>() { };

    private JsonCodec() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    static List<Diagnostic> diagnostics(String json) {
        return read(json, DIAGNOSTICS);
    }

    static ProgramSchema schema(String json) {
        return read(json, new TypeReference<>() { });
    }

    /**
     * A stored configuration. One stored before pipelines had a fault tolerance mode keeps the behaviour it was
     * created with: {@code none} (state in memory only), checkpoints every 60 seconds if the mode is changed.
     */
    static PipelineConfig config(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree instanceof ObjectNode stored) {
                if (!stored.has("faultTolerance")) {
                    stored.put("faultTolerance", FaultTolerance.NONE.name());
                }
                if (!stored.has("checkpointIntervalSecs")) {
                    stored.put("checkpointIntervalSecs", PipelineConfig.DEFAULT_CHECKPOINT_INTERVAL_SECS);
                }
            }
            return MAPPER.treeToValue(tree, PipelineConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not match " + PipelineConfig.class, e);
        }
    }

    static PipelineError error(String json) {
        return json == null ? null : read(json, new TypeReference<PipelineError>() { });
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not match " + type.getType(), e);
        }
    }
}
