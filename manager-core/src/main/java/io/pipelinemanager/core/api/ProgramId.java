package io.pipelinemanager.core.api;

import java.util.Objects;
import java.util.UUID;

/** Identifies a program. */
public record ProgramId(UUID value) {

    public ProgramId {
        Objects.requireNonNull(value, "value");
    }

    /** A fresh random id. */
    public static ProgramId random() {
        return new ProgramId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
