package io.pipelinemanager.core.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * Compilation status of a program version. A code edit returns any status to {@link #PENDING};
 * the compiler service moves {@code PENDING → COMPILING → SUCCESS | SQL_ERROR | SYSTEM_ERROR}.
 */
public enum ProgramStatus {
    /** Waiting to be compiled. */
    PENDING,
    /** A compiler has claimed this version. */
    COMPILING,
    /** Compiled; schema and artifact are available. */
    SUCCESS,
    /** The SQL is invalid; diagnostics say why. */
    SQL_ERROR,
    /** The compiler failed for a reason that is not the program's fault. */
    SYSTEM_ERROR;

    /** Statuses this one may move to (a code edit, which always returns to PENDING, included). */
    public Set<ProgramStatus> successors() {
        return switch (this) {
            case PENDING -> EnumSet.of(PENDING, COMPILING);
            case COMPILING -> EnumSet.of(PENDING, SUCCESS, SQL_ERROR, SYSTEM_ERROR);
            case SUCCESS, SQL_ERROR, SYSTEM_ERROR -> EnumSet.of(PENDING);
        };
    }

    /** Whether a move from this status to {@code next} is allowed. */
    public boolean canMoveTo(ProgramStatus next) {
        return successors().contains(next);
    }

    /** Whether compilation of this version has finished (successfully or not). */
    public boolean isFinal() {
        return this == SUCCESS || this == SQL_ERROR || this == SYSTEM_ERROR;
    }
}
