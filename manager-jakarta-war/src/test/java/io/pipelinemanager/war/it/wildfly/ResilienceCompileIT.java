package io.pipelinemanager.war.it.wildfly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinemanager.war.it.support.ApiClient;
import io.pipelinemanager.war.it.support.ApiClient.Reply;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compilation cannot take the server down: validating a 5,000-view program (which ran the one-command
 * server out of memory) and programs nested deeply enough to overflow a request thread's stack answer
 * normally, and afterwards health is UP and a new program compiles and runs.
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly")
@ExtendWith(ArquillianExtension.class)
class ResilienceCompileIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ArquillianResource
    URL base;

    private ApiClient api;

    /** The WAR exactly as Maven packaged it. */
    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("pm.war")));
    }

    @BeforeEach
    void client() throws Exception {
        api = new ApiClient(base.toURI());
    }

    private static String views(int n) {
        StringBuilder sb = new StringBuilder("CREATE TABLE t(a INT, b INT, c VARCHAR(10));\n");
        for (int i = 0; i < n; i++) {
            sb.append("CREATE VIEW v").append(i).append(" AS SELECT a, b, c FROM t WHERE a > ").append(i).append(";\n");
        }
        return sb.toString();
    }

    private static String union(int n) {
        StringBuilder sb = new StringBuilder("CREATE TABLE t(a INT);\nCREATE VIEW v AS ");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " UNION ").append("SELECT a FROM t WHERE a = ").append(i);
        }
        return sb.append(";").toString();
    }

    private static String nested(int n) {
        String query = "SELECT a FROM t";
        for (int i = 0; i < n; i++) {
            query = "SELECT a FROM (" + query + ") s" + i;
        }
        return "CREATE TABLE t(a INT);\nCREATE VIEW v AS " + query + ";";
    }

    private static String or(int n) {
        StringBuilder sb = new StringBuilder("CREATE TABLE t(a INT);\nCREATE VIEW v AS SELECT a FROM t WHERE ");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " OR ").append("a = ").append(i);
        }
        return sb.append(";").toString();
    }

    private Reply validate(String code) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("code", code));
        return api.postStream("api/programs/validate", "application/json", () -> new ByteArrayInputStream(body));
    }

    private void assertHealthyAndANewProgramRuns() {
        Reply health = api.get("api/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Reply program = api.post("api/programs", Map.of("name", "after-" + suffix, "code",
                "CREATE TABLE t(a INT); CREATE MATERIALIZED VIEW m AS SELECT a * 2 AS b FROM t;"));
        assertThat(program.status()).as(program.toString()).isEqualTo(201);
        api.await("api/programs/after-" + suffix, p -> p.path("status").asText().equals("SUCCESS"), Duration.ofMinutes(2));
        assertThat(api.post("api/pipelines", Map.of("name", "after-" + suffix, "program", "after-" + suffix)).status())
                .isEqualTo(201);
        assertThat(api.post("api/pipelines/after-" + suffix + "/start").status()).isEqualTo(202);
        api.await("api/pipelines/after-" + suffix, p -> p.path("status").asText().equals("RUNNING"), Duration.ofMinutes(1));
        Reply ingress = api.post("api/pipelines/after-" + suffix + "/ingress/t", "application/x-ndjson", "{\"a\": 21}\n");
        assertThat(ingress.status()).as(ingress.toString()).isEqualTo(200);
        api.await("api/pipelines/after-" + suffix + "/stats", s -> s.path("processed_records").asLong() == 1,
                Duration.ofSeconds(30));
        api.post("api/pipelines/after-" + suffix + "/shutdown");
    }

    @Test
    void validatingAFiveThousandViewProgramLeavesTheServerHealthy() throws Exception {
        String code = views(5_000);
        assertThat(code.length()).isGreaterThan(250_000);
        long started = System.nanoTime();
        Reply reply = validate(code);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("validate of a 5,000-view program (" + code.length() + " characters): " + reply.status()
                + " in " + millis + " ms");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode result = reply.json();
        if (result.get("status").asText().equals("SQL_ERROR")) {
            // Refused by a limit (e.g. the time budget on a slow machine): a clear, positioned diagnostic.
            assertThat(result.get("diagnostics").findValuesAsText("code")).containsAnyOf("CompileLimit", "CompileTimeout");
        } else {
            assertThat(result.get("status").asText()).isEqualTo("SUCCESS");
            assertThat(result.get("schema").get("views").size()).isEqualTo(5_000);
        }
        assertHealthyAndANewProgramRuns();
    }

    @Test
    void deeplyNestedProgramsCompileOnTheCompilerThreads() throws Exception {
        for (String code : new String[] {union(1_000), nested(500), or(3_000)}) {
            Reply reply = validate(code);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().get("status").asText()).as(reply.toString()).isEqualTo("SUCCESS");
        }
        Reply tooDeep = validate(or(6_000));
        assertThat(tooDeep.status()).isEqualTo(200);
        assertThat(tooDeep.json().get("status").asText()).isEqualTo("SQL_ERROR");
        JsonNode diagnostic = tooDeep.json().get("diagnostics").get(0);
        assertThat(diagnostic.get("code").asText()).isEqualTo("TooDeeplyNested");
        assertThat(diagnostic.toString()).doesNotContain("Exception");
        assertHealthyAndANewProgramRuns();
    }
}
