package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import java.time.Duration;
import org.apache.calcite.sql.SqlNode;

/**
 * The bounds of one compilation, each reported as an error diagnostic rather than by exhausting the
 * heap, the stack or the compiler's time: at most {@code maxStatements} statements, syntax trees at
 * most {@code maxNesting} levels deep, and at most {@code timeout} of compile time (checked between
 * statements and between views; a compile thread that is interrupted stops at the same points).
 * The program's size is bounded before it reaches the compiler (1 MiB).
 */
public record CompileLimits(int maxStatements, int maxNesting, Duration timeout) {

    /** The defaults of {@code pm.compiler.max-statements}, {@code pm.compiler.max-nesting} and {@code pm.compiler.timeout-ms}. */
    public static final CompileLimits DEFAULT = new CompileLimits(10_000, 5_000, Duration.ofSeconds(60));

    /** Validates the bounds. */
    public CompileLimits {
        if (maxStatements < 1 || maxNesting < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("compile limits must be positive");
        }
    }

    /** The time budget of a compilation starting now. */
    Budget start() {
        return new Budget(System.nanoTime() + timeout.toNanos());
    }

    /** The clock of one compilation. */
    final class Budget {
        private final long deadline;

        private Budget(long deadline) {
            this.deadline = deadline;
        }

        /** Throws if the compilation ran out of time or its thread was interrupted; {@code at} positions the error. */
        void check(SqlNode at) throws CompileException {
            if (Thread.currentThread().isInterrupted()) {
                throw new CompileException(Diagnostics.error(DiagnosticCodes.COMPILE_TIMEOUT,
                        "the compilation was cancelled before this statement", at));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new CompileException(Diagnostics.error(DiagnosticCodes.COMPILE_TIMEOUT,
                        "the compilation took longer than its time budget of " + timeout.toMillis()
                                + " ms (pm.compiler.timeout-ms) before this statement; split the program or raise "
                                + "the budget", at));
            }
        }
    }

    /** The error for a program with more statements than allowed, at the first statement beyond the limit. */
    Diagnostic tooManyStatements(int count, SqlNode first) {
        return Diagnostics.error(DiagnosticCodes.COMPILE_LIMIT, "the program has " + count + " statements; at most "
                + maxStatements + " are allowed (pm.compiler.max-statements)", first);
    }

    /** The error for a statement nested deeper than allowed, at its deepest node. */
    Diagnostic tooDeep(int depth, SqlNode deepest) {
        return Diagnostics.error(DiagnosticCodes.TOO_DEEPLY_NESTED, "too deeply nested: this statement nests "
                + depth + " levels of expressions and queries; at most " + maxNesting
                + " are allowed (pm.compiler.max-nesting). Split it into several views", deepest);
    }

    /** The error for a statement that exhausted the compiler's stack although it is within the nesting limit. */
    static Diagnostic stackExhausted(SqlNode statement) {
        return Diagnostics.error(DiagnosticCodes.TOO_DEEPLY_NESTED, "too deeply nested: this statement is too deep "
                + "for the compiler; split it into several views", statement);
    }
}
