package io.pipelinemanager.core.internal.store;

import io.pipelinemanager.core.api.ProgramId;
import io.pipelinemanager.core.api.TenantId;

/** A program waiting for or in compilation, as the compile queue lists it: no code, no documents. */
public record QueuedProgram(ProgramId id, TenantId tenant, long version) {
}
