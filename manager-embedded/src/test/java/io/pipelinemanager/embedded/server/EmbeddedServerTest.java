package io.pipelinemanager.embedded.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.AuthMode;
import io.pipelinemanager.core.api.Caller;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedding API: ports, ownership of the manager, failures to listen, the served OpenAPI document. */
class EmbeddedServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void portZeroPicksAFreePortAndTwoServersRunSideBySide() throws Exception {
        try (EmbeddedServer first = EmbeddedServer.builder().manager(TestServers.managerOnNewDatabase()).port(0).start();
             EmbeddedServer second = EmbeddedServer.builder().manager(TestServers.managerOnNewDatabase()).port(0).start()) {
            assertThat(first.port()).isPositive().isNotEqualTo(second.port());
            assertThat(first.uri()).isEqualTo(URI.create("http://127.0.0.1:" + first.port() + "/"));
            assertThat(get(first.uri().resolve("api/health")).statusCode()).isEqualTo(200);
            assertThat(get(second.uri().resolve("api/programs")).body()).isEqualTo("[]");
        }
    }

    @Test
    void aManagerGivenByTheHostStaysOpenAfterTheServerCloses() throws Exception {
        try (PipelineManager manager = TestServers.managerOnNewDatabase().build()) {
            URI uri;
            try (EmbeddedServer server = EmbeddedServer.builder().manager(manager).port(0).start()) {
                uri = server.uri();
                assertThat(server.manager()).isSameAs(manager);
                assertThat(get(uri.resolve("api/programs")).statusCode()).isEqualTo(200);
            }
            assertThat(manager.listPrograms(Caller.unauthenticated())).isEmpty();
            assertThatThrownBy(() -> get(uri.resolve("api/programs"))).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aManagerBuiltByTheServerClosesWithIt() {
        EmbeddedServer server = EmbeddedServer.builder().manager(TestServers.managerOnNewDatabase()).port(0).start();
        PipelineManager manager = server.manager();
        server.close();
        server.close(); // idempotent
        // Its database pool is closed: the facade can no longer answer.
        assertThatThrownBy(() -> manager.listPrograms(Caller.unauthenticated())).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aTakenPortIsABindFailureAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            EmbeddedServer.Builder builder = EmbeddedServer.builder().manager(TestServers.managerOnNewDatabase())
                    .port(taken.getLocalPort());
            assertThatThrownBy(builder::start).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(BindException.class);
        }
    }

    @Test
    void startWithoutAManagerOrWithABadPortIsRefused() {
        assertThatThrownBy(() -> EmbeddedServer.builder().port(0).start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("manager");
        assertThatThrownBy(() -> EmbeddedServer.builder().port(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedServer.builder().port(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAuthenticationModeIsTheManagersAsInTheWar() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder()
                .manager(TestServers.managerOnNewDatabase().authMode(AuthMode.APIKEY)).port(0).start()) {
            HttpResponse<String> refused = get(server.uri().resolve("api/programs"));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(new ObjectMapper().readTree(refused.body()).get("error_code").asText()).isEqualTo("Unauthenticated");
            assertThat(get(server.uri().resolve("api/health")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theServedOpenApiDocumentIsTheCommittedOne() throws Exception {
        EmbeddedServer server = TestServers.shared();
        HttpResponse<String> json = get(server.uri().resolve("openapi?format=json"));
        String committed = Files.readString(Path.of("../manager-jakarta-war/openapi.json"), StandardCharsets.UTF_8);
        assertThat(json.body()).isEqualTo(committed).isEqualTo(EmbeddedServer.openApiDocument());
        HttpResponse<String> yaml = get(server.uri().resolve("openapi"));
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        ObjectMapper mapper = new ObjectMapper();
        assertThat(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml.body()))
                .isEqualTo(mapper.readTree(committed));
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
