package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import java.util.Objects;

/**
 * The compiled artifact of a program: an immutable circuit definition plus the schema it
 * implements. Thread-safe; {@link #newCircuit()} creates independent runtime instances cheaply.
 */
public final class CompiledProgram {

    private final CircuitDefinition definition;
    private final ProgramSchema schema;
    private final String contentHash;

    /** Wraps a circuit definition. */
    public CompiledProgram(CircuitDefinition definition, ProgramSchema schema, String contentHash) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.contentHash = contentHash;
    }

    /** A fresh circuit instance with empty state. */
    public Circuit newCircuit() {
        return definition.instantiate();
    }

    /** A fresh runtime instance whose steps read {@code NOW()} from {@code clock}. */
    public Circuit newCircuit(java.time.Clock clock) {
        return definition.instantiate(clock);
    }

    /** The circuit definition (table inputs and view outputs use the declared names). */
    public CircuitDefinition definition() {
        return definition;
    }

    /** The tables and views of the program. */
    public ProgramSchema schema() {
        return schema;
    }

    /** The content hash of the program text and compiler version (null when not compiled from a whole text). */
    public String contentHash() {
        return contentHash;
    }
}
