package io.pipelinemanager.war.it.wildfly;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinemanager.war.it.rest.RestApiTests;
import io.pipelinemanager.war.it.support.ApiClient.Reply;
import io.pipelinemanager.war.it.support.ItCredentials;
import io.pipelinemanager.war.it.support.OpenApiDocuments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST API tests on WildFly, plus what only WildFly has: the server's own health endpoint on the
 * management port, and the OpenAPI document it generates from the annotations, which must equal the
 * committed {@code openapi.json} (the document the embedded server serves).
 */
// Only in the failsafe execution of this server, even when -Dit.test selects the class for both.
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly")
@ExtendWith(ArquillianExtension.class)
class WildFlyRestApiIT extends RestApiTests {

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

    @Test
    void theServersHealthEndpointReportsTheManagersReadiness() throws Exception {
        URI ready = new URI("http", null, base.getHost(), 10090, "/health/ready", null, null);
        Reply server = api.getAbsolute(ready);
        assertThat(server.status()).as(server.toString()).isEqualTo(200);
        assertThat(server.body()).contains("pipeline-manager-ready").contains("\"UP\"");
    }

    /**
     * On PostgreSQL the WAR's manager hears other instances' changes at once: it reaches the driver's notification
     * API through the data source's connection (the deployment sees the driver module) and LISTENs, so its health
     * carries no {@code wakeups} problem. On H2 (no {@code PM_TEST_PG_URL}) there is nothing to listen to.
     */
    @Test
    void onPostgresTheManagerListensForOtherInstancesChanges() {
        Assumptions.assumeTrue(ItCredentials.property("pm.ds.url").filter(u -> u.startsWith("jdbc:postgresql:")).isPresent(),
                "the ITs run on H2, which has no LISTEN");
        String[] last = new String[1];
        await("health without a wakeups problem").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Reply health = api.get("api/health");
                    last[0] = health.toString();
                    assertThat(health.status()).as(last[0]).isEqualTo(200);
                    JsonNode readiness = health.json().get("checks").findParent("background_work");
                    assertThat(readiness.path("wakeups").isMissingNode()).as("wakeups detail in %s", last[0]).isTrue();
                });
    }

    @Test
    void servedOpenApiMatchesTheCommittedDocument() throws IOException {
        URI openapi = base().resolve("/openapi?format=JSON");
        Reply served = api.getAbsolute(openapi);
        assertThat(served.status()).isEqualTo(200);
        String normalised = OpenApiDocuments.normalise(served.body());
        Path committed = Path.of(System.getProperty("pm.openapi.committed"));
        if (Boolean.getBoolean("pm.openapi.update")) {
            Files.writeString(committed, normalised, StandardCharsets.UTF_8);
        }
        Path servedCopy = committed.resolveSibling("target/openapi-served.json");
        Files.writeString(servedCopy, normalised, StandardCharsets.UTF_8);
        assertThat(committed).as("committed OpenAPI document").exists();
        assertThat(OpenApiDocuments.normalise(Files.readString(committed)))
                .as("openapi.json drifted from what the server serves (" + servedCopy + "); regenerate with "
                        + "-Dpm.openapi.update=true, see README")
                .isEqualTo(normalised);
        assertThat(normalised).contains("\"/api/programs/{id}\"", "\"/api/pipelines/{id}/start\"", "\"error_code\"",
                "\"status_since\"", "\"413\"", "\"429\"", "\"/api/pipelines/{id}/egress/{view}\"",
                "\"compilation_queue_position\"", "\"/api/me\"", "\"x-required-role\"", "\"WWW-Authenticate\"",
                "\"bearerFormat\" : \"JWT\"");
    }
}
