package io.pipelinemanager.war.it.wildfly;

import io.pipelinemanager.war.it.rest.DataPlaneTests;
import io.pipelinemanager.war.it.support.ApiClient.Reply;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DataPlaneTests} on WildFly. */
// Only in the failsafe execution of this server, even when -Dit.test selects the class for both.
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly")
@ExtendWith(ArquillianExtension.class)
class WildFlyDataPlaneIT extends DataPlaneTests {

    @ArquillianResource
    URL base;

    /** The WAR exactly as Maven packaged it. */
    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("pm.war")));
    }

    @Override
    protected URI base() {
        return URI.create(base.toExternalForm());
    }

    /**
     * Sixty running pipelines (close to the default cap of 64, {@code pm.runner.max-pipelines}) all take their input
     * on WildFly: they own no thread, and their steps run on the manager's few step worker loops, which hold threads
     * of the server's managed executor (configure-server.cli) for the manager's life.
     */
    @Test
    void sixtyRunningPipelinesAllStepOnTheSharedWorkerLoops() {
        int pipelines = 60;
        String program = "many-" + suffix;
        assertThat(api.post("api/programs", Map.of("name", program, "code", SHOP)).status()).isEqualTo(201);
        api.awaitStatus("api/programs/" + program, "SUCCESS");
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < pipelines; i++) {
            paths.add(startPipeline(program, program + "-" + i, Map.of()));
        }
        for (int i = 0; i < pipelines; i++) {
            Reply pushed = api.post(paths.get(i) + "/ingress/orders", "application/x-ndjson",
                    "{\"insert\": {\"id\": " + i + ", \"customer\": \"c\", \"amount\": 1}}\n");
            assertThat(pushed.status()).as("push into %s: %s", paths.get(i), pushed).isEqualTo(200);
        }
        for (String path : paths) {
            api.await(path + "/stats", stats -> stats.get("processed_records").asLong() == 1, Duration.ofSeconds(60));
        }
        for (String path : paths) {
            stop(path);
            assertThat(api.delete(path).status()).isEqualTo(204);
        }
    }
}
