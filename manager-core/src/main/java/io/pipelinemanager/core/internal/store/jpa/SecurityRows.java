package io.pipelinemanager.core.internal.store.jpa;

import io.pipelinemanager.core.api.AuditEvent;
import io.pipelinemanager.core.api.AuditOutcome;
import io.pipelinemanager.core.api.AuthMethod;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.Role;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.audit.AuditEntry;
import io.pipelinemanager.core.internal.store.AuditFilter;
import io.pipelinemanager.core.internal.store.StoredApiKey;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The store's API key and audit event rows, for {@link JpaStoreSession}. */
final class SecurityRows {

    private final EntityManager em;

    SecurityRows(EntityManager em) {
        this.em = em;
    }

    Optional<StoredApiKey> findApiKeyByLookupId(String lookupId) {
        return apiKeys("k.lookupId = :lookup", Map.of("lookup", lookupId)).stream().findFirst();
    }

    Optional<StoredApiKey> findApiKey(TenantId tenant, String name) {
        return apiKeys("k.tenantId = :tenant and k.name = :name", Map.of("tenant", tenant.value(), "name", name))
                .stream().findFirst();
    }

    List<StoredApiKey> listApiKeys(TenantId tenant) {
        return apiKeys("k.tenantId = :tenant", Map.of("tenant", tenant.value()));
    }

    /** Keys matching {@code condition}, with their tenant's name, ordered by name. */
    private List<StoredApiKey> apiKeys(String condition, Map<String, Object> parameters) {
        TypedQuery<Object[]> query = em.createQuery("select k, t.name from ApiKeyEntity k, TenantEntity t"
                + " where t.id = k.tenantId and " + condition + " order by k.name", Object[].class);
        parameters.forEach(query::setParameter);
        return query.getResultStream().map(row -> toStoredKey((ApiKeyEntity) row[0], (String) row[1])).toList();
    }

    private static StoredApiKey toStoredKey(ApiKeyEntity e, String tenantName) {
        return new StoredApiKey(e.id, new TenantId(e.tenantId), tenantName, e.name, e.lookupId, e.hash,
                Role.valueOf(e.role), e.createdAt, e.createdBy, e.expiresAt, e.revokedAt, e.lastUsedAt);
    }

    void insertApiKey(StoredApiKey key) {
        ApiKeyEntity e = new ApiKeyEntity();
        e.id = key.id();
        e.tenantId = key.tenant().value();
        e.name = key.name();
        e.lookupId = key.lookupId();
        e.hash = key.hash();
        e.role = key.role().name();
        e.createdAt = key.createdAt();
        e.createdBy = clip(key.createdBy(), 256);
        e.expiresAt = key.expiresAt();
        e.revokedAt = key.revokedAt();
        e.lastUsedAt = key.lastUsedAt();
        em.persist(e);
        em.flush();
    }

    boolean revokeApiKey(TenantId tenant, String name, Instant at) {
        em.flush();
        int updated = em.createQuery("update ApiKeyEntity k set k.revokedAt = :at"
                        + " where k.tenantId = :tenant and k.name = :name and k.revokedAt is null")
                .setParameter("at", at)
                .setParameter("tenant", tenant.value())
                .setParameter("name", name)
                .executeUpdate();
        em.clear();
        return updated == 1;
    }

    boolean touchApiKey(UUID id, Instant at, Instant staleBefore) {
        em.flush();
        int updated = em.createQuery("update ApiKeyEntity k set k.lastUsedAt = :at"
                        + " where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :stale)")
                .setParameter("at", at)
                .setParameter("id", id)
                .setParameter("stale", staleBefore)
                .executeUpdate();
        em.clear();
        return updated == 1;
    }

    long insertAuditEvent(AuditEntry event) {
        AuditEventEntity e = new AuditEventEntity();
        e.occurredAt = event.occurredAt();
        e.tenantName = clip(event.tenant(), 128);
        e.principal = clip(event.principal(), 256);
        e.authMethod = event.authMethod().name();
        e.action = clip(event.action(), 64);
        e.targetKind = clip(event.targetKind(), 32);
        e.targetName = clip(event.targetName(), 256);
        e.targetId = clip(event.targetId(), 64);
        e.outcome = event.outcome().name();
        e.errorCode = event.errorCode() == null ? null : event.errorCode().name();
        e.reason = clip(event.reason(), 64);
        e.requestId = clip(event.requestId(), 128);
        e.clientAddress = clip(event.clientAddress(), 128);
        em.persist(e);
        em.flush();
        return e.id;
    }

    List<AuditEvent> findAuditEvents(AuditFilter filter, int limit) {
        StringBuilder jpql = new StringBuilder("select e from AuditEventEntity e where e.tenantName = :tenant");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("tenant", filter.tenant());
        condition(jpql, parameters, "e.occurredAt >= :from", "from", filter.from());
        condition(jpql, parameters, "e.occurredAt < :to", "to", filter.to());
        condition(jpql, parameters, "e.principal = :principal", "principal", filter.principal());
        condition(jpql, parameters, "e.action = :action", "action", filter.action());
        condition(jpql, parameters, "e.targetKind = :targetKind", "targetKind", filter.targetKind());
        condition(jpql, parameters, "e.targetName = :targetName", "targetName", filter.targetName());
        condition(jpql, parameters, "e.outcome = :outcome", "outcome",
                filter.outcome() == null ? null : filter.outcome().name());
        if (filter.afterTime() != null) {
            jpql.append(" and (e.occurredAt < :afterTime or (e.occurredAt = :afterTime and e.id < :afterId))");
            parameters.put("afterTime", filter.afterTime());
            parameters.put("afterId", filter.afterId());
        }
        jpql.append(" order by e.occurredAt desc, e.id desc");
        TypedQuery<AuditEventEntity> query = em.createQuery(jpql.toString(), AuditEventEntity.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultStream().map(SecurityRows::toEvent).toList();
    }

    private static void condition(StringBuilder jpql, Map<String, Object> parameters, String condition, String name,
                                  Object value) {
        if (value != null) {
            jpql.append(" and ").append(condition);
            parameters.put(name, value);
        }
    }

    private static AuditEvent toEvent(AuditEventEntity e) {
        return new AuditEvent(e.id, e.occurredAt, e.tenantName, e.principal, AuthMethod.valueOf(e.authMethod), e.action,
                e.targetKind, e.targetName, e.targetId, AuditOutcome.valueOf(e.outcome),
                e.errorCode == null ? null : ErrorCode.valueOf(e.errorCode), e.reason, e.requestId, e.clientAddress);
    }

    int deleteAuditEventsBefore(Instant cutoff, int batch) {
        List<Long> ids = em.createQuery("select e.id from AuditEventEntity e where e.occurredAt < :cutoff order by e.id",
                        Long.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(batch)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        int deleted = em.createQuery("delete from AuditEventEntity e where e.id in :ids")
                .setParameter("ids", ids)
                .executeUpdate();
        em.clear();
        return deleted;
    }

    /** The text cut to a column's width (audit fields come partly from clients; the event must still be stored). */
    private static String clip(String text, int width) {
        return text == null || text.length() <= width ? text : text.substring(0, width);
    }
}
