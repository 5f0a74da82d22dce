package io.pipelinemanager.core.api;

import java.util.Objects;
import java.util.UUID;

/** Identifies a pipeline. */
public record PipelineId(UUID value) {

    public PipelineId {
        Objects.requireNonNull(value, "value");
    }

    /** A fresh random id. */
    public static PipelineId random() {
        return new PipelineId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
