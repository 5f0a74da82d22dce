package io.pipelinemanager.war.it.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinemanager.war.it.support.ApiClient.Reply;
import io.pipelinemanager.war.it.support.RouteProbes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API over HTTP: CRUD, lifecycle requests, every reachable error code, health, metrics, OpenAPI. Run
 * against each server (WildFly, the embedded server) by a subclass that says where it is.
 */
public abstract class RestApiTests extends ServerTests {

    /** A program with a table and a view. */
    protected static final String CODE = "CREATE TABLE orders (id INT, amount DECIMAL(10, 2));\n"
            + "CREATE VIEW total AS SELECT SUM(amount) AS amount FROM orders;";

    @Test
    public void programCrudByIdAndName() {
        Reply created = api.post("api/programs", Map.of("name", "p-" + suffix, "description", "totals", "code", CODE));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode program = created.json();
        String id = program.get("id").asText();
        assertThat(created.raw().headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/programs/" + id));
        assertThat(program.get("status").asText()).isEqualTo("PENDING");
        assertThat(program.get("version").asLong()).isEqualTo(1);
        assertThat(program.has("status_since")).isTrue();
        assertThat(program.get("schema").get("tables").isArray()).isTrue();

        assertThat(api.get("api/programs/" + id).json().get("name").asText()).isEqualTo("p-" + suffix);
        assertThat(api.get("api/programs/p-" + suffix).json().get("id").asText()).isEqualTo(id);
        assertThat(api.get("api/programs").json().findValuesAsText("name")).contains("p-" + suffix);

        // No wait for the compiler: its status writes never make a client's PATCH fail.
        Reply patched = api.patch("api/programs/" + id, Map.of("code", CODE + "\n-- v2", "version", 1));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("version").asLong()).isEqualTo(2);
        api.awaitStatus("api/programs/" + id, "SUCCESS");
        Reply renamed = api.patch("api/programs/p-" + suffix, Map.of("name", "q-" + suffix));
        assertThat(renamed.json().get("name").asText()).isEqualTo("q-" + suffix);

        assertThat(api.delete("api/programs/q-" + suffix).status()).isEqualTo(204);
        assertThat(api.get("api/programs/" + id).errorCode()).isEqualTo("UnknownProgram");
    }

