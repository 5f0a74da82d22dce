package io.pipelinemanager.core.internal.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Row of {@code work_lease}. */
@Entity
@Table(name = "work_lease")
@IdClass(WorkLeaseEntity.Key.class)
public class WorkLeaseEntity {

    @Id
    @Column(name = "kind", nullable = false, length = 32)
    String kind;

    @Id
    @Column(name = "resource_id", nullable = false)
    UUID resourceId;

    @Column(name = "owner_id", nullable = false, length = 128)
    String ownerId;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Version
    @Column(name = "row_version", nullable = false)
    long rowVersion;

    /** Composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String kind;
        UUID resourceId;

        public Key() {
        }

        Key(String kind, UUID resourceId) {
            this.kind = kind;
            this.resourceId = resourceId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(kind, k.kind) && Objects.equals(resourceId, k.resourceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, resourceId);
        }
    }
}
