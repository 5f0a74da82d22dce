-- Pipeline Manager schema, version 1: tenants, programs, compiled artifacts, pipelines, work leases.
-- Portable between PostgreSQL 15 and H2 2.x in PostgreSQL mode (see PLATFORM-NOTES: no TIMESTAMPTZ
-- alias, no partial/expression indexes, no arrays, no plpgsql). JSON documents are stored as text.
-- Every user row carries its tenant; row_version is the optimistic-locking counter bumped by every write.

CREATE TABLE tenant (
    id          UUID                     NOT NULL,
    name        VARCHAR(128)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tenant_pk PRIMARY KEY (id),
    CONSTRAINT tenant_name_uq UNIQUE (name)
);

-- The tenant used when authentication is off.
INSERT INTO tenant (id, name, created_at)
VALUES ('00000000-0000-0000-0000-000000000000', 'default', CURRENT_TIMESTAMP);

CREATE TABLE program (
    id                UUID                     NOT NULL,
    tenant_id         UUID                     NOT NULL,
    name              VARCHAR(63)              NOT NULL,
    description       VARCHAR(1000)            NOT NULL,
    code              VARCHAR                  NOT NULL,
    version           BIGINT                   NOT NULL,
    status            VARCHAR(32)              NOT NULL,
    status_since      TIMESTAMP WITH TIME ZONE NOT NULL,
    diagnostics_json  VARCHAR                  NOT NULL,
    schema_json       VARCHAR                  NOT NULL,
    row_version       BIGINT                   NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT program_pk PRIMARY KEY (id),
    CONSTRAINT program_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT program_name_uq UNIQUE (tenant_id, name)
);

CREATE INDEX program_status_idx ON program (status, status_since);

-- Compiled programs by content hash (SHA-256 of code and compiler version): recompiling unchanged
-- code is free, and pipelines of any tenant share one entry.
CREATE TABLE compiled_artifact (
    content_hash      VARCHAR(64)              NOT NULL,
    compiler_version  VARCHAR(64)              NOT NULL,
    schema_json       VARCHAR                  NOT NULL,
    diagnostics_json  VARCHAR                  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT compiled_artifact_pk PRIMARY KEY (content_hash)
);

CREATE TABLE pipeline (
    id               UUID                     NOT NULL,
    tenant_id        UUID                     NOT NULL,
    name             VARCHAR(63)              NOT NULL,
    description      VARCHAR(1000)            NOT NULL,
    program_id       UUID                     NOT NULL,
    program_version  BIGINT,
    config_json      VARCHAR                  NOT NULL,
    desired_status   VARCHAR(16)              NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    status_since     TIMESTAMP WITH TIME ZONE NOT NULL,
    error_json       VARCHAR,
    version          BIGINT                   NOT NULL,
    row_version      BIGINT                   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pipeline_pk PRIMARY KEY (id),
    CONSTRAINT pipeline_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT pipeline_program_fk FOREIGN KEY (program_id) REFERENCES program (id),
    CONSTRAINT pipeline_name_uq UNIQUE (tenant_id, name)
);

CREATE INDEX pipeline_program_idx ON pipeline (program_id);

-- Background work claimed by one manager instance at a time (kind = 'compile' or 'pipeline').
-- An instance owns a resource until expires_at; another may take over an expired lease.
CREATE TABLE work_lease (
    kind         VARCHAR(32)              NOT NULL,
    resource_id  UUID                     NOT NULL,
    owner_id     VARCHAR(128)             NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version  BIGINT                   NOT NULL,
    CONSTRAINT work_lease_pk PRIMARY KEY (kind, resource_id)
);
