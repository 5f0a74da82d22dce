package io.pipelinemanager.samples.embedded;

import io.pipelinemanager.core.PipelineManager;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedQuickStartTest {

    @Test
    void quickStartPrintsSnapshotChangesAndQuery() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EmbeddedQuickStart.run(PipelineManager.builder().environment(Map.of())
                .property("pm.db.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("{\"step\":0,\"snapshot\":true,\"changes\":[]}");
        assertThat(lines[1]).startsWith("{\"step\":1,").contains("{\"insert\":{\"customer\":\"ann\",\"total\":12.50}}")
                .contains("{\"insert\":{\"customer\":\"bob\",\"total\":3.00}}");
        assertThat(lines[2]).isEqualTo("[[ann, 12.50], [bob, 3.00]]");
    }
}
