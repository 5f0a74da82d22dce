package io.pipelinemanager.core.internal.io;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import java.util.Objects;

/** One column of a table or view: its name as the compiler spells it and its engine type (with nullability). */
public record ColumnShape(String name, SqlType type) {

    /** Validating constructor. */
    public ColumnShape {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
