package io.pipelinemanager.core.api;

import java.util.Objects;

/**
 * One compiler message about a program: a stable {@code code} (e.g. {@code SyntaxError},
 * {@code UnknownColumn}), a human message and where in the program text it applies.
 */
public record Diagnostic(Severity severity, String code, String message, SourceRange range) {

    /** How bad a diagnostic is; any {@link #ERROR} makes the compilation fail. */
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(range, "range");
    }

    /** An error diagnostic. */
    public static Diagnostic error(String code, String message, SourceRange range) {
        return new Diagnostic(Severity.ERROR, code, message, range);
    }

    /** A warning diagnostic. */
    public static Diagnostic warning(String code, String message, SourceRange range) {
        return new Diagnostic(Severity.WARNING, code, message, range);
    }
}
