package io.pipelinemanager.core.api;

/**
 * What a client submits to create a pipeline. {@code program} is the program's id or name;
 * a null {@code config} means {@link PipelineConfig#DEFAULT}, a null description is stored as empty.
 */
public record PipelineSpec(String name, String description, String program, PipelineConfig config) {
}
