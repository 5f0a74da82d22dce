package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.internal.checkpoint.CircuitStateCodec;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.CircuitState;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The engine's state codec as the runner uses it (capture, encode, decode). */
final class StateCodecs {

    private StateCodecs() {
    }

    /** The captured state of a circuit between two steps; encoding it does not touch the circuit. */
    interface Captured {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Captures the circuit's state (cheap: on the step thread, between steps). */
    static Captured capture(Circuit circuit) {
        CircuitState state = circuit.captureState();
        return out -> CircuitStateCodec.write(state, out);
    }

    /** A circuit with the state read from a checkpoint body. */
    static Circuit read(CircuitDefinition definition, InputStream in) throws IOException {
        return definition.instantiate(CircuitStateCodec.read(definition, in));
    }

    /** The format version checkpoints are written in. */
    static int formatVersion() {
        return CircuitStateCodec.FORMAT_VERSION;
    }


}
