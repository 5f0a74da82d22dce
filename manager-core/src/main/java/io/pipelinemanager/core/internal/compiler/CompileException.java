package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;

/** A checked failure carrying the diagnostic that explains it; never leaves the compiler. */
public final class CompileException extends Exception {

    private final transient Diagnostic diagnostic;

    /** Wraps a diagnostic. */
    public CompileException(Diagnostic diagnostic) {
        super(diagnostic.message(), null, false, false);
        this.diagnostic = diagnostic;
    }

    /** The diagnostic this failure reports. */
    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
