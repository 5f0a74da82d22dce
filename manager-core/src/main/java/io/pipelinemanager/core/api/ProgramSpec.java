package io.pipelinemanager.core.api;

/**
 * What a client submits to create a program. {@code description} may be null (stored as empty).
 * Names follow the manager's name rules; {@code code} is the whole SQL program (at most 1 MiB).
 */
public record ProgramSpec(String name, String description, String code) {
}