    @Test
    public void pipelineCrudAndLifecycleRequests() {
        createProgram("p-" + suffix);
        Reply created = api.post("api/pipelines", Map.of("name", "l-" + suffix, "program", "p-" + suffix,
                "config", Map.of("max_batch_records", 500)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode pipeline = created.json();
        assertThat(pipeline.get("status").asText()).isEqualTo("STOPPED");
        assertThat(pipeline.get("desired_status").asText()).isEqualTo("STOPPED");
        assertThat(pipeline.get("config").get("workers").asInt()).isEqualTo(1);
        assertThat(pipeline.get("config").get("max_batch_records").asInt()).isEqualTo(500);
        assertThat(pipeline.get("program_id").asText()).isEqualTo(api.get("api/programs/p-" + suffix).json().get("id").asText());
        String id = pipeline.get("id").asText();

        Reply patched = api.patch("api/pipelines/" + id, Map.of("description", "small batches", "version", 1));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("version").asLong()).isEqualTo(2);

        for (String[] step : new String[][] {{"start", "RUNNING"}, {"pause", "PAUSED"}, {"start", "RUNNING"}, {"shutdown", "STOPPED"}}) {
            Reply accepted = api.post("api/pipelines/l-" + suffix + "/" + step[0]);
            assertThat(accepted.status()).as(step[0] + ": " + accepted).isEqualTo(202);
            assertThat(accepted.json().get("desired_status").asText()).isEqualTo(step[1]);
            assertThat(api.get("api/pipelines/" + id).json().get("desired_status").asText()).isEqualTo(step[1]);
        }
        assertThat(api.get("api/pipelines").json().findValuesAsText("name")).contains("l-" + suffix);
        api.awaitStatus("api/pipelines/" + id, "STOPPED");
        assertThat(api.delete("api/pipelines/l-" + suffix).status()).isEqualTo(204);
        assertThat(api.get("api/pipelines/" + id).errorCode()).isEqualTo("UnknownPipeline");
    }

    @Test
    public void inputErrorsAnswer400Or413WithTheErrorBody() {
        assertError(api.post("api/programs", Map.of("name", "-bad-", "code", CODE)), 400, "InvalidName");
        assertError(api.post("api/programs", Map.of("name", "d-" + suffix, "description", "x".repeat(1001), "code", CODE)),
                400, "InvalidDescription");
        assertError(api.post("api/programs", Map.of("name", "big-" + suffix, "code", "-".repeat((1 << 20) + 1))),
                413, "CodeTooLarge");
        assertError(api.post("api/programs", "{\"name\": \"x\", "), 400, "InvalidRequest");
        assertError(api.post("api/programs", Map.of("name", "u-" + suffix, "code", CODE, "colour", "red")), 400, "InvalidRequest");
        assertError(api.post("api/programs", Map.of("name", "n-" + suffix)), 400, "InvalidRequest");
        Reply noBody = api.post("api/programs", "");
        assertError(noBody, 400, "InvalidRequest");
        assertThat(noBody.json().get("details").get("violations").toString()).contains("a JSON body is required");

        createProgram("p-" + suffix);
        assertError(api.post("api/pipelines", Map.of("name", "c-" + suffix, "program", "p-" + suffix,
                "config", Map.of("workers", 0))), 400, "InvalidConfig");
        // Steps run on one thread: more workers would be ignored, so they are refused.
        assertError(api.post("api/pipelines", Map.of("name", "w-" + suffix, "program", "p-" + suffix,
                "config", Map.of("workers", 2))), 400, "InvalidConfig");
        assertError(api.post("api/pipelines", "{\"name\": \"t-" + suffix + "\", \"program\": \"p\", \"config\": {\"workers\": \"many\"}}"),
                400, "InvalidRequest");
        assertError(api.post("api/pipelines", Map.of("name", "x".repeat(64), "program", "p-" + suffix)), 400, "InvalidName");
        assertThat(api.get("api/programs").json().findValuesAsText("name")).doesNotContain("d-" + suffix, "big-" + suffix, "n-" + suffix);
    }

    @Test
    public void protocolErrorsAnswerTheErrorBodyWithTheirStatus() {
        assertError(api.get("api/no-such-resource"), 404, "NotFound");
        Reply wrongMethod = api.delete("api/programs");
        assertError(wrongMethod, 405, "MethodNotAllowed");
        assertThat(wrongMethod.raw().headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).contains("GET", "POST"));
        assertError(api.send("api/programs", "POST", "text/plain", "name=x"), 415, "UnsupportedMediaType");
        assertError(api.send(HttpRequest.newBuilder(api.base().resolve("api/programs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 415, "UnsupportedMediaType");
        assertError(api.send(HttpRequest.newBuilder(api.base().resolve("api/programs")).header("Accept", "text/csv")
                .GET().build()), 406, "NotAcceptable");
        // Outside /api the servlet container answers, with the same body.
        URI root = appRoot();
        for (String path : List.of("", "index.html", "no/such/page", "api", "pm-error")) {
            assertError(api.send(HttpRequest.newBuilder(root.resolve(path)).GET().build()), 404, "NotFound");
        }
    }

    /** Whether this server is sent {@code probe} of the malformed-request walk (all of them, unless a server says otherwise). */
    protected boolean probes(RouteProbes.Probe probe) {
        return true;
    }

    @Test
    public void everyOperationAnswersMalformedRequestsWithADocumentedErrorBody() throws IOException {
        URI server = base().resolve("/");
        Reply document = api.getAbsolute(server.resolve("openapi?format=JSON"));
        assertThat(document.status()).isEqualTo(200);
        // Paths are relative to the application unless the server put its context root in front of them (Liberty).
        URI root = document.json().path("paths").has(appRoot().getPath() + "api/programs") ? server : appRoot();
        RouteProbes probes = new RouteProbes(root, document.body(), api.authorization());
        List<RouteProbes.Probe> all = probes.probes().stream().filter(this::probes).toList();
        assertThat(all).hasSizeGreaterThan(200);
        List<String> problems = all.stream().map(probes::check).filter(java.util.Objects::nonNull).toList();
        assertThat(problems).as("answers that are not a documented error body (of " + all.size() + " probes)").isEmpty();
    }

    @Test
    public void openApiIsJsonWhenAskedForJson() throws IOException {
        URI root = base().resolve("/");
        for (HttpRequest request : List.of(
                HttpRequest.newBuilder(root.resolve("openapi")).header("Accept", "application/json").GET().build(),
                HttpRequest.newBuilder(root.resolve("openapi?format=json")).GET().build(),
                HttpRequest.newBuilder(root.resolve("openapi?format=JSON")).GET().build())) {
            Reply reply = api.send(request);
            assertThat(reply.status()).as(request.uri().toString()).isEqualTo(200);
            assertThat(reply.raw().headers().firstValue("Content-Type").orElse(""))
                    .as(request.uri() + " " + request.headers().map()).startsWith("application/json");
            assertThat(reply.json().path("openapi").asText()).startsWith("3.");
        }
        Reply yaml = api.send(HttpRequest.newBuilder(root.resolve("openapi")).GET().build());
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("---").contains("openapi: 3.");
    }

    @Test
    public void stateErrorsAnswer404Or409() {
        assertError(api.get("api/programs/nope-" + suffix), 404, "UnknownProgram");
        assertError(api.get("api/pipelines/" + UUID.randomUUID()), 404, "UnknownPipeline");
        assertError(api.post("api/pipelines/nope-" + suffix + "/start"), 404, "UnknownPipeline");
        assertError(api.post("api/pipelines", Map.of("name", "o-" + suffix, "program", "nope-" + suffix)), 404, "UnknownProgram");

        createProgram("p-" + suffix);
        assertError(api.post("api/programs", Map.of("name", "p-" + suffix, "code", CODE)), 409, "DuplicateName");
        assertError(api.patch("api/programs/p-" + suffix, Map.of("code", CODE, "version", 7)), 409, "OutdatedVersion");

        assertThat(api.post("api/pipelines", Map.of("name", "s-" + suffix, "program", "p-" + suffix)).status()).isEqualTo(201);
        assertError(api.post("api/pipelines", Map.of("name", "s-" + suffix, "program", "p-" + suffix)), 409, "DuplicateName");
        createProgram("p2-" + suffix);
        assertError(api.patch("api/programs/p2-" + suffix, Map.of("name", "p-" + suffix)), 409, "DuplicateName");
        assertError(api.delete("api/programs/p-" + suffix), 409, "ProgramInUse");
        assertThat(api.post("api/pipelines/s-" + suffix + "/start").status()).isEqualTo(202);
        assertError(api.patch("api/pipelines/s-" + suffix, Map.of("description", "edit while running")), 409,
                "UpdateRestrictedToStopped");
        assertError(api.delete("api/pipelines/s-" + suffix), 409, "UpdateRestrictedToStopped");
        assertThat(api.post("api/pipelines/s-" + suffix + "/shutdown").status()).isEqualTo(202);
        api.awaitStatus("api/pipelines/s-" + suffix, "STOPPED");
        assertThat(api.delete("api/pipelines/s-" + suffix).status()).isEqualTo(204);
        assertThat(api.delete("api/programs/p-" + suffix).status()).isEqualTo(204);
    }

    @Test
    public void concurrentPatchesWithOneVersionLetExactlyOneWin() {
        createProgram("p-" + suffix);
        String path = "api/pipelines/r-" + suffix;
        assertThat(api.post("api/pipelines", Map.of("name", "r-" + suffix, "program", "p-" + suffix)).status()).isEqualTo(201);
        CompletableFuture<Reply> first = api.patchAsync(path, Map.of("description", "first", "version", 1));
        CompletableFuture<Reply> second = api.patchAsync(path, Map.of("description", "second", "version", 1));
        List<Reply> replies = List.of(first.join(), second.join());

        assertThat(replies).extracting(Reply::status).containsExactlyInAnyOrder(200, 409);
        Reply loser = replies.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertThat(loser.errorCode()).isEqualTo("OutdatedVersion");
        Reply winner = replies.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
        JsonNode stored = api.get(path).json();
        assertThat(stored.get("version").asLong()).isEqualTo(2);
        assertThat(stored.get("description").asText()).isEqualTo(winner.json().get("description").asText());
    }

    @Test
    public void everyAnswerCarriesARequestIdAndTheSecurityHeaders() {
        List<Reply> replies = List.of(api.get("api/programs"), api.get("api/programs/nope-" + suffix), api.get("api/me"),
                api.send(HttpRequest.newBuilder(appRoot().resolve("no/such/page")).GET().build()));
        for (Reply reply : replies) {
            java.net.http.HttpHeaders headers = reply.raw().headers();
            assertThat(headers.firstValue("X-Content-Type-Options")).as(reply.toString()).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).as(reply.toString()).hasValue("DENY");
            assertThat(headers.firstValue("Cache-Control")).as(reply.toString()).hasValue("no-store");
            assertThat(headers.firstValue("Referrer-Policy")).as(reply.toString()).hasValue("no-referrer");
        }
        String first = replies.get(0).raw().headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(first).matches("[0-9a-f-]{36}");
        assertThat(replies.get(1).raw().headers().firstValue("X-Request-Id")).isPresent().isNotEqualTo(java.util.Optional.of(first));
    }

    @Test
    public void meTellsWhoTheServerTakesTheCallerFor() {
        Reply me = api.get("api/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("tenant").asText()).isEqualTo("default");
        assertThat(me.json().get("roles").toString()).contains("admin");
        String authorization = api.authorization();
        String method = authorization == null ? "none" : authorization.startsWith("Bearer pm_") ? "api_key" : "jwt";
        assertThat(me.json().get("auth_method").asText()).isEqualTo(method);
        assertThat(me.json().get("request_id").asText()).isEqualTo(me.raw().headers().firstValue("X-Request-Id").orElseThrow());
        // Health needs no credentials, whatever the mode.
        assertThat(api.as(null).get("api/health").status()).isEqualTo(200);
    }

    @Test
    public void corsIsOffSoPreflightsAreRefused() {
        Reply preflight = api.send(HttpRequest.newBuilder(api.base().resolve("api/programs"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization")
                .build());
        assertError(preflight, 403, "Forbidden");
        assertThat(preflight.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        Reply answer = api.send(HttpRequest.newBuilder(api.base().resolve("api/programs")).header("Origin", "https://evil.example")
                .header("Accept", "application/json").GET().build());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    public void healthReportsTheManagersReadiness() throws Exception {
        Reply health = api.get("api/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("checks").findValuesAsText("name")).contains("pipeline-manager", "pipeline-manager-ready");
        JsonNode readiness = health.json().get("checks").findParent("background_work");
        assertThat(readiness.get("database").asText()).isEqualTo("UP");
        assertThat(readiness.get("background_work").asText()).isEqualTo("UP");
    }

    @Test
    public void metricsArePrometheusTextWithApiAndManagerMeters() {
        createProgram("p-" + suffix);
        api.get("api/programs/nope-" + suffix);
        Reply metrics = api.getText("api/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("# TYPE pm_api_requests_total counter")
                .containsPattern("pm_api_requests_total\\{method=\"POST\",route=\"/programs\",status=\"201\"} [1-9]")
                .containsPattern("pm_api_errors_total\\{error_code=\"UnknownProgram\",status=\"404\"} [1-9]")
                .containsPattern("pm_programs\\{status=\"(PENDING|COMPILING|SUCCESS)\"} [1-9]")
                .contains("pm_compile_cache_hits_total", "pm_compile_cache_misses_total", "pm_local_pipelines")
                .contains("pm_pipelines{status=\"STOPPED\"}")
                .contains("jvm_memory_used_bytes");
    }

    /** Creates a program with a two-statement code. */
    protected void createProgram(String name) {
        Reply created = api.post("api/programs", Map.of("name", name, "code", CODE));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    /** Asserts that {@code reply} is the error body of {@code code} with {@code status}. */
    protected static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.errorCode()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.json().has("message")).isTrue();
        assertThat(reply.json().get("details").isObject()).isTrue();
    }
}
