package io.pipelinemanager.core.api;

/** Stable error codes of the manager; each maps to exactly one HTTP status. */
public enum ErrorCode {
    /** A request field is missing or malformed. */
    InvalidRequest(400),
    /** A name breaks the name rules. */
    InvalidName(400),
    /** A description is longer than 1000 characters. */
    InvalidDescription(400),
    /** A configuration value (of a pipeline or of the manager) is unknown or out of range. */
    InvalidConfig(400),
    /** A program's SQL code is larger than 1 MiB. */
    CodeTooLarge(413),
    /** No such tenant. */
    UnknownTenant(404),
    /** No program with that id or name in the tenant. */
    UnknownProgram(404),
    /** No pipeline with that id or name in the tenant. */
    UnknownPipeline(404),
    /** Another program or pipeline of the tenant already has that name. */
    DuplicateName(409),
    /** The object changed since the version the client read. */
    OutdatedVersion(409),
    /** The pipeline must be fully stopped for this edit or delete. */
    UpdateRestrictedToStopped(409),
    /** The program is used by a pipeline and cannot be deleted. */
    ProgramInUse(409),
    /** The requested status change is not allowed in the pipeline's current status. */
    IllegalTransition(409),
    /** The database cannot be reached. */
    DatabaseUnavailable(503),
    /** An unexpected failure inside the manager; details are in the server log. */
    InternalError(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status this code is reported with. */
    public int httpStatus() {
        return httpStatus;
    }
}
