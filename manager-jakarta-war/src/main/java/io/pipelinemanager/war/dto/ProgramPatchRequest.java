package io.pipelinemanager.war.dto;

import io.pipelinemanager.core.api.ProgramUpdate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/programs/{id}}: absent fields stay unchanged. */
@Schema(name = "ProgramPatch")
public record ProgramPatchRequest(
        String name,
        String description,
        @Schema(description = "New SQL code: bumps the version and sends the program back to compilation")
        String code,
        @Schema(description = "The version the client read; a different current version answers 409 OutdatedVersion")
        Long version) {

    /** The core update. */
    public ProgramUpdate toUpdate() {
        return new ProgramUpdate(name, description, code, version);
    }
}
