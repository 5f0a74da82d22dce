package io.pipelinemanager.core.api;

import java.util.Objects;

/**
 * Every operation a caller can ask of the manager, with the one table of who may do it: its stable
 * wire name (as the audit log and the REST API's documentation write it), the {@link Role} it
 * requires, whether it changes state, whether the audit log records each successful call, and the
 * kind of object it acts on. Each public method of the facade that takes a {@link Caller} is marked
 * with the operation it performs ({@link Performs}).
 *
 * <ul>
 *   <li>{@link Role#VIEWER}: reads (programs, pipelines, counts, queue position), statistics, egress
 *       subscriptions, snapshot queries and rejected batches.</li>
 *   <li>{@link Role#EDITOR}: and create / update / delete, lifecycle requests, ingress and SQL validation.</li>
 *   <li>{@link Role#ADMIN}: and API keys and the audit log.</li>
 *   <li>{@link #ME} needs no role: any authenticated caller may ask who it is.</li>
 * </ul>
 *
 * <p>The audit log records every call of an {@linkplain #audited() audited} operation (success or
 * failure) and every refusal of any operation. Ingress changes a pipeline's data but is not
 * recorded per successful request: the data plane serves running pipelines without the database,
 * and ingress can run at thousands of requests per second.
 */
public enum Operation {
    PROGRAM_LIST("program.list", Role.VIEWER, false, TargetKind.PROGRAM),
    PROGRAM_COUNT_BY_STATUS("program.count_by_status", Role.VIEWER, false, TargetKind.PROGRAM),
    PROGRAM_GET("program.get", Role.VIEWER, false, TargetKind.PROGRAM),
    PROGRAM_QUEUE_POSITION("program.queue_position", Role.VIEWER, false, TargetKind.PROGRAM),
    PROGRAM_CREATE("program.create", Role.EDITOR, true, TargetKind.PROGRAM),
    PROGRAM_UPDATE("program.update", Role.EDITOR, true, TargetKind.PROGRAM),
    PROGRAM_DELETE("program.delete", Role.EDITOR, true, TargetKind.PROGRAM),
    /** Compiles SQL without storing anything: an editor's tool, since it costs a compilation. */
    PROGRAM_VALIDATE("program.validate", Role.EDITOR, false, TargetKind.PROGRAM),

    PIPELINE_LIST("pipeline.list", Role.VIEWER, false, TargetKind.PIPELINE),
    PIPELINE_COUNT_BY_STATUS("pipeline.count_by_status", Role.VIEWER, false, TargetKind.PIPELINE),
    PIPELINE_GET("pipeline.get", Role.VIEWER, false, TargetKind.PIPELINE),
    PIPELINE_CREATE("pipeline.create", Role.EDITOR, true, TargetKind.PIPELINE),
    PIPELINE_UPDATE("pipeline.update", Role.EDITOR, true, TargetKind.PIPELINE),
    PIPELINE_DELETE("pipeline.delete", Role.EDITOR, true, TargetKind.PIPELINE),
    PIPELINE_START("pipeline.start", Role.EDITOR, true, TargetKind.PIPELINE),
    PIPELINE_PAUSE("pipeline.pause", Role.EDITOR, true, TargetKind.PIPELINE),
    PIPELINE_SHUTDOWN("pipeline.shutdown", Role.EDITOR, true, TargetKind.PIPELINE),
    /** Asks a running or paused pipeline to write a checkpoint now (its statistics report when it is written). */
    PIPELINE_CHECKPOINT("pipeline.checkpoint", Role.EDITOR, true, TargetKind.PIPELINE),
    /** Drops a stopped pipeline's stored state (checkpoints and input journal): its next start begins empty. */
    PIPELINE_CLEAR("pipeline.clear", Role.EDITOR, true, TargetKind.PIPELINE),
    /** A pipeline's statistics and progress: also waiting for a push or a step to be applied. */
    PIPELINE_STATS("pipeline.stats", Role.VIEWER, false, TargetKind.PIPELINE),
    /**
     * Pushes changes into a pipeline's table (a serialized body or typed rows): mutating, but not audited per
     * success (see the class comment).
     */
    PIPELINE_INGRESS("pipeline.ingress", Role.EDITOR, true, TargetKind.PIPELINE),
    /** Subscribes to a view's changes (NDJSON stream or typed publisher/listener). */
    PIPELINE_SUBSCRIBE("pipeline.subscribe", Role.VIEWER, false, TargetKind.PIPELINE),
    /** A snapshot query, in any of its forms (rows, written to a stream, prepared). */
    PIPELINE_QUERY("pipeline.query", Role.VIEWER, false, TargetKind.PIPELINE),
    /** Lists the rejected batches a running pipeline keeps (requests whose records failed at run time). */
    PIPELINE_REJECTED_LIST("pipeline.rejected_list", Role.VIEWER, false, TargetKind.PIPELINE),
    /** Reads one rejected batch: its description or its records (data, as a query reads data). */
    PIPELINE_REJECTED_GET("pipeline.rejected_get", Role.VIEWER, false, TargetKind.PIPELINE),

    API_KEY_CREATE("api_key.create", Role.ADMIN, true, TargetKind.API_KEY),
    API_KEY_LIST("api_key.list", Role.ADMIN, false, TargetKind.API_KEY),
    API_KEY_GET("api_key.get", Role.ADMIN, false, TargetKind.API_KEY),
    API_KEY_REVOKE("api_key.revoke", Role.ADMIN, true, TargetKind.API_KEY),
    AUDIT_LIST("audit.list", Role.ADMIN, false, TargetKind.AUDIT_LOG),

    /** Who the manager thinks the caller is: any authenticated caller, whatever its roles. */
    ME("me", null, false, TargetKind.CALLER);

    private final String wireName;
    private final Role requiredRole;
    private final boolean mutating;
    private final TargetKind targetKind;

    Operation(String wireName, Role requiredRole, boolean mutating, TargetKind targetKind) {
        this.wireName = wireName;
        this.requiredRole = requiredRole;
        this.mutating = mutating;
        this.targetKind = Objects.requireNonNull(targetKind);
    }

    /** The stable name in the audit log and documentation ({@code program.create}, ...). */
    public String wireName() {
        return wireName;
    }

    /** The role a caller needs, or {@code null} when being authenticated is enough ({@link #ME}). */
    public Role requiredRole() {
        return requiredRole;
    }

    /** Whether the operation changes state (stored objects, a pipeline's data, keys). */
    public boolean mutating() {
        return mutating;
    }

    /** Whether the audit log records every call, successful or not: every mutating operation but ingress. */
    public boolean audited() {
        return mutating && this != PIPELINE_INGRESS;
    }

    /** The kind of object the operation acts on. */
    public TargetKind targetKind() {
        return targetKind;
    }

    /** Whether {@code caller}'s roles allow this operation. */
    public boolean permits(Caller caller) {
        return requiredRole == null || caller.may(requiredRole);
    }

    /** The operation with that wire name, or {@code null} when there is none. */
    public static Operation fromWireName(String name) {
        for (Operation operation : values()) {
            if (operation.wireName.equals(name)) {
                return operation;
            }
        }
        return null;
    }
}
