package io.pipelinemanager.war.it.liberty;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinemanager.war.it.support.ApiClient;
import io.pipelinemanager.war.it.support.ApiClient.Reply;
import io.pipelinemanager.war.it.support.OidcProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Create a program and a pipeline, start it, push rows, query them, stop it: the REST API works on Open
 * Liberty, in {@code jwt} mode with a token of the ITs' OIDC provider (verified by the application, not by
 * Liberty's {@code mpJwt}). The shared REST and data-plane suites run on Liberty too ({@link LibertyRestApiIT},
 * {@link LibertyDataPlaneIT}).
 */
// Only in the failsafe execution of this server, even when -Dit.test selects the class for both.
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "liberty")
@ExtendWith(ArquillianExtension.class)
class LibertySmokeIT {

    @ArquillianResource
    URL base;

    /** The Liberty variant of the WAR exactly as Maven packaged it. */
    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("pm.war")));
    }

    @Test
    void createStartIngressAndQuery() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String token = OidcProvider.shared().token("liberty-" + suffix, "smoke", List.of("pm-editors"));
        ApiClient api = new ApiClient(base.toURI(), "Bearer " + token);
        Reply me = api.get("api/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("tenant").asText()).isEqualTo("liberty-" + suffix);
        assertThat(me.json().get("auth_method").asText()).isEqualToIgnoringCase("jwt");

        Reply program = api.post("api/programs", Map.of("name", "p-" + suffix,
                "code", "CREATE TABLE t (x INT NOT NULL);\nCREATE MATERIALIZED VIEW v AS SELECT x FROM t;"));
        assertThat(program.status()).as(program.toString()).isEqualTo(201);
        assertThat(program.json().get("status_since").isTextual()).isTrue();

        Reply pipeline = api.post("api/pipelines", Map.of("name", "l-" + suffix, "program", "p-" + suffix));
        assertThat(pipeline.status()).as(pipeline.toString()).isEqualTo(201);

        Reply started = api.post("api/pipelines/l-" + suffix + "/start");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);

        JsonNode running = api.awaitStatus("api/pipelines/" + pipeline.json().get("id").asText(), "RUNNING");
        assertThat(running.get("desired_status").asText()).isEqualTo("RUNNING");
        assertThat(running.get("program_id").asText()).isEqualTo(program.json().get("id").asText());

        Reply json = api.post("api/pipelines/l-" + suffix + "/ingress/t", "application/x-ndjson", "{\"insert\": {\"x\": 1}}\n[{\"x\": 2}]\n");
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        Reply csv = api.post("api/pipelines/l-" + suffix + "/ingress/t", "text/csv", "3\r\n");
        assertThat(csv.json().get("records").asLong()).isEqualTo(1);
        api.await("api/pipelines/l-" + suffix + "/stats", s -> s.get("processed_records").asLong() == 3, Duration.ofSeconds(20));
        Reply query = api.getAny("api/pipelines/l-" + suffix + "/query?format=csv&sql=SELECT%20SUM(x)%20AS%20s%20FROM%20t");
        assertThat(query.status()).as(query.toString()).isEqualTo(200);
        assertThat(query.body()).isEqualToIgnoringCase("s\r\n6\r\n");
        assertThat(api.post("api/pipelines/l-" + suffix + "/shutdown").status()).isEqualTo(202);
        api.awaitStatus("api/pipelines/l-" + suffix, "STOPPED");

        // Without the token, or with one for another audience: the API's 401 with its challenge.
        for (ApiClient refused : List.of(new ApiClient(base.toURI(), null), new ApiClient(base.toURI(), "Bearer "
                + OidcProvider.shared().tokenForAudience("another-app", "liberty-" + suffix, "smoke", List.of("pm-editors"))))) {
            Reply denied = refused.get("api/programs/p-" + suffix);
            assertThat(denied.status()).as(denied.toString()).isEqualTo(401);
            assertThat(denied.errorCode()).isEqualTo("Unauthenticated");
            assertThat(denied.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(c -> assertThat(c).startsWith("Bearer"));
        }

        Reply unknown = api.get("api/programs/nope-" + suffix);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("UnknownProgram");
        assertThat(api.get("api/health").json().get("status").asText()).isEqualTo("UP");
    }
}
