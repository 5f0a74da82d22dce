package io.pipelinemanager.core.api;

/**
 * A partial update of a stopped pipeline: null fields stay unchanged. Every non-empty update bumps
 * the pipeline's {@code version}; with {@code expectedVersion} set it is refused with
 * {@code OutdatedVersion} unless the pipeline is still at that version.
 */
public record PipelineUpdate(String name, String description, String program, PipelineConfig config,
                             Long expectedVersion) {

    /** Whether this update changes nothing. */
    public boolean isEmpty() {
        return name == null && description == null && program == null && config == null;
    }
}
