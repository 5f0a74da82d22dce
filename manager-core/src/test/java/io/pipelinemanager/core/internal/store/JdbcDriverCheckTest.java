package io.pipelinemanager.core.internal.store;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JDBC drivers are the host's choice (H2 comes with the core, PostgreSQL is optional): a configured URL that no
 * driver on the class path accepts is a clear configuration error naming what to add, without echoing the URL's
 * parameters (they may hold a password).
 */
class JdbcDriverCheckTest {

    @Test
    void aUrlWithoutDriverIsInvalidConfigAndShowsOnlyTheScheme() {
        assertThatThrownBy(() -> PipelineManager.builder().environment(Map.of())
                .property("pm.db.url", "jdbc:nosuchdb://db.example:5432/pm?user=pm&password=s3cret").build())
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig);
                    assertThat(e.getMessage()).contains("pm.db.url", "jdbc:nosuchdb:", "JDBC driver")
                            .doesNotContain("s3cret", "db.example");
                    assertThat(e.details()).containsEntry("key", "pm.db.url");
                });
    }

    @Test
    void aUrlThatIsNotJdbcIsInvalidConfig() {
        assertThatThrownBy(() -> PipelineManager.builder().environment(Map.of())
                .property("pm.db.url", "postgres://pm:s3cret@db/pm").build())
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig);
                    assertThat(e.getMessage()).contains("pm.db.url", "jdbc:").doesNotContain("s3cret");
                });
    }

    @Test
    void theMessageNamesTheArtifactOfTheDocumentedDatabases() {
        assertThat(Database.missingDriverMessage("jdbc:h2:file:~/.pipeline-manager/db;MODE=PostgreSQL"))
                .contains("jdbc:h2:", "com.h2database:h2", "excluded")
                .doesNotContain("pipeline-manager/db");
        assertThat(Database.missingDriverMessage("jdbc:postgresql://db/pm?password=s3cret"))
                .contains("jdbc:postgresql:", "org.postgresql:postgresql", "manager-bom")
                .doesNotContain("s3cret");
    }

    @Test
    void theDriversOfTheDefaultAndTheServerDatabaseAreFound() {
        Database.requireDriver("jdbc:h2:mem:x");
        Database.requireDriver("jdbc:postgresql://127.0.0.1:1/none");
    }
}
