package io.pipelinemanager.core.internal.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of {@code audit_event}: inserted once, read by the audit query, deleted by age. */
@Entity
@Table(name = "audit_event")
public class AuditEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false)
    Long id;

    @Column(name = "occurred_at", nullable = false)
    Instant occurredAt;

    @Column(name = "tenant_name", length = 128)
    String tenantName;

    @Column(name = "principal", nullable = false, length = 256)
    String principal;

    @Column(name = "auth_method", nullable = false, length = 16)
    String authMethod;

    @Column(name = "action", nullable = false, length = 64)
    String action;

    @Column(name = "target_kind", length = 32)
    String targetKind;

    @Column(name = "target_name", length = 256)
    String targetName;

    @Column(name = "target_id", length = 64)
    String targetId;

    @Column(name = "outcome", nullable = false, length = 16)
    String outcome;

    @Column(name = "error_code", length = 64)
    String errorCode;

    @Column(name = "reason", length = 64)
    String reason;

    @Column(name = "request_id", length = 128)
    String requestId;

    @Column(name = "client_address", length = 128)
    String clientAddress;
}
