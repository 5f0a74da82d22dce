package io.pipelinemanager.core.api;

/** Stable error codes of the manager; each maps to exactly one HTTP status. */
public enum ErrorCode {
    /** A request field is missing or malformed. */
    InvalidRequest(400),
    /** No resource at this path (an adapter's unknown route, not an unknown program or pipeline). */
    NotFound(404),
    /** The resource does not support this HTTP method. */
    MethodNotAllowed(405),
    /** None of the media types the client accepts can be produced. */
    NotAcceptable(406),
    /** The request body's media type ({@code Content-Type}) is missing or not one the operation reads. */
    UnsupportedMediaType(415),
    /**
     * The request carries no credentials, or credentials the manager does not accept (malformed, unknown,
     * revoked or expired API key; JWT with a bad signature, wrong issuer or audience, or expired).
     */
    Unauthenticated(401),
    /** The caller is authenticated but its role does not allow the operation. */
    Forbidden(403),
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
    /** No API key with that name in the tenant. */
    UnknownApiKey(404),
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
    /** Ingress data could not be parsed or does not fit the table; nothing of the request was applied. */
    ParseError(400),
    /** The pipeline's program has no table with that name. */
    UnknownTable(404),
    /** The pipeline's program has no view with that name (or it is not materialized where that is required). */
    UnknownView(404),
    /** A snapshot query is invalid or reads something that is not a table or materialized view. */
    InvalidQuery(400),
    /**
     * A snapshot query's answer has more rows than the manager allows ({@code pm.query.max-rows}), or computing it
     * would build more intermediate state than its memory budget ({@code pm.query.max-state-bytes}).
     */
    QueryLimitExceeded(422),
    /** A request body is larger than the manager accepts ({@code pm.ingress.max-request-bytes}); nothing was applied. */
    RequestTooLarge(413),
    /** The pipeline's program failed to compile, so the pipeline cannot start. */
    CannotStartWithCompilationError(400),
    /** The operation needs a running or paused pipeline. */
    PipelineNotRunning(409),
    /**
     * A limit on load was reached: the pipeline's input buffer is full (in records or in bytes), or the
     * pipeline or this instance already serves its maximum of egress subscriptions; retry later. Also
     * the last line of an egress stream whose subscriber fell too far behind.
     */
    BackPressure(429),
    /** This instance already runs as many pipelines as it can ({@code pm.runner.max-pipelines}); stop one first. */
    CapacityExceeded(409),
    /** The manager instance is shutting down; an egress stream it ends says so with this code as its last line. */
    ShuttingDown(503),
    /** A step of the pipeline failed at runtime (overflow, division by zero, ...). */
    RuntimeError(500),
    /**
     * The pipeline's stored checkpoint was written by another program (or another compiler version), so the
     * pipeline cannot resume from it; nothing was loaded. Clear the pipeline's state ({@code clear}, losing it)
     * or restore the program the checkpoint was taken with.
     */
    CheckpointIncompatible(409),
    /**
     * The pipeline's stored checkpoint or input journal failed verification (checksum, truncation, unknown
     * format version); it is never loaded silently. Clear the pipeline's state (losing it) or repair the storage.
     */
    CorruptState(500),
    /**
     * The checkpoint store (directory or database) failed to read or write a pipeline's state; for ingress,
     * nothing of the request was accepted and it may be retried.
     */
    StorageUnavailable(503),
    /**
     * An egress subscriber asked to resume after a step whose following changes the pipeline no longer holds
     * (only its most recent steps are, and after a restart those replayed since its checkpoint); subscribe
     * with a snapshot instead.
     */
    StepsNotRetained(410),
    /**
     * The pushed records made a step fail at run time (overflow, division by zero, ...): the pipeline set the
     * push aside as a rejected batch and applied nothing of it (pipeline setting {@code on_runtime_error =
     * reject_batch}); its details name the batch.
     */
    BatchRejected(422),
    /** The pipeline keeps no rejected batch with that number (never rejected, or dropped as the oldest). */
    UnknownRejectedBatch(404),
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
