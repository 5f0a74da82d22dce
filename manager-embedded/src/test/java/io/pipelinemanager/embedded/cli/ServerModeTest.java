package io.pipelinemanager.embedded.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The server mode in-process: it serves the API and the OpenAPI document, stops cleanly, and fails with its exit codes. */
class ServerModeTest {

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newHttpClient();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    Cli cli;
    CompletableFuture<Integer> exit;

    private void start(Map<String, String> env, String... args) throws InterruptedException {
        cli = new Cli(env, new PrintWriter(out, true), new PrintWriter(err, true), false);
        exit = CompletableFuture.supplyAsync(() -> cli.run(args));
        await().atMost(Duration.ofSeconds(60)).until(() -> exit.isDone() || cli.awaitStarted(10, TimeUnit.MILLISECONDS));
    }

    @AfterEach
    void stop() {
        if (cli != null) {
            cli.stop();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(cli.serverUri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheApiAndExactlyTheDocumentThatDumpOpenApiPrintsThenStopsWithZero() throws Exception {
        start(Map.of(), "--port", "0", "--bind-address", "127.0.0.1", "--db-url", CliRun.h2Url(dir));
        assertThat(exit).isNotDone();
        assertThat(cli.serverUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(get("api/programs").statusCode()).isEqualTo(200);
        assertThat(out.toString()).contains("REST API on " + cli.serverUri().resolve("api/"));

        HttpResponse<String> served = get("openapi?format=json");
        assertThat(served.statusCode()).isEqualTo(200);
        CliRun dump = CliRun.run("--dump-openapi");
        assertThat(dump.exitCode()).isZero();
        assertThat(dump.out()).isEqualTo(served.body()).contains("\"openapi\"");

        cli.stop();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("Stopped");
    }

    @Test
    void thePortAndAddressComeFromTheEnvironmentWhenNoOptionSetsThem() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        start(Map.of("PM_HTTP_PORT", String.valueOf(port), "PM_BIND_ADDRESS", "127.0.0.1", "PM_DB_URL", CliRun.h2Url(dir)));
        assertThat(cli.serverUri()).isEqualTo(URI.create("http://127.0.0.1:" + port + "/"));
        assertThat(get("api/pipelines").statusCode()).isEqualTo(200);
    }

    @Test
    void aPortInUseIsItsOwnExitCode() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.run("--port", String.valueOf(taken.getLocalPort()), "--db-url", CliRun.h2Url(dir));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVER_FAILED);
            assertThat(run.err()).startsWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(run.err().lines()).hasSize(1);
        }
    }

    @Test
    void anAddressThatIsNotThisMachinesIsTheSameExitCode() {
        // 192.0.2.0/24 is reserved for documentation: no machine has it.
        CliRun run = CliRun.run("--port", "0", "--bind-address", "192.0.2.1", "--db-url", CliRun.h2Url(dir));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVER_FAILED);
        assertThat(run.err()).startsWith("Cannot listen on 192.0.2.1:0");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void anUnreachableDatabaseOrAFailedMigrationStopsTheStartWithTheirExitCodes() throws Exception {
        CliRun unreachable = CliRun.run("--port", "0", "--db-url", CliRun.missingH2Url(dir));
        assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.DATABASE_UNREACHABLE);
        assertThat(unreachable.err()).startsWith("Cannot connect to the database");

        String url = CliRun.h2Url(dir);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("CREATE TABLE somebody_elses (id INT)");
        }
        CliRun migration = CliRun.run("--port", "0", "--db-url", url);
        assertThat(migration.exitCode()).isEqualTo(ExitCodes.MIGRATION_FAILED);
        assertThat(migration.err()).startsWith("Cannot migrate the database");
        assertThat(migration.err().lines()).hasSize(1);
    }

    @Test
    void devModeServesThePipelinesOfTheWatchedFiles() throws Exception {
        Path sql = Files.createDirectory(dir.resolve("sql"));
        start(Map.of("PM_COMPILER_POLL_INTERVAL_MS", "50"), "--port", "0", "--db-url", CliRun.h2Url(dir), "--dev", sql.toString());
        Files.writeString(sql.resolve("shop.sql"), DevModeTest.V1);
        await().atMost(Duration.ofSeconds(60)).until(() -> get("api/pipelines/shop").body().contains("\"status\":\"RUNNING\""));
        // The watcher says so once it has seen the pipeline RUNNING too, which may be a moment after the API shows it.
        await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("[dev] shop.sql: program shop compiled"));
        assertThat(out.toString()).contains("development mode: watching");
    }
}
