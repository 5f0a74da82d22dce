package io.pipelinemanager.core.internal.checkpoint;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.api.CheckpointStorage;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.config.ManagerConfig;
import io.pipelinemanager.core.internal.config.ManagerConfig.Layers;
import io.pipelinemanager.core.internal.config.ManagerSettings;
import io.pipelinemanager.core.internal.store.Database;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code pm.checkpoint.*} picks and configures the store. */
class CheckpointStoresTest {

    @TempDir
    Path temp;

    @Test
    void theDefaultIsADirectoryBesideTheDefaultDatabaseWithAOneGibibyteJournal() {
        ManagerSettings settings = ManagerConfig.load(Layers.explicit(Map.of()));

        assertThat(settings.checkpoint().store()).isEqualTo(CheckpointStorage.DIRECTORY);
        assertThat(settings.checkpoint().journalMaxBytes()).isEqualTo(1L << 30);
        assertThat(settings.db().url()).contains("~/.pipeline-manager/");
        assertThat(CheckpointStores.directory(settings.checkpoint().directory()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".pipeline-manager", "checkpoints"));
        assertThat(CheckpointStores.directory("relative/dir")).isEqualTo(Path.of("relative/dir"));
    }

    @Test
    void aDirectoryStoreUsesTheConfiguredDirectoryAndJournalMaximum() throws Exception {
        Path root = temp.resolve("state");
        ManagerSettings settings = ManagerConfig.load(Layers.explicit(Map.of("pm.checkpoint.store", "directory",
                "pm.checkpoint.directory", root.toString(), "pm.checkpoint.journal-max-bytes", "4096")));

        try (CheckpointStore store = CheckpointStores.create(settings, null)) {
            assertThat(store.kind()).isEqualTo("directory");
            assertThat(((DirectoryCheckpointStore) store).root()).isEqualTo(root);
            assertThat(root).as("created with the first state").doesNotExist();
            Journal journal = store.journal(io.pipelinemanager.core.api.PipelineId.random());
            assertThat(root).isDirectory();
            assertThatThrownBy(() -> journal.append(1, new byte[5000])).isInstanceOf(JournalFullException.class);
        }
    }

    @Test
    void aDatabaseStoreUsesTheManagersDataSource() throws Exception {
        ManagerSettings settings = ManagerConfig.load(Layers.explicit(Map.of("pm.checkpoint.store", "database")));
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(TestDatabases.h2Url());
            Database.migrate(dataSource);
            try (CheckpointStore store = CheckpointStores.create(settings, dataSource)) {
                assertThat(store.kind()).isEqualTo("database");
                assertThat(store.latest(io.pipelinemanager.core.api.PipelineId.random())).isEmpty();
            }
        }
    }

    @Test
    void anUnknownStoreOrAnUnusableDirectoryIsInvalidConfig() throws Exception {
        assertThatThrownBy(() -> ManagerConfig.load(Layers.explicit(Map.of("pm.checkpoint.store", "s3"))))
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig);
                    assertThat(e.getMessage()).contains("pm.checkpoint.store");
                });
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
        ManagerSettings settings = ManagerConfig.load(Layers.explicit(Map.of("pm.checkpoint.directory", file.toString())));
        assertThatThrownBy(() -> CheckpointStores.create(settings, null))
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig);
                    assertThat(e.details()).containsEntry("key", "pm.checkpoint.directory");
                });
    }
}
