package io.pipelinemanager.core.api;

/**
 * Where pipelines keep their checkpoints and input journals (configuration key {@code pm.checkpoint.store},
 * builder method {@code checkpointStore}).
 */
public enum CheckpointStorage {
    /** Files in a local directory ({@code pm.checkpoint.directory}); the default, for one instance ({@code directory}). */
    DIRECTORY("directory"),
    /** Tables of the manager's database, so that another instance can take a pipeline over ({@code database}). */
    DATABASE("database");

    private final String value;

    CheckpointStorage(String value) {
        this.value = value;
    }

    /** The configuration value, e.g. {@code directory}. */
    public String value() {
        return value;
    }
}
