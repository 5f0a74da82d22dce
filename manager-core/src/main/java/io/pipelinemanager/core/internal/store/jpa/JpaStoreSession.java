package io.pipelinemanager.core.internal.store.jpa;

import io.pipelinemanager.core.api.AuditEvent;
import io.pipelinemanager.core.api.Diagnostic;
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
import io.pipelinemanager.core.internal.store.AuditFilter;
import io.pipelinemanager.core.internal.store.CompiledArtifact;
import io.pipelinemanager.core.internal.store.Lease;
import io.pipelinemanager.core.internal.store.QueuedProgram;
import io.pipelinemanager.core.internal.store.StoreSession;
import io.pipelinemanager.core.internal.store.StoredApiKey;
import io.pipelinemanager.core.internal.validation.SpecRules;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A {@link StoreSession} over one JPA entity manager (one transaction). */
final class JpaStoreSession implements StoreSession {

    private final EntityManager em;
    private final SecurityRows security;

    JpaStoreSession(EntityManager em) {
        this.em = em;
        this.security = new SecurityRows(em);
    }

    @Override
    public boolean tenantExists(TenantId tenant) {
        return em.find(TenantEntity.class, tenant.value()) != null;
    }

    @Override
    public Optional<TenantId> findTenantByName(String name) {
        return em.createQuery("select t.id from TenantEntity t where t.name = :name", UUID.class)
                .setParameter("name", name)
                .getResultStream().findFirst().map(TenantId::new);
    }

    @Override
    public void insertTenant(TenantId id, String name, Instant createdAt, String createdBy) {
        TenantEntity entity = new TenantEntity();
        entity.id = id.value();
        entity.name = name;
        entity.createdAt = createdAt;
        entity.createdBy = createdBy == null || createdBy.length() <= 256 ? createdBy : createdBy.substring(0, 256);
        em.persist(entity);
        em.flush();
    }

    @Override
    public List<Program> listPrograms(TenantId tenant) {
        return em.createQuery("select p from ProgramEntity p where p.tenantId = :tenant order by p.name",
                        ProgramEntity.class)
                .setParameter("tenant", tenant.value())
                .getResultStream().map(EntityMapper::toProgram).toList();
    }

    @Override
    public Optional<Program> findProgram(TenantId tenant, String ref) {
        return findByRef(ProgramEntity.class, tenant, ref).map(EntityMapper::toProgram);
    }

    @Override
    public void insertProgram(Program program) {
        ProgramEntity entity = new ProgramEntity();
        EntityMapper.copy(program, entity);
        em.persist(entity);
        em.flush();
    }

    @Override
    public void saveProgram(Program program) {
        EntityMapper.copy(program, managed(ProgramEntity.class, program.tenant(), program.id().value()));
        em.flush();
    }

    @Override
    public boolean updateProgramStatus(ProgramId id, long version, Set<ProgramStatus> from, ProgramStatus status,
                                       Instant statusSince, List<Diagnostic> diagnostics, ProgramSchema schema) {
        em.flush();
        int updated = em.createQuery("update ProgramEntity p set p.status = :status, p.statusSince = :since,"
                        + " p.diagnosticsJson = :diagnostics, p.schemaJson = :schema, p.rowVersion = p.rowVersion + 1"
                        + " where p.id = :id and p.version = :version and p.status in :from")
                .setParameter("status", status.name())
                .setParameter("since", statusSince)
                .setParameter("diagnostics", JsonCodec.write(diagnostics))
                .setParameter("schema", JsonCodec.write(schema))
                .setParameter("id", id.value())
                .setParameter("version", version)
                .setParameter("from", from.stream().map(Enum::name).toList())
                .executeUpdate();
        em.clear();
        return updated == 1;
    }

    @Override
    public void deleteProgram(TenantId tenant, ProgramId id) {
        em.remove(managed(ProgramEntity.class, tenant, id.value()));
        em.flush();
    }

