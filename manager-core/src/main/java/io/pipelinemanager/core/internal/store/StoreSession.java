package io.pipelinemanager.core.internal.store;

import io.pipelinemanager.core.api.AuditEvent;
import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramId;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.audit.AuditEntry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The operations available inside one store transaction, all tenant-scoped. A reference
 * ({@code ref}) is an object's UUID or its name. Objects read in a session and saved in the same
 * session are written only if no other transaction changed them in between.
 */
public interface StoreSession {

    /** Whether the tenant exists. */
    boolean tenantExists(TenantId tenant);

    /** The id of the tenant with that name. */
    Optional<TenantId> findTenantByName(String name);

    /**
     * Inserts a tenant created by {@code createdBy} (a principal); a name taken already (e.g. by a concurrent
     * first use) fails with {@code DuplicateName}.
     */
    void insertTenant(TenantId id, String name, Instant createdAt, String createdBy);

    /** Fails with {@code UnknownTenant} unless the tenant exists. */
    default void requireTenant(TenantId tenant) {
        if (!tenantExists(tenant)) {
            throw new ManagerException(ErrorCode.UnknownTenant, "No tenant " + tenant, Map.of("tenant", tenant.toString()));
        }
    }

    /** All programs of the tenant, ordered by name. */
    List<Program> listPrograms(TenantId tenant);

    /** The tenant's program with that id or name. */
    Optional<Program> findProgram(TenantId tenant, String ref);

    /** Inserts a new program; a name taken in the tenant fails with {@code DuplicateName}. */
    void insertProgram(Program program);

    /** Writes a program read in this session (a client edit: every column, guarded by the row's version). */
    void saveProgram(Program program);

    /**
     * A background writer's targeted update of a program's compilation outcome — status, status
     * time, diagnostics and schema, nothing a client owns — applied only while the program is still
     * at code {@code version} and in one of the statuses {@code from}. Returns whether it was
     * applied. It bumps the row's version, so a client edit that read the row before fails its
     * guard and is run again on fresh data. Objects read earlier in this session must be read again
     * before they are saved.
     */
    boolean updateProgramStatus(ProgramId id, long version, Set<ProgramStatus> from, ProgramStatus status,
                                Instant statusSince, List<Diagnostic> diagnostics, ProgramSchema schema);

    /** Deletes a program read in this session. */
    void deleteProgram(TenantId tenant, ProgramId id);

    /** Whether any pipeline references the program. */
    boolean isProgramUsed(TenantId tenant, ProgramId id);

    /** Whether a pipeline that is not fully stopped references the program. */
    boolean isProgramInActiveUse(TenantId tenant, ProgramId id);

    /**
     * The compile queue: programs of every tenant waiting for (PENDING) or in (COMPILING)
     * compilation, oldest status first — a projection without code or documents.
     */
    List<QueuedProgram> compileQueue();

    /** How many of the tenant's programs are in each status (every status present, zero included). */
    Map<ProgramStatus, Long> countProgramsByStatus(TenantId tenant);

    /** How many of the tenant's pipelines are in each actual status (every status present, zero included). */
    Map<PipelineStatus, Long> countPipelinesByStatus(TenantId tenant);

    /** The stored compilation outcome for a content hash. */
    Optional<CompiledArtifact> findArtifact(String contentHash);

    /** Stores a compilation outcome unless one exists for its hash already. */
    void saveArtifactIfAbsent(CompiledArtifact artifact);

    /** All pipelines of the tenant, ordered by name. */
    List<Pipeline> listPipelines(TenantId tenant);

    /** The tenant's pipeline with that id or name. */
    Optional<Pipeline> findPipeline(TenantId tenant, String ref);

    /** Inserts a new pipeline; a name taken in the tenant fails with {@code DuplicateName}. */
    void insertPipeline(Pipeline pipeline);

    /** Writes a pipeline read in this session (a client edit: every column, guarded by the row's version). */
    void savePipeline(Pipeline pipeline);

    /**
     * The reconciler's targeted update of a pipeline's actual status — status, status time, error
     * and pinned program version, nothing a client owns — applied only while the pipeline is still
     * in status {@code from}. Returns whether it was applied. It bumps the row's version like
     * {@link #updateProgramStatus}, with the same consequence for objects read earlier in this session.
     */
    boolean updatePipelineStatus(PipelineId id, PipelineStatus from, PipelineStatus status, Instant statusSince,
                                 Long programVersion, PipelineError error);

    /** Deletes a pipeline read in this session. */
    void deletePipeline(TenantId tenant, PipelineId id);

    /** Pipelines of every tenant that are not fully stopped (their desired or actual status is not STOPPED). */
    List<Pipeline> activePipelines();

    /** The lease on a piece of background work. */
    Optional<Lease> findLease(String kind, UUID resourceId);

    /** Inserts a lease; a concurrent insert of the same lease fails the transaction with {@code OutdatedVersion}. */
    void insertLease(Lease lease);

    /** Writes a lease read in this session. */
    void saveLease(Lease lease);

    /** Deletes a lease read in this session. */
    void deleteLease(String kind, UUID resourceId);

    /** The API key with that lookup id, of any tenant (authentication finds keys this way; an indexed read). */
    Optional<StoredApiKey> findApiKeyByLookupId(String lookupId);

    /** The tenant's API key with that name. */
    Optional<StoredApiKey> findApiKey(TenantId tenant, String name);

    /** All API keys of the tenant (revoked and expired ones too), ordered by name. */
    List<StoredApiKey> listApiKeys(TenantId tenant);

    /**
     * Inserts a new API key; a name taken in the tenant fails with {@code DuplicateName}, an unknown tenant with
     * {@code UnknownTenant}.
     */
    void insertApiKey(StoredApiKey key);

    /** Marks the tenant's key {@code name} revoked at {@code at} unless it is already; returns whether it changed. */
    boolean revokeApiKey(TenantId tenant, String name, Instant at);

    /**
     * Records a use of the key: sets {@code last_used_at} to {@code at} only if it is empty or before
     * {@code staleBefore}, so instances racing on one key write it once. Returns whether it changed.
     */
    boolean touchApiKey(UUID id, Instant at, Instant staleBefore);

    /** Stores an audit event; returns the number the database gave it. */
    long insertAuditEvent(AuditEntry event);

    /** At most {@code limit} of the tenant's audit events that pass the filter, newest first. */
    List<AuditEvent> findAuditEvents(AuditFilter filter, int limit);

    /** Deletes at most {@code batch} audit events (of any tenant) older than {@code cutoff}; returns how many. */
    int deleteAuditEventsBefore(Instant cutoff, int batch);
}
