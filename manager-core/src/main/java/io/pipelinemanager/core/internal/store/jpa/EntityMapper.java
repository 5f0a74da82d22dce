package io.pipelinemanager.core.internal.store.jpa;

import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramId;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.TenantId;

/** Copies between entities and API records; the only place that knows both. */
final class EntityMapper {

    private EntityMapper() {
    }

    static Program toProgram(ProgramEntity e) {
        return new Program(new ProgramId(e.id), new TenantId(e.tenantId), e.name, e.description, e.code,
                e.version, ProgramStatus.valueOf(e.status), e.statusSince,
                JsonCodec.diagnostics(e.diagnosticsJson), JsonCodec.schema(e.schemaJson),
                e.createdAt, e.updatedAt);
    }

    static void copy(Program p, ProgramEntity e) {
        e.id = p.id().value();
        e.tenantId = p.tenant().value();
        e.name = p.name();
        e.description = p.description();
        e.code = p.code();
        e.version = p.version();
        e.status = p.status().name();
        e.statusSince = p.statusSince();
        e.diagnosticsJson = JsonCodec.write(p.diagnostics());
        e.schemaJson = JsonCodec.write(p.schema());
        e.createdAt = p.createdAt();
        e.updatedAt = p.updatedAt();
    }

    static Pipeline toPipeline(PipelineEntity e) {
        return new Pipeline(new PipelineId(e.id), new TenantId(e.tenantId), e.name, e.description,
                new ProgramId(e.programId), e.programVersion, JsonCodec.config(e.configJson),
                DesiredStatus.valueOf(e.desiredStatus), PipelineStatus.valueOf(e.status), e.statusSince,
                JsonCodec.error(e.errorJson), e.version, e.createdAt, e.updatedAt, e.stateSince);
    }

    static void copy(Pipeline p, PipelineEntity e) {
        e.id = p.id().value();
        e.tenantId = p.tenant().value();
        e.name = p.name();
        e.description = p.description();
        e.programId = p.programId().value();
        e.programVersion = p.programVersion();
        e.configJson = JsonCodec.write(p.config());
        e.desiredStatus = p.desiredStatus().name();
        e.status = p.status().name();
        e.statusSince = p.statusSince();
        e.errorJson = p.error() == null ? null : JsonCodec.write(p.error());
        e.version = p.version();
        e.createdAt = p.createdAt();
        e.updatedAt = p.updatedAt();
        e.stateSince = p.stateSince();
    }
}
