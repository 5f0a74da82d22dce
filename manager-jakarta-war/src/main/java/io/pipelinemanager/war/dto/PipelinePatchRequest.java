package io.pipelinemanager.war.dto;

import io.pipelinemanager.core.api.PipelineUpdate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/pipelines/{id}}: absent fields stay unchanged; the pipeline must be stopped. */
@Schema(name = "PipelinePatch")
public record PipelinePatchRequest(
        String name,
        String description,
        @Schema(description = "Another program's id or name")
        String program,
        @Schema(description = "Replaces the whole configuration; absent fields in it take their defaults")
        PipelineConfigDto config,
        @Schema(description = "The version the client read; a different current version answers 409 OutdatedVersion")
        Long version) {

    /** The core update. */
    public PipelineUpdate toUpdate() {
        return new PipelineUpdate(name, description, program, PipelineConfigDto.toConfig(config), version);
    }
}