    @Override
    public boolean isProgramUsed(TenantId tenant, ProgramId id) {
        return !em.createQuery("select p.id from PipelineEntity p where p.tenantId = :tenant and p.programId = :program",
                        UUID.class)
                .setParameter("tenant", tenant.value())
                .setParameter("program", id.value())
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    @Override
    public boolean isProgramInActiveUse(TenantId tenant, ProgramId id) {
        return !em.createQuery("select p.id from PipelineEntity p where p.tenantId = :tenant and p.programId = :program"
                                + " and (p.status <> 'STOPPED' or p.desiredStatus <> 'STOPPED')", UUID.class)
                .setParameter("tenant", tenant.value())
                .setParameter("program", id.value())
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    @Override
    public List<QueuedProgram> compileQueue() {
        return em.createQuery("select p.id, p.tenantId, p.version from ProgramEntity p"
                        + " where p.status in ('PENDING', 'COMPILING') order by p.statusSince, p.id", Object[].class)
                .getResultStream()
                .map(row -> new QueuedProgram(new ProgramId((UUID) row[0]), new TenantId((UUID) row[1]), (Long) row[2]))
                .toList();
    }

    @Override
    public Map<ProgramStatus, Long> countProgramsByStatus(TenantId tenant) {
        return countByStatus("ProgramEntity", tenant, ProgramStatus.class);
    }

    @Override
    public Map<PipelineStatus, Long> countPipelinesByStatus(TenantId tenant) {
        return countByStatus("PipelineEntity", tenant, PipelineStatus.class);
    }

    private <S extends Enum<S>> Map<S, Long> countByStatus(String entity, TenantId tenant, Class<S> statuses) {
        Map<S, Long> counts = new EnumMap<>(statuses);
        for (S status : statuses.getEnumConstants()) {
            counts.put(status, 0L);
        }
        em.createQuery("select e.status, count(e) from " + entity + " e where e.tenantId = :tenant group by e.status",
                        Object[].class)
                .setParameter("tenant", tenant.value())
                .getResultStream()
                .forEach(row -> counts.put(Enum.valueOf(statuses, (String) row[0]), (Long) row[1]));
        return counts;
    }

    @Override
    public Optional<CompiledArtifact> findArtifact(String contentHash) {
        CompiledArtifactEntity e = em.find(CompiledArtifactEntity.class, contentHash);
        return Optional.ofNullable(e).map(a -> new CompiledArtifact(a.contentHash, a.compilerVersion,
                JsonCodec.schema(a.schemaJson), JsonCodec.diagnostics(a.diagnosticsJson), a.createdAt));
    }

    @Override
    public void saveArtifactIfAbsent(CompiledArtifact artifact) {
        if (em.find(CompiledArtifactEntity.class, artifact.contentHash()) != null) {
            return;
        }
        CompiledArtifactEntity e = new CompiledArtifactEntity();
        e.contentHash = artifact.contentHash();
        e.compilerVersion = artifact.compilerVersion();
        e.schemaJson = JsonCodec.write(artifact.schema());
        e.diagnosticsJson = JsonCodec.write(artifact.warnings());
        e.createdAt = artifact.createdAt();
        em.persist(e);
        em.flush();
    }

    @Override
    public List<Pipeline> activePipelines() {
        return em.createQuery("select p from PipelineEntity p where p.status <> 'STOPPED' or p.desiredStatus <> 'STOPPED'"
                        + " order by p.createdAt, p.id", PipelineEntity.class)
                .getResultStream().map(EntityMapper::toPipeline).toList();
    }

    @Override
    public Optional<Lease> findLease(String kind, UUID resourceId) {
        return Optional.ofNullable(em.find(WorkLeaseEntity.class, new WorkLeaseEntity.Key(kind, resourceId)))
                .map(e -> new Lease(e.kind, e.resourceId, e.ownerId, e.expiresAt));
    }

    @Override
    public void insertLease(Lease lease) {
        WorkLeaseEntity e = new WorkLeaseEntity();
        e.kind = lease.kind();
        e.resourceId = lease.resourceId();
        e.ownerId = lease.owner();
        e.expiresAt = lease.expiresAt();
        em.persist(e);
        em.flush();
    }

    @Override
    public void saveLease(Lease lease) {
        WorkLeaseEntity e = leaseEntity(lease.kind(), lease.resourceId());
        e.ownerId = lease.owner();
        e.expiresAt = lease.expiresAt();
        em.flush();
    }

    @Override
    public void deleteLease(String kind, UUID resourceId) {
        em.remove(leaseEntity(kind, resourceId));
        em.flush();
    }

    @Override
    public Optional<StoredApiKey> findApiKeyByLookupId(String lookupId) {
        return security.findApiKeyByLookupId(lookupId);
    }

    @Override
    public Optional<StoredApiKey> findApiKey(TenantId tenant, String name) {
        return security.findApiKey(tenant, name);
    }

    @Override
    public List<StoredApiKey> listApiKeys(TenantId tenant) {
        return security.listApiKeys(tenant);
    }

    @Override
    public void insertApiKey(StoredApiKey key) {
        security.insertApiKey(key);
    }

    @Override
    public boolean revokeApiKey(TenantId tenant, String name, Instant at) {
        return security.revokeApiKey(tenant, name, at);
    }

    @Override
    public boolean touchApiKey(UUID id, Instant at, Instant staleBefore) {
        return security.touchApiKey(id, at, staleBefore);
    }

    @Override
    public long insertAuditEvent(AuditEntry event) {
        return security.insertAuditEvent(event);
    }

    @Override
    public List<AuditEvent> findAuditEvents(AuditFilter filter, int limit) {
        return security.findAuditEvents(filter, limit);
    }

    @Override
    public int deleteAuditEventsBefore(Instant cutoff, int batch) {
        return security.deleteAuditEventsBefore(cutoff, batch);
    }

    private WorkLeaseEntity leaseEntity(String kind, UUID resourceId) {
        WorkLeaseEntity e = em.find(WorkLeaseEntity.class, new WorkLeaseEntity.Key(kind, resourceId));
        if (e == null) {
            throw new IllegalStateException("lease " + kind + "/" + resourceId + " was not read in this session");
        }
        return e;
    }

    @Override
    public List<Pipeline> listPipelines(TenantId tenant) {
        return em.createQuery("select p from PipelineEntity p where p.tenantId = :tenant order by p.name",
                        PipelineEntity.class)
                .setParameter("tenant", tenant.value())
                .getResultStream().map(EntityMapper::toPipeline).toList();
    }

    @Override
    public Optional<Pipeline> findPipeline(TenantId tenant, String ref) {
        return findByRef(PipelineEntity.class, tenant, ref).map(EntityMapper::toPipeline);
    }

    @Override
    public void insertPipeline(Pipeline pipeline) {
        PipelineEntity entity = new PipelineEntity();
        EntityMapper.copy(pipeline, entity);
        em.persist(entity);
        em.flush();
    }

    @Override
    public void savePipeline(Pipeline pipeline) {
        EntityMapper.copy(pipeline, managed(PipelineEntity.class, pipeline.tenant(), pipeline.id().value()));
        em.flush();
    }

    @Override
    public boolean updatePipelineStatus(PipelineId id, PipelineStatus from, PipelineStatus status, Instant statusSince,
                                        Long programVersion, PipelineError error) {
        em.flush();
        // A move between RUNNING and PAUSED keeps the in-memory state; any other move into them starts a new one.
        boolean keepsState = isActive(from) && isActive(status);
        jakarta.persistence.Query update = em.createQuery("update PipelineEntity p set p.status = :status, p.statusSince = :since,"
                        + " p.errorJson = :error, p.programVersion = :programVersion, p.rowVersion = p.rowVersion + 1"
                        + (keepsState ? "" : ", p.stateSince = :stateSince")
                        + " where p.id = :id and p.status = :from")
                .setParameter("status", status.name())
                .setParameter("since", statusSince)
                .setParameter("error", error == null ? null : JsonCodec.write(error))
                .setParameter("programVersion", programVersion)
                .setParameter("id", id.value())
                .setParameter("from", from.name());
        if (!keepsState) {
            update.setParameter("stateSince", isActive(status) ? statusSince : null);
        }
        int updated = update.executeUpdate();
        em.clear();
        return updated == 1;
    }

    private static boolean isActive(PipelineStatus status) {
        return status == PipelineStatus.RUNNING || status == PipelineStatus.PAUSED;
    }

    @Override
    public void deletePipeline(TenantId tenant, PipelineId id) {
        em.remove(managed(PipelineEntity.class, tenant, id.value()));
        em.flush();
    }

    /** Looks an object up by UUID or by name, always within the tenant. */
    private <E> Optional<E> findByRef(Class<E> type, TenantId tenant, String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        String entity = type.getSimpleName();
        if (SpecRules.isUuid(ref)) {
            return em.createQuery("select e from " + entity + " e where e.tenantId = :tenant and e.id = :id", type)
                    .setParameter("tenant", tenant.value())
                    .setParameter("id", UUID.fromString(ref))
                    .getResultStream().findFirst();
        }
        return em.createQuery("select e from " + entity + " e where e.tenantId = :tenant and e.name = :name", type)
                .setParameter("tenant", tenant.value())
                .setParameter("name", ref)
                .getResultStream().findFirst();
    }

    /** The entity as loaded in this session; it must have been read here first (that is what guards the write). */
    private <E> E managed(Class<E> type, TenantId tenant, UUID id) {
        E entity = em.find(type, id);
        if (entity == null || !tenant.value().equals(tenantOf(entity))) {
            throw new IllegalStateException(type.getSimpleName() + " " + id + " of tenant " + tenant
                    + " was not read in this session");
        }
        return entity;
    }

    private static UUID tenantOf(Object entity) {
        if (entity instanceof ProgramEntity p) {
            return p.tenantId;
        }
        return ((PipelineEntity) entity).tenantId;
    }
}
