package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.config.ConfigKey;
import io.pipelinemanager.core.internal.config.ManagerSettings;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/** Builds the {@link CheckpointStore} that {@code pm.checkpoint.*} asks for. */
public final class CheckpointStores {

    private CheckpointStores() {
    }

    /**
     * The configured store: a {@link DirectoryCheckpointStore} under {@code pm.checkpoint.directory}, or a
     * {@link DatabaseCheckpointStore} on {@code dataSource} (the manager's database, migrated). An unusable
     * directory is {@code InvalidConfig} naming the key.
     */
    public static CheckpointStore create(ManagerSettings settings, DataSource dataSource) {
        ManagerSettings.Checkpoint checkpoint = settings.checkpoint();
        return switch (checkpoint.store()) {
            case DATABASE -> new DatabaseCheckpointStore(dataSource, checkpoint.journalMaxBytes());
            case DIRECTORY -> {
                Path directory = directory(checkpoint.directory());
                try {
                    yield new DirectoryCheckpointStore(directory, checkpoint.journalMaxBytes());
                } catch (IOException e) {
                    throw new ManagerException(ErrorCode.InvalidConfig, "Cannot use " + directory + " ("
                            + ConfigKey.CHECKPOINT_DIRECTORY.key() + ") for checkpoints: " + e,
                            Map.of("key", ConfigKey.CHECKPOINT_DIRECTORY.key()), e);
                }
            }
        };
    }

    /** {@code value} as a path, {@code ~} or a leading {@code ~/} being the user's home (as H2 reads its default URL). */
    static Path directory(String value) {
        String trimmed = value.trim();
        try {
            if (trimmed.equals("~") || trimmed.startsWith("~/") || trimmed.startsWith("~\\")) {
                return Path.of(System.getProperty("user.home"), trimmed.substring(1).replaceFirst("^[/\\\\]", ""));
            }
            if (trimmed.isEmpty()) {
                throw new InvalidPathException(value, "empty");
            }
            return Path.of(trimmed);
        } catch (InvalidPathException e) {
            throw new ManagerException(ErrorCode.InvalidConfig, ConfigKey.CHECKPOINT_DIRECTORY.key()
                    + " must be a directory path: " + e.getMessage(), Map.of("key", ConfigKey.CHECKPOINT_DIRECTORY.key()));
        }
    }
}
